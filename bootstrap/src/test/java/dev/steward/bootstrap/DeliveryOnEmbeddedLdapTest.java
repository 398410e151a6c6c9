package dev.steward.bootstrap;

import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The delivery scenario against UnboundID's in-memory LDAP server, over TCP. */
class DeliveryOnEmbeddedLdapTest extends DeliveryEndToEndContract {
  private EmbeddedLdapServer ldap;
  private RunningSteward steward;

  @BeforeEach
  void start() {
    ldap = TestLdap.inMemory("/demo/demo.ldif");
    steward = RunningSteward.onDirectory(ldap.port(), clock, smtp.settings());
  }

  @AfterEach
  void stop() {
    steward.close();
    ldap.close();
  }

  @Override
  protected RunningSteward steward() {
    return steward;
  }

  @Override
  protected Set<String> falconMembers() {
    return TestLdap.directMemberLogins(ldap.port(), "falcon-project");
  }
}
