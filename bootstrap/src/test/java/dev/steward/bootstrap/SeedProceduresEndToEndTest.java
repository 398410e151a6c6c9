package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.ADA;
import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.ED;
import static dev.steward.bootstrap.RunningSteward.ENGINEERING;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.FIONA;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static dev.steward.bootstrap.RunningSteward.PRIYA;
import static dev.steward.bootstrap.RunningSteward.PROJECT_LEADS;
import static dev.steward.bootstrap.RunningSteward.READER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's two procedures — add an access package manager to a catalog, and remove one — over
 * HTTP on real Postgres and LDAP, by every caller the reference allows and refuses.
 */
class SeedProceduresEndToEndTest {
  private static RunningSteward s;
  private static Api api;
  private String catalog;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
    api = s.api;
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @BeforeEach
  void olivia_createsACatalogAndOwnsIt() {
    catalog = api.createCatalog("olivia", "Project " + UUID.randomUUID());
  }

  private String managersFilter() {
    return "appScopeId eq '/AccessPackageCatalog/"
        + catalog
        + "' and roleDefinitionId eq '"
        + APM_ROLE
        + "'";
  }

  private long auditRows(String action, String target) {
    return s.count(
        "SELECT count(*) FROM audit_record WHERE action = ? AND target_id = ?", action, target);
  }

  @ParameterizedTest(name = "{0} adds and removes an access package manager")
  @ValueSource(strings = {"olivia", "ada", "gil", "uma"})
  void allowedCallersAddAndRemoveAnAccessPackageManager(String caller) {
    // Add access package managers: select a member and Select.
    Api.Response added = api.assign(caller, PAUL, APM_ROLE, catalog);
    assertEquals(201, added.status(), added.text());
    String id = added.json().getString("id");
    assertEquals(PAUL, added.json().getString("principalId"));
    assertEquals(APM_ROLE, added.json().getString("roleDefinitionId"));
    assertEquals("/AccessPackageCatalog/" + catalog, added.json().getString("appScopeId"));
    assertEquals(1, auditRows("roleAssignment.add", id));

    // The catalog's Roles and administrators list shows the manager, with the principal expanded.
    Api.Response listed = api.listAssignments(caller, managersFilter(), "$expand=principal");
    assertEquals(200, listed.status(), listed.text());
    assertEquals(1, listed.value().size());
    JsonObject principal = listed.value().getJsonObject(0).getJsonObject("principal");
    assertEquals("Paul Projectlead", principal.getString("displayName"));
    assertEquals("#microsoft.graph.user", principal.getString("@odata.type"));

    // Remove: tick the manager and Remove.
    Api.Response removed = api.removeAssignment(caller, id);
    assertEquals(204, removed.status(), removed.text());
    assertEquals(0, api.listAssignments(caller, managersFilter(), null).value().size());
    assertEquals(1, auditRows("roleAssignment.remove", id));
    assertEquals(
        0, s.count("SELECT count(*) FROM role_assignment WHERE id = ?", UUID.fromString(id)));
  }

  @Test
  void anAccessPackageManagerAReaderAPlainUserAndAnotherCatalogsOwnerAreRefused() {
    api.assigned("olivia", PAUL, APM_ROLE, catalog);
    api.assigned("olivia", PRIYA, READER_ROLE, catalog);
    String existing = api.assigned("olivia", ED, APM_ROLE, catalog);
    api.createCatalog("oscar", "Oscar's own " + UUID.randomUUID());
    long before = s.count("SELECT count(*) FROM role_assignment");
    long auditBefore = s.count("SELECT count(*) FROM audit_record");
    for (String caller : List.of("paul", "priya", "eve", "oscar")) {
      Api.Response add = api.assign(caller, FIONA, APM_ROLE, catalog);
      assertEquals(403, add.status(), caller + ": " + add.text());
      assertEquals("UnAuthorized", add.errorCode());
      Api.Response remove = api.removeAssignment(caller, existing);
      assertEquals(403, remove.status(), caller + ": " + remove.text());
    }
    assertEquals(before, s.count("SELECT count(*) FROM role_assignment"));
    assertEquals(auditBefore, s.count("SELECT count(*) FROM audit_record"));
  }

