package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The matrix of the reference, written out again by hand as text, checked against the decision
 * function for every task and every role, in the role's own catalog and in another one.
 */
class PermissionMatrixTest {
  // Columns: GA IGA UA RR CC CO CR APM APAM ('x' = allowed)
  private static final String EXPECTED =
      """
      DELEGATE_CATALOG_CREATOR                       x x . . . . . . .
      CREATE_CATALOG                                 x x . . x . . . .
      VIEW_CATALOG                                   x x x . . x x x x
      MANAGE_CATALOG_RESOURCES                       x x . . . x . . .
      MANAGE_CATALOG_OWNERS                          x x . . . x . . .
      EDIT_CATALOG                                   x x . . . x . . .
      DELETE_CATALOG                                 x x . . . x . . .
      MANAGE_ACCESS_PACKAGE_MANAGERS                 x x x . . x . . .
      MANAGE_CATALOG_READERS_AND_ASSIGNMENT_MANAGERS x x . . . x . . .
      CREATE_ACCESS_PACKAGE                          x x . . . x . x .
      CHANGE_RESOURCE_ROLES                          x x . . . x . x .
      MANAGE_POLICIES                                x x . . . x . x .
      MANAGE_ASSIGNMENTS                             x x . . . x . x x
      VIEW_ASSIGNMENTS_AND_REQUESTS                  x x . . . x x x x
      REPROCESS_OR_CANCEL_REQUEST                    x x . . . x . x x
      HIDE_ACCESS_PACKAGE                            x x . . . x . x .
      DELETE_ACCESS_PACKAGE                          x x . . . x . x .
      READ_AUDIT_LOG                                 x x . x . x . . .
      """;
  private static final List<RoleDefinition> COLUMNS =
      List.of(
          RoleDefinition.GLOBAL_ADMINISTRATOR,
          RoleDefinition.IDENTITY_GOVERNANCE_ADMINISTRATOR,
          RoleDefinition.USER_ADMINISTRATOR,
          RoleDefinition.REPORTS_READER,
          RoleDefinition.CATALOG_CREATOR,
          RoleDefinition.CATALOG_OWNER,
          RoleDefinition.CATALOG_READER,
          RoleDefinition.ACCESS_PACKAGE_MANAGER,
          RoleDefinition.ACCESS_PACKAGE_ASSIGNMENT_MANAGER);

  private static final Scope CATALOG_A = Scope.of(new CatalogId(Guid.random()));
  private static final Scope CATALOG_B = Scope.of(new CatalogId(Guid.random()));
  private static final PrincipalId CALLER = new PrincipalId(Guid.random());

  private static Map<Task, Map<RoleDefinition, Boolean>> expected() {
    Map<Task, Map<RoleDefinition, Boolean>> table = new EnumMap<>(Task.class);
    for (String line : EXPECTED.strip().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      Map<RoleDefinition, Boolean> row = new EnumMap<>(RoleDefinition.class);
      for (int i = 0; i < COLUMNS.size(); i++) {
        row.put(COLUMNS.get(i), cells[i + 1].equals("x"));
      }
      table.put(Task.valueOf(cells[0]), row);
    }
    return table;
  }

  /** Where a role is held: directory and tenant roles at '/', catalog roles in catalog A. */
  private static HeldRole held(RoleDefinition role) {
    Scope scope = role.kind() == RoleDefinition.Kind.CATALOG ? CATALOG_A : Scope.TENANT;
    HeldRole.Source source =
        role.kind() == RoleDefinition.Kind.DIRECTORY
            ? HeldRole.Source.DIRECTORY_GROUP
            : HeldRole.Source.DIRECT_ASSIGNMENT;
    return new HeldRole(role, scope, source, CALLER, null);
  }

  private static Scope targetOf(Task task) {
    return task == Task.CREATE_CATALOG || task == Task.DELEGATE_CATALOG_CREATOR
        ? Scope.TENANT
        : CATALOG_A;
  }

  @Test
  void everyTaskOfTheMatrixIsWrittenOutInTheTest() {
    assertEquals(Task.values().length, expected().size());
  }

  @Test
  void eachRoleMayDoExactlyWhatTheReferenceMatrixSaysInItsOwnScope() {
    expected()
        .forEach(
            (task, row) ->
                row.forEach(
                    (role, allowed) ->
                        assertEquals(
                            allowed,
                            PermissionMatrix.decide(task, targetOf(task), List.of(held(role)))
                                .allowed(),
                            role + " on " + task)));
  }

  @Test
  void aCatalogRoleGivesNothingInAnotherCatalog() {
    for (Task task : Task.values()) {
      for (RoleDefinition role : COLUMNS) {
        if (role.kind() == RoleDefinition.Kind.CATALOG) {
          assertFalse(
              PermissionMatrix.decide(task, CATALOG_B, List.of(held(role))).allowed(),
              role + " held in A allowed " + task + " in B");
        }
      }
    }
  }

  @Test
  void aCatalogRoleDoesNotCountAtTheTenantScope() {
    for (RoleDefinition role : COLUMNS) {
      if (role.kind() == RoleDefinition.Kind.CATALOG) {
        assertFalse(
            PermissionMatrix.decide(Task.CREATE_CATALOG, Scope.TENANT, List.of(held(role)))
                .allowed());
      }
    }
  }

  @Test
  void tenantRolesCountInEveryCatalog() {
    HeldRole admin = held(RoleDefinition.GLOBAL_ADMINISTRATOR);
    assertTrue(PermissionMatrix.decide(Task.DELETE_CATALOG, CATALOG_B, List.of(admin)).allowed());
  }

  @Test
  void aRoleHeldThroughAGroupCountsLikeADirectOne() {
    PrincipalId group = new PrincipalId(Guid.random());
    HeldRole viaGroup =
        new HeldRole(
            RoleDefinition.CATALOG_OWNER, CATALOG_A, HeldRole.Source.GROUP_ASSIGNMENT, group, "x");
    Decision decision =
        PermissionMatrix.decide(Task.MANAGE_ACCESS_PACKAGE_MANAGERS, CATALOG_A, List.of(viaGroup));
    assertTrue(decision.allowed());
    assertEquals(List.of(viaGroup), decision.grantedBy());
  }

  @Test
  void noRolesMeansNothingIsAllowed() {
    for (Task task : Task.values()) {
      assertFalse(PermissionMatrix.decide(task, CATALOG_A, List.of()).allowed());
    }
  }

  @Test
  void aRefusedDecisionThrowsTheNotAuthorizedReason() {
    DomainException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DomainException.class,
            () -> PermissionMatrix.decide(Task.EDIT_CATALOG, CATALOG_A, List.of()).orThrow());
    assertEquals(DomainException.Reason.NOT_AUTHORIZED, e.reason());
  }
}
