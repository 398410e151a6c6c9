package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final CatalogId CATALOG = new CatalogId(Guid.random());

  private static RoleAssignment assignment(RoleDefinition role, Scope scope) {
    return new RoleAssignment(
        new RoleAssignmentId(Guid.random()),
        new PrincipalId(Guid.random()),
        PrincipalType.USER,
        role,
        scope,
        NOW);
  }

  @Test
  void removingTheLastOwnerIsRefused() {
    RoleAssignment owner = assignment(RoleDefinition.CATALOG_OWNER, Scope.of(CATALOG));
    DomainException e =
        assertThrows(DomainException.class, () -> CatalogRules.requireOwnerRemains(owner, 1));
    assertEquals(DomainException.Reason.LAST_CATALOG_OWNER, e.reason());
    assertDoesNotThrow(() -> CatalogRules.requireOwnerRemains(owner, 2));
  }

  @Test
  void removingAnyOtherRoleIgnoresTheOwnerCount() {
    RoleAssignment manager = assignment(RoleDefinition.ACCESS_PACKAGE_MANAGER, Scope.of(CATALOG));
    assertDoesNotThrow(() -> CatalogRules.requireOwnerRemains(manager, 0));
  }

  @Test
  void aCatalogWithAccessPackagesCannotBeDeleted() {
    Catalog c = new Catalog(CATALOG, "Sales", "", Catalog.State.PUBLISHED, false, NOW, NOW);
    DomainException e =
        assertThrows(DomainException.class, () -> CatalogRules.requireDeletable(c, 3));
    assertEquals(DomainException.Reason.CATALOG_HAS_ACCESS_PACKAGES, e.reason());
    assertEquals("InvalidDeleteResourceHasEntitlements", e.reason().code());
    assertDoesNotThrow(() -> CatalogRules.requireDeletable(c, 0));
  }

  @Test
  void catalogRolesAreAssignableOnlyInACatalogAndTheCreatorOnlyAtTheTenant() {
    assertThrows(
        DomainException.class, () -> assignment(RoleDefinition.CATALOG_OWNER, Scope.TENANT));
    assertThrows(
        DomainException.class, () -> assignment(RoleDefinition.CATALOG_CREATOR, Scope.of(CATALOG)));
    assertThrows(
        DomainException.class, () -> assignment(RoleDefinition.GLOBAL_ADMINISTRATOR, Scope.TENANT));
    assertDoesNotThrow(() -> assignment(RoleDefinition.CATALOG_CREATOR, Scope.TENANT));
  }

  @Test
  void anUnknownPrincipalIsRefused() {
    PrincipalId id = new PrincipalId(Guid.random());
    DomainException e =
        assertThrows(
            DomainException.class, () -> CatalogRules.requirePrincipalKnown(id, Optional.empty()));
    assertEquals(DomainException.Reason.PRINCIPAL_NOT_FOUND, e.reason());
  }

  @Test
  void scopesAcceptOnlyTheTenantOrACatalogGuid() {
    assertEquals(Scope.TENANT, Scope.parse("/"));
    assertEquals(Optional.of(CATALOG), Scope.parse("/AccessPackageCatalog/" + CATALOG).catalogId());
    for (String bad :
        new String[] {"", "/x", "/AccessPackageCatalog/", "/AccessPackageCatalog/1*", "//"}) {
      DomainException e = assertThrows(DomainException.class, () -> Scope.parse(bad));
      assertEquals("appScopeId", e.field());
    }
  }

  @Test
  void idsMustBeGuidsAndAreNormalisedToLowerCase() {
    String upper = "A1B2C3D4-0000-0000-0000-00000000000F";
    assertEquals(upper.toLowerCase(), new PrincipalId(upper).value());
    assertThrows(DomainException.class, () -> new PrincipalId("uid=admin"));
    assertThrows(DomainException.class, () -> new CatalogId(null));
  }

  @Test
  void aCatalogNeedsANameAndRefusesOverlongOrControlText() {
    assertThrows(
        DomainException.class,
        () -> new Catalog(CATALOG, " ", "", Catalog.State.PUBLISHED, false, NOW, NOW));
    assertThrows(
        DomainException.class,
        () -> new Catalog(CATALOG, "a".repeat(257), "", Catalog.State.PUBLISHED, false, NOW, NOW));
    assertThrows(
        DomainException.class,
        () -> new Catalog(CATALOG, "a\u0000b", "", Catalog.State.PUBLISHED, false, NOW, NOW));
    assertThrows(
        DomainException.class,
        () ->
            new Catalog(CATALOG, "pay\u202Eexe.pdf", "", Catalog.State.PUBLISHED, false, NOW, NOW));
    assertThrows(
        DomainException.class,
        () ->
            new Catalog(CATALOG, "half \uD800 pair", "", Catalog.State.PUBLISHED, false, NOW, NOW));
    assertEquals(
        "Café 😀",
        new Catalog(CATALOG, "Café 😀", "", Catalog.State.PUBLISHED, false, NOW, NOW)
            .displayName());
    assertThrows(DomainException.class, () -> Catalog.State.parse("archived"));
  }

  @Test
  void managingEachRoleIsItsOwnTask() {
    assertEquals(
        Task.MANAGE_ACCESS_PACKAGE_MANAGERS,
        Task.forManaging(RoleDefinition.ACCESS_PACKAGE_MANAGER));
    assertEquals(Task.MANAGE_CATALOG_OWNERS, Task.forManaging(RoleDefinition.CATALOG_OWNER));
    assertEquals(Task.DELEGATE_CATALOG_CREATOR, Task.forManaging(RoleDefinition.CATALOG_CREATOR));
  }
}
