package dev.steward.adapter.ldap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Rule filters against UnboundID's in-memory LDAP server. */
class InMemoryRuleFilterTest extends RuleFilterContract {
  private static EmbeddedLdapServer server;

  @BeforeAll
  static void start() {
    server = TestLdap.inMemory("/rules.ldif");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected int port() {
    return server.port();
  }
}
