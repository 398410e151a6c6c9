package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Task;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every task of the matrix, over HTTP, by every kind of caller: each role held directly, through a
 * group and through a nested group in the catalog, the same role in another catalog, the tenant
 * roles, nobody, and no credentials. Allowed calls get past authorization; every other one is 403
 * (or 401) and changes no row.
 */
class AuthorizationMatrixOverHttpTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String ROLES = "/v1.0/roleManagement/entitlementManagement/roleAssignments";
  static final List<RoleDefinition> CATALOG_ROLES =
      List.of(
          RoleDefinition.CATALOG_OWNER,
          RoleDefinition.CATALOG_READER,
          RoleDefinition.ACCESS_PACKAGE_MANAGER,
          RoleDefinition.ACCESS_PACKAGE_ASSIGNMENT_MANAGER);

  private static EmbeddedLdapServer ldap;
  private static RunningSteward s;
  private static Api api;
  private static final Map<String, String> ids = new LinkedHashMap<>();
  private static String catalogA;
  private static String catalogB;
  private static String pkg;
  private static String busyPkg;
  private static String policy;
  private static String resource;
  private static String assignment;

  private static String uuid(int n) {
    return String.format("5e000000-0000-4000-8000-%012d", n);
  }

  /** A directory with one user per kind of caller, their groups, and the directory-role groups. */
  private static String ldif() {
    StringBuilder out = new StringBuilder();
    out.append(
        "dn: dc=example,dc=org\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n\n");
    out.append("dn: ou=people,dc=example,dc=org\nobjectClass: organizationalUnit\nou: people\n\n");
    out.append("dn: ou=groups,dc=example,dc=org\nobjectClass: organizationalUnit\nou: groups\n\n");
    List<String> logins =
        new ArrayList<>(List.of("ga", "iga", "ua", "cc", "nobody", "target", "member"));
    for (RoleDefinition r : CATALOG_ROLES) {
      for (String how : List.of("direct", "group", "nested", "other")) {
        logins.add(key(r, how));
      }
    }
    int n = 1;
    for (String login : logins) {
      ids.put(login, uuid(n++));
      out.append("dn: uid=")
          .append(login)
          .append(",ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuid: ")
          .append(login)
          .append("\ncn: ")
          .append(login)
          .append("\nsn: x\nuserPassword: ")
          .append(login)
          .append("-demo-pw\nentryUUID: ")
          .append(ids.get(login))
          .append("\n\n");
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    groups.put("global-admins", List.of("uid=ga"));
    groups.put("governance-admins", List.of("uid=iga"));
    groups.put("user-admins", List.of("uid=ua"));
    groups.put("resource-group", List.of("uid=member"));
    for (RoleDefinition r : CATALOG_ROLES) {
      String g = "g-" + short_(r);
      groups.put(g, List.of("uid=" + key(r, "group")));
      groups.put(g + "-inner", List.of("uid=" + key(r, "nested")));
      groups.put(g + "-outer", List.of("cn=" + g + "-inner"));
    }
    for (var e : groups.entrySet()) {
      ids.put(e.getKey(), uuid(n++));
      out.append("dn: cn=")
          .append(e.getKey())
          .append(",ou=groups,dc=example,dc=org\nobjectClass: groupOfNames\ncn: ")
          .append(e.getKey())
          .append("\n");
      for (String m : e.getValue()) {
        out.append("member: ")
            .append(m)
            .append(m.startsWith("uid=") ? ",ou=people" : ",ou=groups")
            .append(",dc=example,dc=org\n");
      }
      out.append("entryUUID: ").append(ids.get(e.getKey())).append("\n\n");
    }
    return out.toString();
  }

  private static String short_(RoleDefinition r) {
    return switch (r) {
      case CATALOG_OWNER -> "owner";
      case CATALOG_READER -> "reader";
      case ACCESS_PACKAGE_MANAGER -> "apm";
      default -> "apam";
    };
  }

  private static String key(RoleDefinition r, String how) {
    return short_(r) + "-" + how;
  }

  @BeforeAll
  static void start() throws Exception {
    ldap =
        EmbeddedLdapServer.start(
            TestLdap.BASE_DN,
            0,
            new ByteArrayInputStream(ldif().getBytes(StandardCharsets.UTF_8)),
            TestLdap.SERVICE_DN,
            TestLdap.SERVICE_PASSWORD);
    s = RunningSteward.onDirectory(ldap.port(), Steward.SYSTEM_CLOCK);
    api = s.api;
    assertEquals(
        201,
        api.post("ga", ROLES, roleBody(ids.get("cc"), RunningSteward.CREATOR_ROLE, "/")).status());
  }

  @AfterAll
  static void stop() {
    s.close();
    ldap.close();
  }

  private static void setUpCatalogs() {
    catalogA = api.createCatalog("ga", "A " + UUID.randomUUID());
    catalogB = api.createCatalog("ga", "B " + UUID.randomUUID());
    for (RoleDefinition r : CATALOG_ROLES) {
      api.assigned("ga", ids.get(key(r, "direct")), r.id(), catalogA);
      api.assigned("ga", ids.get("g-" + short_(r)), r.id(), catalogA);
      api.assigned("ga", ids.get("g-" + short_(r) + "-outer"), r.id(), catalogA);
      api.assigned("ga", ids.get(key(r, "other")), r.id(), catalogB);
    }
    resource =
        api.post(
                "ga",
                EM + "/resourceRequests",
                new JsonObject()
                    .put("requestType", "adminAdd")
                    .put("resource", new JsonObject().put("originId", ids.get("resource-group")))
                    .put("catalog", new JsonObject().put("id", catalogA)))
            .json()
            .getJsonObject("resource")
            .getString("id");
    pkg = newPackage("P");
    busyPkg = newPackage("Busy");
    policy =
        api.post(
                "ga",
                EM + "/assignmentPolicies",
                new JsonObject()
                    .put("displayName", "direct")
                    .put("accessPackage", new JsonObject().put("id", busyPkg))
                    .put("allowedTargetScope", "notSpecified"))
            .json()
            .getString("id");
    assignment =
        api.post(
                "ga",
                EM + "/assignmentRequests",
                new JsonObject()
                    .put("requestType", "adminAdd")
                    .put(
                        "assignment",
                        new JsonObject()
                            .put("targetId", ids.get("target"))
                            .put("accessPackageId", busyPkg)
                            .put("assignmentPolicyId", policy)))
            .json()
            .getJsonObject("assignment")
            .getString("id");
  }

  private static String newPackage(String name) {
    return api.post(
            "ga",
            EM + "/accessPackages",
            new JsonObject()
                .put("displayName", name)
                .put("catalog", new JsonObject().put("id", catalogA)))
        .json()
        .getString("id");
  }

  private static JsonObject roleBody(String principal, String role, String scope) {
    return new JsonObject()
        .put("principalId", principal)
        .put("roleDefinitionId", role)
        .put("appScopeId", scope);
  }

  /** One HTTP call that needs the task, made as {@code login}. */
  private static final Map<Task, Function<String, Api.Response>> CALLS = new LinkedHashMap<>();

  static {
    CALLS.put(
        Task.DELEGATE_CATALOG_CREATOR,
        login ->
            api.post(login, ROLES, roleBody(ids.get("target"), RunningSteward.CREATOR_ROLE, "/")));
    CALLS.put(
        Task.CREATE_CATALOG,
        login -> api.post(login, Api.CATALOGS, new JsonObject().put("displayName", "new")));
    CALLS.put(Task.VIEW_CATALOG, login -> api.get(login, Api.CATALOGS + "/" + catalogA));
    CALLS.put(
        Task.MANAGE_CATALOG_RESOURCES,
        login ->
            api.post(
                login,
                EM + "/resourceRequests",
                new JsonObject()
                    .put("requestType", "adminRemove")
                    .put("resource", new JsonObject().put("originId", ids.get("resource-group")))
                    .put("catalog", new JsonObject().put("id", catalogA))));
    CALLS.put(
        Task.MANAGE_CATALOG_OWNERS,
        login ->
            api.post(
                login,
                ROLES,
                roleBody(
                    ids.get("target"),
                    RunningSteward.OWNER_ROLE,
                    "/AccessPackageCatalog/" + catalogA)));
    CALLS.put(
        Task.EDIT_CATALOG,
        login ->
            api.patch(
                login,
                Api.CATALOGS + "/" + catalogA,
                new JsonObject().put("description", "edited by " + login)));
    CALLS.put(Task.DELETE_CATALOG, login -> api.delete(login, Api.CATALOGS + "/" + catalogA));
    CALLS.put(
        Task.MANAGE_ACCESS_PACKAGE_MANAGERS,
        login ->
            api.post(
                login,
                ROLES,
                roleBody(
                    ids.get("target"),
                    RunningSteward.APM_ROLE,
                    "/AccessPackageCatalog/" + catalogA)));
    CALLS.put(
        Task.MANAGE_CATALOG_READERS_AND_ASSIGNMENT_MANAGERS,
        login ->
            api.post(
                login,
                ROLES,
                roleBody(
                    ids.get("target"),
                    RunningSteward.READER_ROLE,
                    "/AccessPackageCatalog/" + catalogA)));
    CALLS.put(
        Task.CREATE_ACCESS_PACKAGE,
        login ->
            api.post(
                login,
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "by " + login)
                    .put("catalog", new JsonObject().put("id", catalogA))));
    CALLS.put(
        Task.CHANGE_RESOURCE_ROLES,
        login ->
            api.post(
                login,
                EM + "/accessPackages/" + pkg + "/resourceRoleScopes",
                new JsonObject()
                    .put(
                        "role",
                        new JsonObject()
                            .put("originId", "Member_" + ids.get("resource-group"))
                            .put("resource", new JsonObject().put("id", resource)))
                    .put("scope", new JsonObject().put("originId", ids.get("resource-group")))));
    CALLS.put(
        Task.MANAGE_POLICIES,
        login ->
            api.post(
                login,
                EM + "/assignmentPolicies",
                new JsonObject()
                    .put("displayName", "by " + login)
                    .put("accessPackage", new JsonObject().put("id", pkg))
                    .put("allowedTargetScope", "notSpecified")));
    CALLS.put(
        Task.MANAGE_ASSIGNMENTS,
        login ->
            api.post(
                login,
                EM + "/assignmentRequests",
                new JsonObject()
                    .put("requestType", "adminAdd")
                    .put(
                        "assignment",
                        new JsonObject()
                            .put("targetId", ids.get("member"))
                            .put("accessPackageId", busyPkg)
                            .put("assignmentPolicyId", policy))));
    CALLS.put(
        Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
        login -> api.get(login, EM + "/assignments/" + assignment));
    CALLS.put(
        Task.REPROCESS_OR_CANCEL_REQUEST,
        login ->
            api.post(login, EM + "/assignments/" + assignment + "/reprocess", new JsonObject()));
    CALLS.put(
        Task.HIDE_ACCESS_PACKAGE,
        login ->
            api.patch(
                login, EM + "/accessPackages/" + pkg, new JsonObject().put("isHidden", true)));
    CALLS.put(
        Task.DELETE_ACCESS_PACKAGE, login -> api.delete(login, EM + "/accessPackages/" + busyPkg));
    CALLS.put(
        Task.READ_AUDIT_LOG,
        login -> {
          String about = Api.q("targetResources/any(t:t/id eq '" + catalogA + "')");
          String created =
              api.get("ga", "/v1.0/auditLogs/directoryAudits?$top=1&$filter=" + about)
                  .value()
                  .getJsonObject(0)
                  .getString("id");
          return api.get(login, "/v1.0/auditLogs/directoryAudits/" + created);
        });
  }

  /** The callers, with the roles each holds in catalog A's terms. */
  private static Map<String, List<RoleDefinition>> callers() {
    Map<String, List<RoleDefinition>> callers = new LinkedHashMap<>();
    callers.put("ga", List.of(RoleDefinition.GLOBAL_ADMINISTRATOR));
    callers.put("iga", List.of(RoleDefinition.IDENTITY_GOVERNANCE_ADMINISTRATOR));
    callers.put("ua", List.of(RoleDefinition.USER_ADMINISTRATOR));
    callers.put("cc", List.of(RoleDefinition.CATALOG_CREATOR));
    callers.put("nobody", List.of());
    for (RoleDefinition r : CATALOG_ROLES) {
      callers.put(key(r, "direct"), List.of(r));
      callers.put(key(r, "group"), List.of(r));
      callers.put(key(r, "nested"), List.of(r));
      callers.put(key(r, "other"), List.of());
    }
    return callers;
  }

  private static boolean allowed(Task task, List<RoleDefinition> held) {
    return held.stream().anyMatch(PermissionMatrix.rolesFor(task)::contains);
  }

  private static long rows() {
    return s.count(
        "SELECT (SELECT count(*) FROM catalog) + (SELECT count(*) FROM role_assignment) + (SELECT count(*) FROM access_package)"
            + " + (SELECT count(*) FROM assignment_policy) + (SELECT count(*) FROM resource_role_scope)"
            + " + (SELECT count(*) FROM catalog_resource) + (SELECT count(*) FROM access_package_assignment)"
            + " + (SELECT count(*) FROM assignment_request) + (SELECT count(*) FROM audit_record)"
            + " + (SELECT count(*) FROM catalog WHERE description LIKE 'edited by %')"
            + " + (SELECT count(*) FROM access_package WHERE is_hidden)");
  }

  @Test
  void everyTaskIsAllowedExactlyToTheRolesOfTheMatrixInTheirOwnCatalog() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (var task : CALLS.entrySet()) {
      setUpCatalogs();
      for (var caller : callers().entrySet()) {
        long before = rows();
        Api.Response r = task.getValue().apply(caller.getKey());
        boolean expected = allowed(task.getKey(), caller.getValue());
        checked++;
        if (expected) {
          if (r.status() == 403 || r.status() == 401) {
            wrong.add(
                task.getKey()
                    + " by "
                    + caller.getKey()
                    + ": expected allowed, got "
                    + r.status()
                    + " "
                    + r.text());
          }
          // An allowed call may have changed what the next caller acts on.
          setUpCatalogs();
        } else {
          if (r.status() != 403) {
            wrong.add(
                task.getKey()
                    + " by "
                    + caller.getKey()
                    + ": expected 403, got "
                    + r.status()
                    + " "
                    + r.text());
          } else if (rows() != before) {
            wrong.add(task.getKey() + " by " + caller.getKey() + ": refused but rows changed");
          }
        }
      }
      Api.Response anonymous = api.send("GET", Api.CATALOGS + "/" + catalogA, null, null);
      assertEquals(401, anonymous.status());
    }
    assertTrue(checked >= 17 * 21, "checked " + checked);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
