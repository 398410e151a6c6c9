package dev.steward.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.steward.adapter.postgres.AuditSeal;
import dev.steward.adapter.postgres.PgPoolUsage;
import dev.steward.adapter.postgres.PgPools;
import dev.steward.adapter.postgres.PostgresSettings;
import dev.steward.application.port.out.Transactions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import javax.inject.Singleton;

/** Storage: the reactive Postgres pool behind the transactions port. */
@Module
final class PostgresModule {
  private PostgresModule() {}

  @Provides
  @Singleton
  static Pool pool(Vertx vertx, PostgresSettings settings, Instance instance) {
    return PgPools.create(vertx, settings, "steward/" + instance.name());
  }

  @Provides
  @Singleton
  static PgPoolUsage usage() {
    return new PgPoolUsage();
  }

  @Provides
  @Singleton
  static Transactions transactions(
      Pool pool,
      AuditSeal seal,
      PgPoolUsage usage,
      dev.steward.application.service.HeldRoleCache heldRoles) {
    // Every transaction that changes role assignments ends by making the cache forget.
    return heldRoles.tracking(PgPools.transactions(pool, seal, usage));
  }
}
