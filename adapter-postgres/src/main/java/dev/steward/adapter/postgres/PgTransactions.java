package dev.steward.adapter.postgres;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;

/** Transactions on the Vert.x Postgres pool: one connection and one transaction per use case. */
public final class PgTransactions implements Transactions {
  private final Pool pool;
  private final AuditSeal seal;

  public PgTransactions(Pool pool, AuditSeal seal) {
    this.pool = pool;
    this.seal = seal;
  }

  @Override
  public <T> Future<T> inTransaction(Function<UnitOfWork, Future<T>> work) {
    return pool.withTransaction(
            conn -> {
              PgUnitOfWork uow = PgUnitOfWork.inTransaction(conn, seal);
              return work.apply(uow).compose(result -> uow.sealAudit().map(result));
            })
        .recover(PgErrors::translate);
  }

  @Override
  public <T> Future<T> read(Function<UnitOfWork, Future<T>> work) {
    return Future.<T>succeededFuture()
        .compose(ignored -> work.apply(PgUnitOfWork.onPool(pool, seal)))
        .recover(PgErrors::translate);
  }
}
