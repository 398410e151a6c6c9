package dev.steward.adapter.postgres;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;

/** Transactions on the Vert.x Postgres pool: one connection and one transaction per use case. */
public final class PgTransactions implements Transactions {
  private final Pool pool;

  public PgTransactions(Pool pool) {
    this.pool = pool;
  }

  @Override
  public <T> Future<T> inTransaction(Function<UnitOfWork, Future<T>> work) {
    return pool.withTransaction(conn -> work.apply(new PgUnitOfWork(conn)))
        .recover(PgErrors::translate);
  }

  @Override
  public <T> Future<T> read(Function<UnitOfWork, Future<T>> work) {
    return Future.<T>succeededFuture()
        .compose(ignored -> work.apply(new PgUnitOfWork(pool)))
        .recover(PgErrors::translate);
  }
}
