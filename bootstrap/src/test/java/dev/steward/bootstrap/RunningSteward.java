package dev.steward.bootstrap;

import dev.steward.adapter.postgres.PostgresSettings;
import dev.steward.adapter.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole Steward for end-to-end tests: a fresh database on the test Postgres (embedded or a
 * container), the demo directory in the embedded LDAP server, HTTP on a free loopback port.
 */
final class RunningSteward implements AutoCloseable {
  static final String ADA = "1c000000-0000-4000-8000-000000000001";
  static final String GIL = "1c000000-0000-4000-8000-000000000002";
  static final String UMA = "1c000000-0000-4000-8000-000000000003";
  static final String CARL = "1c000000-0000-4000-8000-000000000004";
  static final String OLIVIA = "1c000000-0000-4000-8000-000000000005";
  static final String OSCAR = "1c000000-0000-4000-8000-000000000006";
  static final String PAUL = "1c000000-0000-4000-8000-000000000007";
  static final String EVE = "1c000000-0000-4000-8000-000000000008";
  static final String ED = "1c000000-0000-4000-8000-000000000009";
  static final String PRIYA = "1c000000-0000-4000-8000-000000000010";
  static final String FIONA = "1c000000-0000-4000-8000-000000000011";
  static final String PROJECT_LEADS = "1d000000-0000-4000-8000-000000000004";
  static final String ENGINEERING = "1d000000-0000-4000-8000-000000000005";

  static final String OWNER_ROLE = "ae79f266-94d4-4dab-b730-feca7e132178";
  static final String READER_ROLE = "44272f93-9762-48e8-af59-1b5351b1d6b3";
  static final String APM_ROLE = "7f480852-ebdc-47d4-87de-0d8498384a83";
  static final String APAM_ROLE = "e2182095-804a-4656-ae11-64734e9b7ae5";
  static final String CREATOR_ROLE = "ba92d953-d8e0-4e39-a797-0cbedb0a89e8";

  final Steward steward;
  final PostgresSettings postgres;
  final Api api;

  private RunningSteward(Steward steward, PostgresSettings postgres) {
    this.steward = steward;
    this.postgres = postgres;
    this.api = new Api("http://127.0.0.1:" + steward.port());
  }

  static RunningSteward start() {
    return start(Map.of());
  }

  static RunningSteward start(Map<String, String> extra) {
    return start(extra, Steward.SYSTEM_CLOCK);
  }

  /** Steward on the demo organisation in an LDAP server the test started, with the test's clock. */
  static RunningSteward onDirectory(int ldapPort, dev.steward.application.port.out.Clock clock) {
    return onDirectory(ldapPort, clock, Map.of());
  }

  /** As above, with more settings (a mail server, say). */
  static RunningSteward onDirectory(
      int ldapPort, dev.steward.application.port.out.Clock clock, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.putAll(
        Map.of(
            "STEWARD_LDAP_HOST",
            "127.0.0.1",
            "STEWARD_LDAP_PORT",
            Integer.toString(ldapPort),
            "STEWARD_LDAP_BIND_DN",
            dev.steward.adapter.ldap.TestLdap.SERVICE_DN,
            "STEWARD_LDAP_BIND_PASSWORD",
            dev.steward.adapter.ldap.TestLdap.SERVICE_PASSWORD,
            "STEWARD_LDAP_BASE_DN",
            dev.steward.adapter.ldap.TestLdap.BASE_DN,
            "STEWARD_SCHEDULER_INTERVAL_SECONDS",
            "0"));
    return start(env, clock);
  }

  static RunningSteward start(
      Map<String, String> extra, dev.steward.application.port.out.Clock clock) {
    return start(extra, clock, null);
  }

  static RunningSteward start(
      Map<String, String> extra,
      dev.steward.application.port.out.Clock clock,
      dev.steward.adapter.http.AccessLog accessLog) {
    return start(extra, clock, accessLog, TestPostgres.freshDatabase());
  }

  /** A second Steward instance on the same Postgres database as this one. */
  RunningSteward another(Map<String, String> extra) {
    return start(extra, Steward.SYSTEM_CLOCK, null, postgres);
  }

  private static RunningSteward start(
      Map<String, String> extra,
      dev.steward.application.port.out.Clock clock,
      dev.steward.adapter.http.AccessLog accessLog,
      PostgresSettings pg) {
    Map<String, String> env = new HashMap<>();
    env.put("STEWARD_PG_HOST", pg.host());
    env.put("STEWARD_PG_PORT", Integer.toString(pg.port()));
    env.put("STEWARD_PG_DATABASE", pg.database());
    env.put("STEWARD_PG_USER", pg.user());
    env.put("STEWARD_PG_PASSWORD", pg.password());
    env.put("STEWARD_PG_MIGRATION_USER", pg.migrationUser());
    env.put("STEWARD_PG_MIGRATION_PASSWORD", pg.migrationPassword());
    env.put("STEWARD_HTTP_PORT", "0");
    env.put("STEWARD_MANAGEMENT_PORT", "0");
    env.put("STEWARD_LDAP_MEMBERSHIP_CACHE_SECONDS", "0");
    env.put("STEWARD_JWT_SECRET", "the-end-to-end-tests-shared-signing-key");
    env.put("STEWARD_AUDIT_KEY", "the-end-to-end-tests-shared-audit-key");
    env.put("STEWARD_SHUTDOWN_GRACE_SECONDS", "0");
    env.putAll(extra);
    try {
      env.put("STEWARD_DATA_DIR", Files.createTempDirectory("steward-e2e").toString());
      return new RunningSteward(Steward.start(new Config(env), clock, accessLog), pg);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts rows straight from Postgres, as the schema owner, to prove what changed. */
  long count(String sql, Object... params) {
    try (Connection c =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.migrationUser(), postgres.migrationPassword());
        var st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      var rs = st.executeQuery();
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void execute(String sql, Object... params) {
    TestPostgres.asOwner(postgres, sql, params);
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("steward-test");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    steward.close();
  }
}
