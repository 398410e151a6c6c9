package dev.steward.adapter.postgres;

import java.util.Objects;

/**
 * Where Steward's database is and who connects to it.
 *
 * @param user the login the running application uses; a member of {@code appRole}
 * @param migrationUser the login that owns the schema and runs migrations
 * @param appRole the role that the migrations grant the application's rights to
 */
public record PostgresSettings(
    String host,
    int port,
    String database,
    String user,
    String password,
    String migrationUser,
    String migrationPassword,
    String appRole,
    int poolSize) {
  public PostgresSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(migrationUser, "migrationUser");
    Objects.requireNonNull(appRole, "appRole");
    if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("the application role must be a plain SQL identifier");
    }
    password = password == null ? "" : password;
    migrationPassword = migrationPassword == null ? "" : migrationPassword;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }
}
