package dev.steward.adapter.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema up to date with Flyway, as the schema's owner. */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(PostgresSettings settings) {
    return Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword())
        .locations("classpath:db/migration")
        .placeholders(java.util.Map.of("appRole", settings.appRole()))
        .load()
        .migrate();
  }
}
