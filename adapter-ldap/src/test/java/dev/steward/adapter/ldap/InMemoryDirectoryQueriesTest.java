package dev.steward.adapter.ldap;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Directory queries against UnboundID's in-memory LDAP server. */
class InMemoryDirectoryQueriesTest extends DirectoryQueriesContract {
  private static EmbeddedLdapServer server;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    server = TestLdap.inMemory("/queries.ldif");
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
  LdapDirectory directory() {
    return directory;
  }

  @Override
  int port() {
    return server.port();
  }
}
