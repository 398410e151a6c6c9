package dev.steward.adapter.ldap;

import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.directory.Directory;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The directory contract over TCP against UnboundID's in-memory LDAP server. */
class InMemoryLdapDirectoryContractTest extends DirectoryContract {
  private static EmbeddedLdapServer server;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    server = TestLdap.inMemory("/contract.ldif");
    vertx = Vertx.vertx();
    directory =
        new LdapDirectory(
            vertx,
            TestLdap.settings(server.port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD));
  }

  @AfterAll
  static void stop() {
    directory.close();
    vertx.close().await();
    server.close();
  }

  @Override
  protected java.util.Set<String> directMemberLogins(String group) {
    return TestLdap.directMemberLogins(server.port(), group);
  }

  @Override
  protected Directory directory() {
    return directory;
  }
}
