package dev.steward.bootstrap;

import dev.steward.adapter.ldap.TestLdap;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The delivery scenario against a real OpenLDAP slapd (with memberOf) that the test starts. */
class DeliveryOnSlapdTest extends DeliveryEndToEndContract {
  private TestLdap.Slapd slapd;
  private RunningSteward steward;

  @BeforeEach
  void start() {
    TestLdap.requireSlapd();
    slapd = TestLdap.Slapd.start("/demo/demo.ldif");
    steward = RunningSteward.onDirectory(slapd.port(), clock, smtp.settings());
  }

  @AfterEach
  void stop() {
    if (steward != null) {
      steward.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  @Override
  protected RunningSteward steward() {
    return steward;
  }

  @Override
  protected Set<String> falconMembers() {
    return TestLdap.directMemberLogins(slapd.port(), "falcon-project");
  }
}
