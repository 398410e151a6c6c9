package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.steward.adapter.ldap.AdOrganisation;
import dev.steward.adapter.ldap.SambaDc;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Steward on a strict Samba AD DC with only documented settings: the three login forms, ids equal
 * to AD's objectGUIDs, an administrator through nested groups, a managedBy owner adding their
 * group, and request, approval by the AD manager, delivery and removal in a policy scoped to a
 * group of more than 1,000 members — with a user who is already a member and one already gone.
 */
class ActiveDirectoryEndToEndTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final int CROWD = 1_050;

  private static LDAPConnection admin;
  private static AdOrganisation org;
  private static RunningSteward steward;
  private static final Map<String, String> ids = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    SambaDc dc = SambaDc.shared();
    admin = dc.admin();
    org = new AdOrganisation(admin, "Falcon");
    for (String login : List.of("ada", "olivia", "paul")) {
      org.user(login, login.toUpperCase(java.util.Locale.ROOT), login + "-demo-pw");
    }
    String paul = org.userDn("paul");
    org.user("eve", "Eve", "eve-demo-pw", "manager", paul);
    org.user("ed", "Ed", "ed-demo-pw", "manager", paul);
    List<String> engineering = new ArrayList<>(List.of(org.userDn("eve"), org.userDn("ed")));
    for (int i = 0; i < CROWD; i++) {
      engineering.add(org.user("e" + i, "Engineer " + i, null));
    }
    org.group("engineering", null, engineering.toArray(String[]::new));
    org.group("it-admins", null, org.userDn("ada"));
    org.group("global-admins", null, org.groupDn("it-admins"));
    org.group("falcon-project", org.userDn("olivia"), org.userDn("ed"));
    for (String login : List.of("ada", "olivia", "paul", "eve", "ed")) {
      ids.put(login, org.objectGuid(org.userDn(login)));
    }
    for (String group : List.of("engineering", "falcon-project")) {
      ids.put(group, org.objectGuid(org.groupDn(group)));
    }
    // Only settings README documents.
    steward =
        RunningSteward.start(
            Map.ofEntries(
                Map.entry("STEWARD_LDAP_DIRECTORY_TYPE", "activeDirectory"),
                Map.entry("STEWARD_LDAP_HOST", "127.0.0.1"),
                Map.entry("STEWARD_LDAP_PORT", "636"),
                Map.entry("STEWARD_LDAP_TLS", "ldaps"),
                Map.entry("STEWARD_LDAP_TRUSTSTORE", dc.trustStore().toString()),
                Map.entry("STEWARD_LDAP_TRUSTSTORE_PASSWORD", dc.trustStorePassword()),
                Map.entry("STEWARD_LDAP_BASE_DN", SambaDc.BASE_DN),
                Map.entry("STEWARD_LDAP_BIND_DN", SambaDc.ADMIN_DN),
                Map.entry("STEWARD_LDAP_BIND_PASSWORD", SambaDc.ADMIN_PASSWORD),
                Map.entry("STEWARD_GLOBAL_ADMIN_GROUP_DN", org.groupDn("global-admins")),
                Map.entry("STEWARD_SCHEDULER_INTERVAL_SECONDS", "0")));
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private static String basic(String login, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aUserSignsInWithEachOfAdsThreeLoginFormsAndIsKnownByTheirObjectGuid() {
    for (String login : List.of("eve", "eve@steward.test", "STEWARD\\eve")) {
      Api.Response me = steward.api.send("GET", "/v1.0/me", basic(login, "eve-demo-pw"), null);
      assertEquals(200, me.status(), login + ": " + me.text());
      assertEquals(ids.get("eve"), me.json().getString("id"));
      assertEquals("eve@steward.test", me.json().getString("userPrincipalName"));
    }
    assertEquals(401, steward.api.send("GET", "/v1.0/me", basic("eve", "wrong"), null).status());
    assertEquals(
        401,
        steward.api.send("GET", "/v1.0/me", basic("OTHER\\eve", "eve-demo-pw"), null).status());
  }

  @Test
  void aNestedGroupGivesTheAdministratorRoleAndAManagedByOwnerAddsTheirGroup() {
    Api api = steward.api;
    assertEquals(
        403, api.post("eve", Api.CATALOGS, new JsonObject().put("displayName", "No")).status());
    String catalog = api.createCatalog("ada", "Falcon on AD");
    api.assigned("ada", ids.get("olivia"), OWNER_ROLE, catalog);
    Api.Response notOwner = addResource("paul", catalog);
    assertEquals(403, notOwner.status(), notOwner.text());
    Api.Response added = addResource("olivia", catalog);
    assertEquals(201, added.status(), added.text());
    assertEquals(
        ids.get("falcon-project"), added.json().getJsonObject("resource").getString("originId"));
  }

  private Api.Response addResource(String login, String catalog) {
    return steward.api.post(
        login,
        EM + "/resourceRequests",
        new JsonObject()
            .put("requestType", "adminAdd")
            .put("resource", new JsonObject().put("originId", ids.get("falcon-project")))
            .put("catalog", new JsonObject().put("id", catalog)));
  }

  @Test
  void requestsAreApprovedByTheAdManagerAndDeliveredAndRemovedTruthfully() throws Exception {
    Api api = steward.api;
    String catalog = api.createCatalog("ada", "Falcon requests on AD");
    api.assigned("ada", ids.get("olivia"), OWNER_ROLE, catalog);
    String resource =
        addResource("olivia", catalog).json().getJsonObject("resource").getString("id");
    api.assigned("olivia", ids.get("paul"), APM_ROLE, catalog);
    String pkg =
        api.post(
                "paul",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "Falcon developer")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .json()
            .getString("id");
    // managedBy holds one owner: the Owner role is refused while the package is built.
    Api.Response owner = roleScope(pkg, resource, "Owner_");
    assertEquals(400, owner.status(), owner.text());
    assertEquals(201, roleScope(pkg, resource, "Member_").status());
    JsonObject policy = AccessPackageManagersEndToEndTest.seedPolicy(pkg);
    policy
        .getJsonArray("specificAllowedTargets")
        .getJsonObject(0)
        .put("groupId", ids.get("engineering"));
    policy
        .getJsonObject("requestApprovalSettings")
        .getJsonArray("stages")
        .getJsonObject(0)
        .getJsonArray("fallbackPrimaryApprovers")
        .getJsonObject(0)
        .put("userId", ids.get("olivia"));
    Api.Response created = api.post("paul", EM + "/assignmentPolicies", policy);
    assertEquals(201, created.status(), created.text());
    String policyId = created.json().getString("id");

    String eveAssignment = requestAndApprove("eve", pkg, policyId);
    assertTrue(org.directMemberLogins("falcon-project").contains("eve"));
    // ed is already a member: AD answers 68, a compare confirms, and it is delivered.
    String edAssignment = requestAndApprove("ed", pkg, policyId);
    assertTrue(org.directMemberLogins("falcon-project").contains("ed"));

    assertEquals("delivered", remove(eveAssignment));
    assertFalse(org.directMemberLogins("falcon-project").contains("eve"));
    // ed leaves the group behind Steward's back: AD answers 53, a compare confirms it.
    admin.modify(
        org.groupDn("falcon-project"),
        new Modification(ModificationType.DELETE, "member", org.userDn("ed")));
    assertEquals("delivered", remove(edAssignment));
    assertFalse(org.directMemberLogins("falcon-project").contains("ed"));
  }

  private Api.Response roleScope(String pkg, String resource, String role) {
    return steward.api.post(
        "paul",
        EM + "/accessPackages/" + pkg + "/resourceRoleScopes",
        new JsonObject()
            .put(
                "role",
                new JsonObject()
                    .put("originId", role + ids.get("falcon-project"))
                    .put("resource", new JsonObject().put("id", resource)))
            .put("scope", new JsonObject().put("originId", ids.get("falcon-project"))));
  }

  /** The user requests the package, their AD manager paul approves; the assignment's id. */
  private String requestAndApprove(String login, String pkg, String policyId) {
    Api api = steward.api;
    Api.Response submitted =
        api.post(
            login,
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "userAdd")
                .put("justification", "Working on Falcon")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("accessPackageId", pkg)
                        .put("assignmentPolicyId", policyId)));
    assertEquals(201, submitted.status(), submitted.text());
    String id = submitted.json().getString("id");
    Api.Response approved =
        api.patch(
            "paul",
            EM + "/assignmentApprovals/" + id + "/stages/1",
            new JsonObject().put("reviewResult", "Approve").put("justification", "ok"));
    assertEquals(204, approved.status(), approved.text());
    JsonObject request = api.get("ada", EM + "/assignmentRequests/" + id).json();
    assertEquals("delivered", request.getString("state"), request.encode());
    return request.getJsonObject("assignment").getString("id");
  }

  /** paul removes the assignment as an administrator would; the removal request's state. */
  private String remove(String assignment) {
    Api.Response removed =
        steward.api.post(
            "paul",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminRemove")
                .put("assignment", new JsonObject().put("id", assignment)));
    assertEquals(201, removed.status(), removed.text());
    return removed.json().getString("state");
  }
}