  @Test
  void theSameManagerCannotBeAddedTwice() {
    api.assigned("olivia", PAUL, APM_ROLE, catalog);
    Api.Response again = api.assign("olivia", PAUL, APM_ROLE, catalog);
    assertEquals(409, again.status());
    assertEquals("RoleAssignmentAlreadyExists", again.errorCode());
  }

  @Test
  void aPrincipalThatIsNotInTheDirectoryIsRefused() {
    Api.Response r = api.assign("olivia", UUID.randomUUID().toString(), APM_ROLE, catalog);
    assertEquals(404, r.status());
    assertEquals("PrincipalNotFound", r.errorCode());
  }

  @Test
  void theLastOwnerCannotBeRemoved() {
    String ownerAssignment =
        api.listAssignments(
                "olivia",
                "appScopeId eq '/AccessPackageCatalog/"
                    + catalog
                    + "' and roleDefinitionId eq '"
                    + OWNER_ROLE
                    + "'",
                null)
            .value()
            .getJsonObject(0)
            .getString("id");
    Api.Response r = api.removeAssignment("olivia", ownerAssignment);
    assertEquals(409, r.status());
    assertEquals("LastCatalogOwner", r.errorCode());
    api.assigned("olivia", ADA, OWNER_ROLE, catalog);
    assertEquals(204, api.removeAssignment("olivia", ownerAssignment).status());
  }

  @Test
  void aGroupHeldRoleCountsForMembersOfNestedGroups() {
    // engineering contains project-leads, which contains paul.
    api.assigned("olivia", ENGINEERING, OWNER_ROLE, catalog);
    Api.Response byPaul = api.assign("paul", EVE, APM_ROLE, catalog);
    assertEquals(201, byPaul.status(), byPaul.text());
    // A group is a principal too, and the expanded principal says so.
    api.assigned("olivia", PROJECT_LEADS, APM_ROLE, catalog);
    var groups =
        api.listAssignments("olivia", "principalId eq '" + PROJECT_LEADS + "'", "$expand=principal")
            .value();
    assertEquals(
        "#microsoft.graph.group",
        groups.getJsonObject(0).getJsonObject("principal").getString("@odata.type"));
  }

  @Test
  void aRemovedManagerIsRefusedOnItsNextRequest() {
    String asOwner = api.assigned("olivia", PAUL, OWNER_ROLE, catalog);
    assertEquals(201, api.assign("paul", EVE, APM_ROLE, catalog).status());
    assertEquals(204, api.removeAssignment("olivia", asOwner).status());
    assertEquals(403, api.assign("paul", ED, APM_ROLE, catalog).status());
  }

  @Test
  void whatMayIDoHereShowsTheManagersRightsAndTheirSource() {
    api.assigned("olivia", PROJECT_LEADS, APM_ROLE, catalog);
    Api.Response r =
        api.get(
            "paul",
            Api.ROLES + "/myPermissions?appScopeId=" + Api.q("/AccessPackageCatalog/" + catalog));
    assertEquals(200, r.status(), r.text());
    var roles = r.json().getJsonArray("roles");
    assertEquals(1, roles.size());
    assertEquals("groupAssignment", roles.getJsonObject(0).getString("source"));
    assertEquals(PROJECT_LEADS, roles.getJsonObject(0).getString("principalId"));
    var perms = r.json().getJsonArray("permissions");
    boolean createPackage = false;
    boolean addResource = true;
    for (int i = 0; i < perms.size(); i++) {
      JsonObject p = perms.getJsonObject(i);
      if (p.getString("task").equals("createAccessPackage")) {
        createPackage = p.getBoolean("allowed");
      }
      if (p.getString("task").equals("manageCatalogResources")) {
        addResource = p.getBoolean("allowed");
      }
    }
    assertTrue(createPackage);
    assertTrue(!addResource);
  }
}
