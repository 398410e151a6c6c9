package dev.steward.adapter.ldap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Rule filters against a real OpenLDAP slapd. */
class SlapdRuleFilterTest extends RuleFilterContract {
  private static TestLdap.Slapd slapd;

  @BeforeAll
  static void start() {
    TestLdap.requireSlapd();
    slapd = TestLdap.Slapd.start("/rules.ldif");
  }

  @AfterAll
  static void stop() {
    if (slapd != null) {
      slapd.close();
    }
  }

  @Override
  protected int port() {
    return slapd.port();
  }
}
