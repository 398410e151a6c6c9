package dev.steward.adapter.ldap;

import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.directory.Directory;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The directory contract against a real OpenLDAP slapd that the test starts itself. */
class SlapdLdapDirectoryContractTest extends DirectoryContract {
  private static TestLdap.Slapd slapd;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    TestLdap.requireSlapd();
    slapd = TestLdap.Slapd.start("/contract.ldif");
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
  protected java.util.Set<String> directMemberLogins(String group) {
    return TestLdap.directMemberLogins(slapd.port(), group);
  }

  @Override
  protected Directory directory() {
    return directory;
  }
}
