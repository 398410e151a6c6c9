package dev.steward.application.port.out;

import io.vertx.core.Future;
import java.util.function.Function;

/** Opens the one transaction a use case runs in. */
public interface Transactions {
  /** Runs work in a transaction, committed when its future succeeds and rolled back otherwise. */
  <T> Future<T> inTransaction(Function<UnitOfWork, Future<T>> work);

  /** Runs read-only work without holding a transaction open. */
  <T> Future<T> read(Function<UnitOfWork, Future<T>> work);
}
