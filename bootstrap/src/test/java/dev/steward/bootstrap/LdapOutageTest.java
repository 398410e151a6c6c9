package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The directory goes away under a running Steward: nobody is let in on a guess, a delivery that
 * cannot reach LDAP is recorded as failed, and reprocess completes it once LDAP is back.
 */
class LdapOutageTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  private static EmbeddedLdapServer directoryOn(int port) throws Exception {
    try (InputStream ldif = TestLdap.class.getResourceAsStream("/demo/demo.ldif")) {
      return EmbeddedLdapServer.start(
          TestLdap.BASE_DN, port, ldif, TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD);
    }
  }

  /** Steward on the directory at this port, remembering groups for a minute as in production. */
  private static RunningSteward onDirectoryAt(int port, String schedulerSeconds) {
    return RunningSteward.start(
        Map.of(
            "STEWARD_LDAP_HOST",
            "127.0.0.1",
            "STEWARD_LDAP_PORT",
            Integer.toString(port),
            "STEWARD_LDAP_BIND_DN",
            TestLdap.SERVICE_DN,
            "STEWARD_LDAP_BIND_PASSWORD",
            TestLdap.SERVICE_PASSWORD,
            "STEWARD_LDAP_BASE_DN",
            TestLdap.BASE_DN,
            "STEWARD_LDAP_MEMBERSHIP_CACHE_SECONDS",
            "60",
            "STEWARD_SCHEDULER_INTERVAL_SECONDS",
            schedulerSeconds));
  }

  @Test
  void authenticationAndAuthorizationFailClosedAndDeliveriesAreReprocessedAfterwards()
      throws Exception {
    EmbeddedLdapServer ldap = directoryOn(0);
    int port = ldap.port();
    // Group memberships and names are remembered for a minute, as in production.
    try (RunningSteward s = onDirectoryAt(port, "0")) {
      Api api = s.api;
      String catalog = api.createCatalog("ada", "Outage");
      api.assigned("ada", PAUL, APM_ROLE, catalog);
      Api.GrantingPackage granting =
          api.packageGrantingMembership("ada", "paul", catalog, FALCON, new JsonObject());
      String pkg = granting.pkg();
      String policy = granting.policy();
      // Eve signs in once, so her groups and name are cached like any active user's.
      assertEquals(
          200, api.get("eve", "/v1.0/roleManagement/entitlementManagement/myPermissions").status());
      assertEquals(200, api.get("paul", "/v1.0/users/" + EVE).status());

      ldap.close();

      // A sign-in nobody has made before cannot be checked: refused, never let in.
      Api.Response unknown = api.get("ed", "/v1.0/me");
      assertNotEquals(200, unknown.status());
      assertTrue(unknown.status() == 401 || unknown.status() == 503, unknown.text());

      Api.Response direct =
          api.post(
              "paul",
              EM + "/assignmentRequests",
              new JsonObject()
                  .put("requestType", "adminAdd")
                  .put(
                      "assignment",
                      new JsonObject()
                          .put("targetId", EVE)
                          .put("accessPackageId", pkg)
                          .put("assignmentPolicyId", policy)));
      assertEquals(201, direct.status(), direct.text());
      assertEquals("deliveryFailed", direct.json().getString("state"), direct.text());
      String assignment = direct.json().getJsonObject("assignment").getString("id");
      JsonObject failed = api.get("paul", EM + "/assignments/" + assignment).json();
      assertEquals("deliveryFailed", failed.getString("state"));
      assertTrue(failed.getString("deliveryError").contains("Member_" + FALCON), failed.encode());

      try (EmbeddedLdapServer back = directoryOn(port)) {
        Api.Response reprocessed =
            api.post("paul", EM + "/assignments/" + assignment + "/reprocess", new JsonObject());
        assertEquals(202, reprocessed.status(), reprocessed.text());
        assertEquals("delivered", reprocessed.json().getString("state"));
        assertTrue(TestLdap.directMemberLogins(port, "falcon-project").contains("eve"));
      }
    }
  }

  @Test
  void aDeliveryThatFailedWhileTheDirectoryWasDownIsDeliveredSoonAfterItIsBackWithoutReprocess()
      throws Exception {
    EmbeddedLdapServer ldap = directoryOn(0);
    int port = ldap.port();
    try (RunningSteward s = onDirectoryAt(port, "1")) {
      Api api = s.api;
      String catalog = api.createCatalog("ada", "Outage and return");
      api.assigned("ada", PAUL, APM_ROLE, catalog);
      Api.GrantingPackage granting =
          api.packageGrantingMembership("ada", "paul", catalog, FALCON, new JsonObject());
      // Eve and Paul were seen recently, so their groups are remembered through the outage.
      assertEquals(
          200, api.get("eve", "/v1.0/roleManagement/entitlementManagement/myPermissions").status());
      assertEquals(200, api.get("paul", "/v1.0/users/" + EVE).status());

      ldap.close();
      Api.Response direct =
          api.post(
              "paul",
              EM + "/assignmentRequests",
              new JsonObject()
                  .put("requestType", "adminAdd")
                  .put(
                      "assignment",
                      new JsonObject()
                          .put("targetId", EVE)
                          .put("accessPackageId", granting.pkg())
                          .put("assignmentPolicyId", granting.policy())));
      assertEquals("deliveryFailed", direct.json().getString("state"), direct.text());
      String request = direct.json().getString("id");
      String assignment = direct.json().getJsonObject("assignment").getString("id");
      String error =
          api.get("paul", EM + "/assignments/" + assignment).json().getString("deliveryError");
      assertFalse(error.contains("127.0.0.1") || error.contains(Integer.toString(port)), error);

      try (EmbeddedLdapServer back = directoryOn(port)) {
        long returned = System.nanoTime();
        String state = "deliveryFailed";
        while (!state.equals("delivered")
            && System.nanoTime() - returned < java.util.concurrent.TimeUnit.SECONDS.toNanos(60)) {
          Thread.sleep(250);
          state = api.get("paul", EM + "/assignments/" + assignment).json().getString("state");
        }
        assertEquals("delivered", state, "delivered within a minute of the directory's return");
        assertTrue(TestLdap.directMemberLogins(port, "falcon-project").contains("eve"));
        assertEquals(
            "delivered",
            api.get("paul", EM + "/assignmentRequests/" + request).json().getString("state"),
            "the request agrees with its assignment");
      }
    }
  }
}
