package dev.steward.adapter.postgres;

import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Transactions on the Vert.x Postgres pool: one connection per use case, in a transaction when it
 * changes anything. Connections are taken and given back here, counted in {@link PgPoolUsage}.
 */
public final class PgTransactions implements Transactions {
  /** How long a use case waits for a free connection, by default, before it is answered 503. */
  static final long CONNECTION_WAIT_MS = 5_000;

  private final Pool pool;
  private final AuditSeal seal;
  private final PgPoolUsage usage;

  private final long connectionWaitMs;

  public PgTransactions(Pool pool, AuditSeal seal, PgPoolUsage usage) {
    this(pool, seal, usage, CONNECTION_WAIT_MS);
  }

  PgTransactions(Pool pool, AuditSeal seal, PgPoolUsage usage, long connectionWaitMs) {
    this.pool = pool;
    this.seal = seal;
    this.usage = usage;
    this.connectionWaitMs = connectionWaitMs;
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
    return connection()
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

  /**
   * A connection from the pool, waiting at most {@code connectionWaitMs}. The wait is bounded here,
   * not by the pool's own acquisition timeout: in Vert.x 5.0 that timer is armed after the waiter
   * is queued, outside the pool's lock, so a connection handed over on another event loop in
   * between leaves it armed; it fires later and fails the waiter a second time ("Promise already
   * completed", logged hundreds of times a benchmark run and once answered as a 500 to a request
   * that had done nothing wrong; vertx-sql-client#1567). Here the timer is armed only when the
   * connection is not at hand, on the caller's context, and a connection that arrives after the
   * wait was given up goes straight back to the pool.
   */
  private Future<SqlConnection> connection() {
    Future<SqlConnection> acquiring = pool.getConnection();
    Context context = Vertx.currentContext();
    if (acquiring.isComplete() || context == null) {
      return acquiring;
    }
    Promise<SqlConnection> bounded = Promise.promise();
    long timer =
        context
            .owner()
            .setTimer(
                connectionWaitMs,
                id ->
                    bounded.tryFail(
                        new DependencyUnavailableException(
                            "postgres",
                            new TimeoutException(
                                "no Postgres connection free within "
                                    + connectionWaitMs
                                    + " ms"))));
    acquiring.onComplete(
        (conn, failure) -> {
          context.owner().cancelTimer(timer);
          if (failure != null) {
            bounded.tryFail(failure);
          } else if (!bounded.tryComplete(conn)) {
            conn.close(); // the caller gave up waiting: the connection goes back unused
          }
        });
    return bounded.future();
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
