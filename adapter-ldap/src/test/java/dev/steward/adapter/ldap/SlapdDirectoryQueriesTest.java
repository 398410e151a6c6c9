package dev.steward.adapter.ldap;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Directory queries against a real OpenLDAP slapd that the test starts itself. */
class SlapdDirectoryQueriesTest extends DirectoryQueriesContract {
  private static TestLdap.Slapd slapd;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    TestLdap.requireSlapd();
    slapd = TestLdap.Slapd.start("/queries.ldif");
    vertx = Vertx.vertx();
    directory =
        new LdapDirectory(
            vertx, TestLdap.settings(slapd.port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD));
  }

  @AfterAll
  static void stop() {
    if (directory != null) {
      directory.close();
      vertx.close().await();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  @Override
  LdapDirectory directory() {
    return directory;
  }

  @Override
  int port() {
    return slapd.port();
  }
}
