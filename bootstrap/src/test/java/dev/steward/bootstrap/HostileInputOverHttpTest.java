package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hostile bodies, ids and queries against every endpoint that changes something: only
 * 4xx answers with a known code, the process stays up, and row counts prove nothing changed.
 */
class HostileInputOverHttpTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final Set<String> CODES =
      Set.of(
          "InvalidModel",
          "ResourceNotFound",
          "RoleNotFound",
          "PrincipalNotFound",
          "UnAuthorized",
          "RequestEntityTooLarge",
          "BadRequest",
          "RequestNotPending",
          "ResourceNotInCatalog",
          "AlreadyExists");

  private static final List<String> BODIES =
      List.of(
          "",
          "{",
          "}",
          "[]",
          "null",
          "42",
          "\"text\"",
          "{\"a\":",
          "{\"displayName\":null}",
          "{\"displayName\":42}",
          "{\"displayName\":[\"x\"]}",
          "{\"displayName\":{\"$gt\":\"\"}}",
          "{\"displayName\":\"a\\u0000b\"}",
          "{\"displayName\":\"\\u202e\\ud800\"}",
          "{\"unknown\":true}",
          "{\"catalog\":{\"id\":\"*)(uid=*\"}}",
          "{\"catalog\":{\"id\":\"' OR 1=1 --\"}}",
          "{\"principalId\":\"" + "0".repeat(36) + "\"}",
          "{\"requestType\":\"adminAdd\",\"assignment\":[]}",
          "{\"reviewResult\":\"Maybe\"}",
          "{\"@odata.id\":\"javascript:alert(1)\"}",
          "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
          "{\"displayName\":\"" + "x".repeat(300_000) + "\"}");

  @Test
  void everyWritingEndpointAnswersHostileInputWith4xxAndChangesNothing() {
    try (RunningSteward s = RunningSteward.start()) {
      Api api = s.api;
      String catalog = api.createCatalog("olivia", "Hostile " + UUID.randomUUID());
      String pkg =
          api.post(
                  "olivia",
                  EM + "/accessPackages",
                  new JsonObject()
                      .put("displayName", "P")
                      .put("catalog", new JsonObject().put("id", catalog)))
              .json()
              .getString("id");
      String bad = "not-a-guid";
      String missing = UUID.randomUUID().toString();
      List<String[]> endpoints =
          List.of(
              new String[] {"POST", Api.CATALOGS},
              new String[] {"PATCH", Api.CATALOGS + "/" + catalog},
              new String[] {"PATCH", Api.CATALOGS + "/" + bad},
              new String[] {"POST", Api.ROLES + "/roleAssignments"},
              new String[] {"POST", EM + "/resourceRequests"},
              new String[] {"POST", EM + "/accessPackages"},
              new String[] {"PATCH", EM + "/accessPackages/" + pkg},
              new String[] {"POST", EM + "/accessPackages/" + pkg + "/resourceRoleScopes"},
              new String[] {
                "POST", EM + "/accessPackages/" + pkg + "/incompatibleAccessPackages/$ref"
              },
              new String[] {"POST", EM + "/accessPackages/" + pkg + "/incompatibleGroups/$ref"},
              new String[] {"POST", EM + "/assignmentPolicies"},
              new String[] {"PUT", EM + "/assignmentPolicies/" + missing},
              new String[] {"POST", EM + "/assignmentRequests"},
              new String[] {"PATCH", EM + "/assignmentApprovals/" + missing + "/stages/1"},
              new String[] {"PATCH", EM + "/assignmentApprovals/" + bad + "/stages/1"},
              new String[] {"POST", Api.CATALOGS + "/" + catalog + "/customWorkflowExtensions"},
              new String[] {
                "PATCH", Api.CATALOGS + "/" + catalog + "/customWorkflowExtensions/" + missing
              },
              new String[] {"POST", EM + "/assignmentRequests/" + missing + "/resume"},
              new String[] {"POST", EM + "/assignmentRequests/" + bad + "/resume"});
      long before = rows(s);
      List<String> wrong = new ArrayList<>();
      for (String[] endpoint : endpoints) {
        for (String body : BODIES) {
          Api.Response r = api.send(endpoint[0], endpoint[1], Api.basic("olivia"), body);
          String code = "";
          try {
            JsonObject error = new JsonObject(r.text()).getJsonObject("error");
            code = error == null ? "" : error.getString("code");
          } catch (RuntimeException notJson) {
            code = "(not JSON)";
          }
          // A PATCH that names no known property is a valid request that changes nothing (the row
          // counts below prove it); everything else must be refused.
          boolean harmlessPatch = endpoint[0].equals("PATCH") && r.status() == 200;
          if (!harmlessPatch && (r.status() < 400 || r.status() >= 500 || !CODES.contains(code))) {
            wrong.add(
                endpoint[0]
                    + " "
                    + endpoint[1]
                    + " <- "
                    + body.substring(0, Math.min(40, body.length()))
                    + ": "
                    + r.status()
                    + " "
                    + code);
          }
        }
      }
      for (String path :
          List.of(
              Api.CATALOGS + "/%00",
              Api.CATALOGS + "/..%2f..%2fetc%2fpasswd",
              Api.ROLES + "/roleAssignments/" + "a".repeat(5000),
              "/v1.0/users?$search=" + Api.q("*)(|(objectClass=*)"),
              Api.ROLES + "/roleAssignments?$filter=" + Api.q("principalId eq '\u0000'"),
              EM + "/assignments/additionalAccess(accessPackageId='x')")) {
        Api.Response r = api.send("GET", path, Api.basic("olivia"), null);
        if (r.status() >= 500) {
          wrong.add("GET " + path + ": " + r.status());
        }
      }
      assertTrue(wrong.isEmpty(), String.join("\n", wrong));
      assertEquals(before, rows(s));
      assertEquals(200, api.send("GET", "/health/live", null, null).status());
      assertEquals(200, api.get("olivia", Api.CATALOGS + "/" + catalog).status());
    }
  }

  private static long rows(RunningSteward s) {
    return s.count(
        "SELECT (SELECT count(*) FROM catalog) + (SELECT count(*) FROM role_assignment) + (SELECT count(*) FROM access_package)"
            + " + (SELECT count(*) FROM assignment_policy) + (SELECT count(*) FROM resource_role_scope)"
            + " + (SELECT count(*) FROM catalog_resource) + (SELECT count(*) FROM assignment_request)"
            + " + (SELECT count(*) FROM audit_record) + (SELECT count(*) FROM incompatible_access_package)"
            + " + (SELECT count(*) FROM incompatible_group)");
  }
}
