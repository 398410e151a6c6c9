package dev.steward.adapter.postgres;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * Transactions on the Vert.x Postgres pool: one connection per use case, in a transaction when it
 * changes anything. Connections are taken and given back here, counted in {@link PgPoolUsage}.
 */
public final class PgTransactions implements Transactions {
  private final Pool pool;
  private final AuditSeal seal;
  private final PgPoolUsage usage;

  public PgTransactions(Pool pool, AuditSeal seal, PgPoolUsage usage) {
    this.pool = pool;
    this.seal = seal;
    this.usage = usage;
  }

  @Override
  public <T> Future<T> inTransaction(Function<UnitOfWork, Future<T>> work) {
    return withConnection(
            conn ->
                conn.begin()
                    .compose(
                        tx -> {
                          PgUnitOfWork uow = PgUnitOfWork.inTransaction(conn, seal);
                          return start(() -> work.apply(uow))
                              .compose(result -> uow.sealAudit().map(result))
                              .compose(
                                  result -> tx.commit().map(result),
                                  failure ->
                                      tx.rollback()
                                          .transform(
                                              rolledBack -> Future.<T>failedFuture(failure)));
                        }))
        .recover(PgErrors::translate);
  }

  @Override
  public <T> Future<T> read(Function<UnitOfWork, Future<T>> work) {
    return withConnection(
            conn -> start(() -> work.apply(PgUnitOfWork.forReading(conn, pool, seal))))
        .recover(PgErrors::translate);
  }

  /** Runs {@code work} on a connection of its own, given back to the pool when it is done. */
  private <T> Future<T> withConnection(Function<SqlConnection, Future<T>> work) {
    usage.startWaiting();
    return pool.getConnection()
        .andThen(got -> usage.stopWaiting())
        .compose(
            conn -> {
              usage.take();
              return start(() -> work.apply(conn))
                  .andThen(
                      done -> {
                        usage.giveBack();
                        conn.close();
                      });
            });
  }

  /** The future {@code work} gives, or a failed one when it throws instead. */
  private static <T> Future<T> start(java.util.function.Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
