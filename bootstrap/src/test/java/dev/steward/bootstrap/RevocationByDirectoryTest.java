package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static dev.steward.bootstrap.RunningSteward.PROJECT_LEADS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A role held through an LDAP group stops counting once the user leaves the group, within the
 * membership cache time (documented as STEWARD_LDAP_MEMBERSHIP_CACHE_SECONDS).
 */
class RevocationByDirectoryTest {
  @Test
  void leavingTheGroupThatHeldTheRoleIsRefusedWithinTheMembershipBound() throws Exception {
    try (EmbeddedLdapServer ldap = TestLdap.inMemory("/demo/demo.ldif");
        RunningSteward s =
            RunningSteward.start(
                Map.of(
                    "STEWARD_LDAP_HOST",
                    "127.0.0.1",
                    "STEWARD_LDAP_PORT",
                    Integer.toString(ldap.port()),
                    "STEWARD_LDAP_BIND_DN",
                    TestLdap.SERVICE_DN,
                    "STEWARD_LDAP_BIND_PASSWORD",
                    TestLdap.SERVICE_PASSWORD,
                    "STEWARD_LDAP_BASE_DN",
                    TestLdap.BASE_DN,
                    "STEWARD_LDAP_MEMBERSHIP_CACHE_SECONDS",
                    "1"))) {
      Api api = s.api;
      String catalog = api.createCatalog("ada", "Through a group");
      // project-leads (paul, priya) owns the catalog.
      api.assigned("ada", PROJECT_LEADS, OWNER_ROLE, catalog);
      assertEquals(201, api.assign("paul", EVE, APM_ROLE, catalog).status());

      try (LDAPConnection c =
          new LDAPConnection(
              "127.0.0.1", ldap.port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD)) {
        c.modify(
            "cn=project-leads,ou=groups,dc=example,dc=org",
            new Modification(
                ModificationType.DELETE, "member", "uid=paul,ou=people,dc=example,dc=org"));
      }
      Thread.sleep(1_100);
      assertEquals(403, api.assign("paul", RunningSteward.ED, APM_ROLE, catalog).status());
      assertEquals(201, api.assign("priya", RunningSteward.ED, APM_ROLE, catalog).status());
    }
  }
}
