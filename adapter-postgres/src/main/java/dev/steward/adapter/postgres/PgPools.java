package dev.steward.adapter.postgres;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the reactive connection pool the application runs on. */
public final class PgPools {
  private PgPools() {}

  public static Pool create(Vertx vertx, PostgresSettings settings) {
    return create(vertx, settings, "steward");
  }

  /** A pool whose connections show {@code applicationName} in {@code pg_stat_activity}. */
  public static Pool create(Vertx vertx, PostgresSettings settings, String applicationName) {
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setDatabase(settings.database())
            .setUser(settings.user())
            .setPassword(settings.password())
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(256)
            .addProperty("application_name", applicationName);
    PoolOptions pool =
        new PoolOptions()
            .setMaxSize(settings.poolSize())
            .setMaxWaitQueueSize(10_000)
            // No pool acquisition timer (racy in Vert.x 5.0, vertx-sql-client#1567): use cases
            // bound their wait for a connection in PgTransactions instead.
            .setConnectionTimeout(0)
            .setName("steward-pg");
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /** The transactions port over a pool. */
  /** Transactions on the pool; the audit records they write are sealed with {@code seal}. */
  public static PgTransactions transactions(Pool pool, AuditSeal seal) {
    return new PgTransactions(pool, seal, new PgPoolUsage());
  }

  /** As above, counting connections taken and awaited in {@code usage}. */
  public static PgTransactions transactions(Pool pool, AuditSeal seal, PgPoolUsage usage) {
    return new PgTransactions(pool, seal, usage);
  }
}
