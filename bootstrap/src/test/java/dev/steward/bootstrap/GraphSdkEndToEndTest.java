package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.AccessPackageCatalog;
import com.microsoft.graph.models.UnifiedRoleAssignment;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Microsoft Graph Java SDK, pointed at Steward's base URL with a token from Steward's
 * token endpoint, delegates and revokes an access package manager unchanged.
 */
class GraphSdkEndToEndTest {
  private static RunningSteward s;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static GraphServiceClient graphAs(String login) throws Exception {
    return s.api.graph(login);
  }

  @Test
  void theGraphSdkCreatesFilterListsWithPrincipalAndDeletesAnAccessPackageManagerAssignment()
      throws Exception {
    GraphServiceClient olivia = graphAs("olivia");
    AccessPackageCatalog draft = new AccessPackageCatalog();
    draft.setDisplayName("Graph SDK catalog");
    draft.setDescription("made through the SDK");
    AccessPackageCatalog catalog =
        olivia.identityGovernance().entitlementManagement().catalogs().post(draft);
    String scope = "/AccessPackageCatalog/" + catalog.getId();

    UnifiedRoleAssignment body = new UnifiedRoleAssignment();
    body.setPrincipalId(PAUL);
    body.setRoleDefinitionId(APM_ROLE);
    body.setAppScopeId(scope);
    UnifiedRoleAssignment created =
        olivia.roleManagement().entitlementManagement().roleAssignments().post(body);
    assertEquals(PAUL, created.getPrincipalId());
    assertEquals(scope, created.getAppScopeId());

    var listed =
        olivia
            .roleManagement()
            .entitlementManagement()
            .roleAssignments()
            .get(
                rc -> {
                  rc.queryParameters.filter =
                      "appScopeId eq '" + scope + "' and roleDefinitionId eq '" + APM_ROLE + "'";
                  rc.queryParameters.expand = new String[] {"principal"};
                });
    assertEquals(1, listed.getValue().size());
    User principal = assertInstanceOf(User.class, listed.getValue().get(0).getPrincipal());
    assertEquals("Paul Projectlead", principal.getDisplayName());

    ODataError refused =
        assertThrows(
            ODataError.class,
            () ->
                graphAs("paul")
                    .roleManagement()
                    .entitlementManagement()
                    .roleAssignments()
                    .byUnifiedRoleAssignmentId(created.getId())
                    .delete());
    assertEquals(403, refused.getResponseStatusCode());
    assertEquals("UnAuthorized", refused.getError().getCode());

    olivia
        .roleManagement()
        .entitlementManagement()
        .roleAssignments()
        .byUnifiedRoleAssignmentId(created.getId())
        .delete();
    var after =
        olivia
            .roleManagement()
            .entitlementManagement()
            .roleAssignments()
            .get(
                rc ->
                    rc.queryParameters.filter =
                        "appScopeId eq '" + scope + "' and roleDefinitionId eq '" + APM_ROLE + "'");
    assertTrue(after.getValue().isEmpty());
  }
}
