package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.OLIVIA;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static dev.steward.bootstrap.RunningSteward.PRIYA;
import static dev.steward.bootstrap.RunningSteward.READER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What access package managers do, over HTTP on real Postgres and LDAP: a catalog owner adds an
 * LDAP group as a resource and delegates a manager; the manager builds a package granting Member of
 * the group with a policy; the manager cannot add resources; a reader sees but cannot change.
 */
class AccessPackageManagersEndToEndTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";
  static final String ENGINEERING = RunningSteward.ENGINEERING;
  static final String FINANCE = "1d000000-0000-4000-8000-000000000007";

  private static RunningSteward s;
  private static Api api;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
    api = s.api;
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonObject resourceRequest(String type, String group, String catalog) {
    return new JsonObject()
        .put("requestType", type)
        .put("resource", new JsonObject().put("originId", group).put("originSystem", "AadGroup"))
        .put("catalog", new JsonObject().put("id", catalog));
  }

  /** The one item of a listing with this id; fails when it is not there once. */
  private static JsonObject only(Api.Response listing, String id) {
    assertEquals(200, listing.status(), listing.text());
    List<JsonObject> found =
        listing.value().stream()
            .map(o -> (JsonObject) o)
            .filter(o -> o.getString("id").equals(id))
            .toList();
    assertEquals(1, found.size(), listing.text());
    return found.get(0);
  }

  /** "Members of engineering may request; their manager approves, fallback Olivia; 30 days." */
  static JsonObject seedPolicy(String pkg) {
    return new JsonObject()
        .put("displayName", "Engineers may request")
        .put("description", "Manager approves; access lasts 30 days")
        .put("accessPackage", new JsonObject().put("id", pkg))
        .put("allowedTargetScope", "specificDirectoryUsers")
        .put(
            "specificAllowedTargets",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("@odata.type", "#microsoft.graph.groupMembers")
                        .put("groupId", ENGINEERING)))
        .put(
            "requestorSettings",
            new JsonObject()
                .put("enableTargetsToSelfAddAccess", true)
                .put("enableTargetsToSelfRemoveAccess", true))
        .put(
            "requestApprovalSettings",
            new JsonObject()
                .put("isApprovalRequiredForAdd", true)
                .put(
                    "stages",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("durationBeforeAutomaticDenial", "P7D")
                                .put(
                                    "primaryApprovers",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put(
                                                    "@odata.type",
                                                    "#microsoft.graph.requestorManager")
                                                .put("managerLevel", 1)))
                                .put(
                                    "fallbackPrimaryApprovers",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("@odata.type", "#microsoft.graph.singleUser")
                                                .put("userId", OLIVIA))))))
        .put("expiration", new JsonObject().put("type", "afterDuration").put("duration", "P30D"));
  }

  @Test
  void anOwnerAddsAGroupDelegatesAManagerWhoBuildsAPackageWithAPolicy() {
    String catalog = api.createCatalog("olivia", "Project Falcon " + UUID.randomUUID());
    Api.Response added =
        api.post("olivia", EM + "/resourceRequests", resourceRequest("adminAdd", FALCON, catalog));
    assertEquals(201, added.status(), added.text());
    String resource = added.json().getJsonObject("resource").getString("id");
    assertEquals(FALCON, added.json().getJsonObject("resource").getString("originId"));
    api.assigned("olivia", PAUL, APM_ROLE, catalog);
    api.assigned("olivia", PRIYA, READER_ROLE, catalog);

    // Which roles: the resource offers Member and Owner.
    Api.Response roles =
        api.get(
            "paul",
            EM
                + "/catalogs/"
                + catalog
                + "/resourceRoles?$filter="
                + Api.q("resource/id eq '" + resource + "'")
                + "&$expand=resource");
    assertEquals(200, roles.status(), roles.text());
    assertEquals(2, roles.value().size());

    Api.Response pkg =
        api.post(
            "paul",
            EM + "/accessPackages",
            new JsonObject()
                .put("displayName", "Falcon developer")
                .put("description", "Build Falcon")
                .put("catalog", new JsonObject().put("id", catalog)));
    assertEquals(201, pkg.status(), pkg.text());
    String pkgId = pkg.json().getString("id");

    JsonObject scopeBody =
        new JsonObject()
            .put(
                "role",
                new JsonObject()
                    .put("originId", "Member_" + FALCON)
                    .put("originSystem", "AadGroup")
                    .put("resource", new JsonObject().put("id", resource)))
            .put("scope", new JsonObject().put("originId", FALCON).put("originSystem", "AadGroup"));
    Api.Response scope =
        api.post("paul", EM + "/accessPackages/" + pkgId + "/resourceRoleScopes", scopeBody);
    assertEquals(201, scope.status(), scope.text());
    assertEquals("Member_" + FALCON, scope.json().getJsonObject("role").getString("originId"));
    assertEquals(
        409,
        api.post("paul", EM + "/accessPackages/" + pkgId + "/resourceRoleScopes", scopeBody)
            .status());

    Api.Response policy = api.post("paul", EM + "/assignmentPolicies", seedPolicy(pkgId));
    assertEquals(201, policy.status(), policy.text());
    JsonObject p = policy.json();
    assertEquals("P30D", p.getJsonObject("expiration").getString("duration"));
    assertEquals(
        "#microsoft.graph.requestorManager",
        p.getJsonObject("requestApprovalSettings")
            .getJsonArray("stages")
            .getJsonObject(0)
            .getJsonArray("primaryApprovers")
            .getJsonObject(0)
            .getString("@odata.type"));

    // The reader sees all of it.
    Api.Response seen =
        api.get(
            "priya",
            EM
                + "/accessPackages/"
                + pkgId
                + "?$expand="
                + Api.q("resourceRoleScopes($expand=role,scope),assignmentPolicies"));
    assertEquals(200, seen.status(), seen.text());
    assertEquals(1, seen.json().getJsonArray("resourceRoleScopes").size());
    assertEquals(
        p.getString("id"),
        seen.json().getJsonArray("assignmentPolicies").getJsonObject(0).getString("id"));
    // An engineer may request it: Graph's answer is the package alone (decision 0028) ...
    String requestable = EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')?$top=999";
    JsonObject offered = only(api.get("eve", requestable), pkgId);
    assertEquals("Build Falcon", offered.getString("description"));
    assertFalse(offered.containsKey("assignmentPolicies"), offered.encode());
    // ... with $expand=assignmentPolicies, the policies that let her ask ...
    JsonObject expanded = only(api.get("eve", requestable + "&$expand=assignmentPolicies"), pkgId);
    assertEquals(
        List.of(p.getString("id")),
        expanded.getJsonArray("assignmentPolicies").stream()
            .map(x -> ((JsonObject) x).getString("id"))
            .toList());
    // $count=true counts every package she may request, not the page: a second one, then $top=1.
    Api.Response second =
        api.post(
            "paul",
            EM + "/accessPackages",
            new JsonObject()
                .put("displayName", "Falcon reviewers")
                .put("catalog", new JsonObject().put("id", catalog)));
    assertEquals(201, second.status(), second.text());
    assertEquals(
        201,
        api.post("paul", EM + "/assignmentPolicies", seedPolicy(second.json().getString("id")))
            .status());
    int all = api.get("eve", requestable).value().size();
    Api.Response counted =
        api.get(
            "eve",
            EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')?$top=1&$count=true");
    assertEquals(200, counted.status(), counted.text());
    assertEquals(1, counted.value().size());
    assertTrue(all >= 2, "both packages are offered");
    assertEquals(all, counted.json().getInteger("@odata.count"), counted.text());
    // ... nothing else is expanded, and someone outside engineering is offered nothing of it.
    Api.Response refused = api.get("eve", requestable + "&$expand=catalog");
    assertEquals(400, refused.status(), refused.text());
    assertTrue(refused.text().contains("catalog"), refused.text());
    assertTrue(
        api.get("fiona", requestable).value().stream()
            .noneMatch(o -> ((JsonObject) o).getString("id").equals(pkgId)));

    Api.Response listed =
        api.get(
            "priya",
            EM + "/assignmentPolicies?$filter=" + Api.q("accessPackage/id eq '" + pkgId + "'"));
    assertEquals(1, listed.value().size());
    Api.Response byName =
        api.get("priya", EM + "/accessPackages?$filter=" + Api.q("contains(displayName,'falcon')"));
    assertTrue(
        byName.value().stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(pkgId)));

    // ... but changes nothing.
    long before = rows();
    assertEquals(
        403,
        api.post(
                "priya",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "x")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .status());
    assertEquals(
        403,
        api.patch("priya", EM + "/accessPackages/" + pkgId, new JsonObject().put("isHidden", true))
            .status());
    assertEquals(403, api.post("priya", EM + "/assignmentPolicies", seedPolicy(pkgId)).status());
    assertEquals(
        403, api.delete("priya", EM + "/assignmentPolicies/" + p.getString("id")).status());
    assertEquals(before, rows());

    // The manager may not add resources, edit or delete the catalog.
    Api.Response addResource =
        api.post(
            "paul", EM + "/resourceRequests", resourceRequest("adminAdd", ENGINEERING, catalog));
    assertEquals(403, addResource.status());
    assertEquals("UnAuthorized", addResource.errorCode());
    assertEquals(
        403,
        api.patch("paul", Api.CATALOGS + "/" + catalog, new JsonObject().put("displayName", "x"))
            .status());
    assertEquals(403, api.delete("paul", Api.CATALOGS + "/" + catalog).status());

    // The resource is in use, so it cannot leave the catalog.
    Api.Response removeInUse =
        api.post(
            "olivia", EM + "/resourceRequests", resourceRequest("adminRemove", FALCON, catalog));
    assertEquals(400, removeInUse.status());
    assertEquals("InvalidDeleteResourceHasEntitlements", removeInUse.errorCode());
    assertEquals(before, rows());
  }

  private long rows() {
    return s.count(
        "SELECT (SELECT count(*) FROM access_package) + (SELECT count(*) FROM assignment_policy)"
            + " + (SELECT count(*) FROM catalog_resource) + (SELECT count(*) FROM resource_role_scope)"
            + " + (SELECT count(*) FROM audit_record) + (SELECT count(*) FROM catalog)");
  }

  @Test
  void anOwnerWhoDoesNotOwnTheLdapGroupCannotAddItButAnAdministratorCan() {
    String catalog = api.createCatalog("olivia", "Finance " + UUID.randomUUID());
    Api.Response refused =
        api.post("olivia", EM + "/resourceRequests", resourceRequest("adminAdd", FINANCE, catalog));
    assertEquals(403, refused.status());
    assertTrue(
        refused.json().getJsonObject("error").getString("message").contains("owner"),
        refused.text());
    assertEquals(
        201,
        api.post("ada", EM + "/resourceRequests", resourceRequest("adminAdd", FINANCE, catalog))
            .status());
    assertEquals(
        409,
        api.post("ada", EM + "/resourceRequests", resourceRequest("adminAdd", FINANCE, catalog))
            .status());
    Api.Response notAGroup =
        api.post("ada", EM + "/resourceRequests", resourceRequest("adminAdd", PAUL, catalog));
    assertEquals(404, notAGroup.status());
  }

  @Test
  void aManagerInAnotherCatalogIsRefusedEverywhereHere() {
    String mine = api.createCatalog("olivia", "Mine " + UUID.randomUUID());
    String theirs = api.createCatalog("oscar", "Theirs " + UUID.randomUUID());
    api.assigned("oscar", PAUL, APM_ROLE, theirs);
    String pkg =
        api.post(
                "olivia",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "Olivia's")
                    .put("catalog", new JsonObject().put("id", mine)))
            .json()
            .getString("id");
    assertEquals(
        403,
        api.post(
                "paul",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "x")
                    .put("catalog", new JsonObject().put("id", mine)))
            .status());
    assertEquals(403, api.get("paul", EM + "/accessPackages/" + pkg).status());
    assertEquals(403, api.delete("paul", EM + "/accessPackages/" + pkg).status());
    assertEquals(403, api.post("paul", EM + "/assignmentPolicies", seedPolicy(pkg)).status());
    assertTrue(
        api.get("paul", EM + "/accessPackages").value().stream()
            .noneMatch(o -> ((JsonObject) o).getString("id").equals(pkg)));
  }

  @Test
  void deletingAPackageWithAssignmentsSaysHowManyRemain() {
    String catalog = api.createCatalog("olivia", "Assigned " + UUID.randomUUID());
    String pkg =
        api.post(
                "olivia",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "Busy")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .json()
            .getString("id");
    for (int i = 0; i < 2; i++) {
      s.execute(
          "INSERT INTO access_package_assignment (id, access_package_id, target_id, state, created_at,"
              + " policy_id, catalog_id, start_at, modified_at)"
              + " SELECT ?, id, ?, 'delivered', ?, ?, catalog_id, ?, ? FROM access_package WHERE id = ?",
          UUID.randomUUID(),
          UUID.randomUUID(),
          Timestamp.from(Instant.now()),
          UUID.randomUUID(),
          Timestamp.from(Instant.now()),
          Timestamp.from(Instant.now()),
          UUID.fromString(pkg));
    }
    Api.Response r = api.delete("olivia", EM + "/accessPackages/" + pkg);
    assertEquals(400, r.status());
    assertEquals("InvalidDeleteResourceHasEntitlements", r.errorCode());
    assertTrue(
        r.json().getJsonObject("error").getString("message").contains("2 assignment"), r.text());
    Api.Response catalogDelete = api.delete("olivia", Api.CATALOGS + "/" + catalog);
    assertEquals(400, catalogDelete.status());
  }

  @Test
  void badPoliciesAreRefusedWithTheFieldNamedAndNothingStored() {
    String catalog = api.createCatalog("olivia", "Policies " + UUID.randomUUID());
    String pkg =
        api.post(
                "olivia",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "P")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .json()
            .getString("id");
    long before = s.count("SELECT count(*) FROM assignment_policy");
    JsonObject tooLong =
        seedPolicy(pkg)
            .put(
                "expiration",
                new JsonObject().put("type", "afterDuration").put("duration", "P4000D"));
    Api.Response r = api.post("olivia", EM + "/assignmentPolicies", tooLong);
    assertEquals(400, r.status());
    assertEquals("InvalidModel", r.errorCode());
    assertTrue(
        r.json().getJsonObject("error").getString("message").contains("expiration.duration"),
        r.text());
    JsonObject ghost = seedPolicy(pkg);
    ghost
        .getJsonArray("specificAllowedTargets")
        .getJsonObject(0)
        .put("groupId", UUID.randomUUID().toString());
    assertEquals(404, api.post("olivia", EM + "/assignmentPolicies", ghost).status());
    JsonObject unknown = seedPolicy(pkg).put("verifiableCredentialSettings", new JsonObject());
    assertEquals(400, api.post("olivia", EM + "/assignmentPolicies", unknown).status());
    JsonObject fourStages = seedPolicy(pkg);
    JsonArray stages = fourStages.getJsonObject("requestApprovalSettings").getJsonArray("stages");
    stages
        .add(stages.getJsonObject(0).copy())
        .add(stages.getJsonObject(0).copy())
        .add(stages.getJsonObject(0).copy());
    assertEquals(400, api.post("olivia", EM + "/assignmentPolicies", fourStages).status());
    assertEquals(before, s.count("SELECT count(*) FROM assignment_policy"));
  }

  @Test
  void incompatibleAccessPackagesAndGroupsAreSetThroughReferences() {
    String catalog = api.createCatalog("olivia", "SoD " + UUID.randomUUID());
    String a =
        api.post(
                "olivia",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "Payments")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .json()
            .getString("id");
    String b =
        api.post(
                "olivia",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "Audit")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .json()
            .getString("id");
    Api.Response ref =
        api.post(
            "olivia",
            EM + "/accessPackages/" + a + "/incompatibleAccessPackages/$ref",
            new JsonObject()
                .put(
                    "@odata.id",
                    "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages/"
                        + b));
    assertEquals(204, ref.status(), ref.text());
    Api.Response group =
        api.post(
            "olivia",
            EM + "/accessPackages/" + a + "/incompatibleGroups/$ref",
            new JsonObject()
                .put("@odata.id", "https://graph.microsoft.com/v1.0/groups/" + FINANCE));
    assertEquals(204, group.status(), group.text());
    assertEquals(
        b,
        api.get("olivia", EM + "/accessPackages/" + a + "/incompatibleAccessPackages")
            .value()
            .getJsonObject(0)
            .getString("id"));
    assertEquals(
        0,
        api.get("olivia", EM + "/accessPackages/" + b + "/incompatibleAccessPackages")
            .value()
            .size());
    assertEquals(
        FINANCE,
        api.get("olivia", EM + "/accessPackages/" + a + "/incompatibleGroups")
            .value()
            .getJsonObject(0)
            .getString("id"));
    assertEquals(
        204,
        api.delete(
                "olivia",
                EM + "/accessPackages/" + a + "/incompatibleAccessPackages/" + b + "/$ref")
            .status());
    assertEquals(
        404,
        api.delete(
                "olivia",
                EM + "/accessPackages/" + a + "/incompatibleAccessPackages/" + b + "/$ref")
            .status());
    assertEquals(
        400,
        api.post(
                "olivia",
                EM + "/accessPackages/" + a + "/incompatibleGroups/$ref",
                new JsonObject().put("@odata.id", "nonsense"))
            .status());
  }
}
