package dev.steward.application.service.delegation;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.domain.Catalog;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleAssignmentServiceTest {
  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal alice = w.user("alice");
  private final Principal bob = w.user("bob");
  private final Catalog catalog = w.catalogs.create(as(owner), newCatalog("Marketing")).result();

  private CreateCatalog newCatalog(String name) {
    // The owner is made a catalog creator first so that it can create its own catalog.
    if (w.store.roleAssignments().stream()
        .noneMatch(a -> a.principalId().equals(owner.id()) && a.scope().isTenant())) {
      await(
          w.roles.assign(
              as(w.admin),
              new AssignRole(owner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    }
    return new CreateCatalog(name, "", Optional.empty(), Optional.empty());
  }

  private RoleAssignment delegate(Principal caller, Principal to, RoleDefinition role) {
    return await(w.roles.assign(as(caller), new AssignRole(to.id(), role, catalog.scope())));
  }

  private static DomainException.Reason refusal(Runnable call) {
    return assertThrows(DomainException.class, call::run).reason();
  }

  @Test
  void theCreatorOfACatalogIsItsFirstOwner() {
    List<RoleAssignment> owners =
        w.store.roleAssignments().stream().filter(a -> a.scope().equals(catalog.scope())).toList();
    assertEquals(1, owners.size());
    assertEquals(owner.id(), owners.get(0).principalId());
    assertEquals(RoleDefinition.CATALOG_OWNER, owners.get(0).role());
  }

  @Test
  void aCatalogOwnerAGlobalAdministratorAndAUserAdministratorMayDelegateAnAccessPackageManager() {
    for (Principal caller : List.of(owner, w.admin, w.governanceAdmin, w.userAdmin)) {
      Principal manager = w.user("manager-of-" + caller.login());
      RoleAssignment a = delegate(caller, manager, RoleDefinition.ACCESS_PACKAGE_MANAGER);
      assertEquals(manager.id(), a.principalId());
      await(w.roles.remove(as(caller), a.id()));
    }
  }

  @Test
  void managersReadersPlainUsersAndOwnersOfAnotherCatalogMayNot() {
    Principal manager = w.user("apm");
    delegate(owner, manager, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    Principal reader = w.user("reader");
    delegate(owner, reader, RoleDefinition.CATALOG_READER);
    Principal otherOwner = w.user("other-owner");
    await(
        w.roles.assign(
            as(w.admin),
            new AssignRole(otherOwner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    await(
        w.catalogs.create(
            as(otherOwner), new CreateCatalog("Other", "", Optional.empty(), Optional.empty())));
    int before = w.store.roleAssignments().size();
    for (Principal caller : List.of(manager, reader, alice, otherOwner)) {
      assertEquals(
          DomainException.Reason.NOT_AUTHORIZED,
          refusal(() -> delegate(caller, bob, RoleDefinition.ACCESS_PACKAGE_MANAGER)),
          caller.login());
    }
    assertEquals(before, w.store.roleAssignments().size());
  }

  @Test
  void aUserAdministratorMayDelegateManagersButNotOwners() {
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> delegate(w.userAdmin, alice, RoleDefinition.CATALOG_OWNER)));
  }

  @Test
  void anAccessPackageManagerCannotMakeItselfAnOwner() {
    delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> delegate(alice, alice, RoleDefinition.CATALOG_OWNER)));
  }

  @Test
  void aRoleHeldThroughANestedGroupCountsForEveryMember() {
    Principal inner = w.directory.addGroup("Inner", alice);
    Principal outer = w.directory.addGroup("Outer", inner);
    delegate(owner, outer, RoleDefinition.CATALOG_OWNER);
    RoleAssignment a = delegate(alice, bob, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    assertEquals(bob.id(), a.principalId());
    w.directory.removeMember(inner, alice);
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> delegate(alice, w.user("carol"), RoleDefinition.ACCESS_PACKAGE_MANAGER)));
  }

  @Test
  void theSameRoleCannotBeAssignedTwice() {
    delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    assertEquals(
        DomainException.Reason.ALREADY_ASSIGNED,
        refusal(() -> delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER)));
  }

  @Test
  void aPrincipalMissingFromTheDirectoryIsRefused() {
    Principal ghost = w.user("ghost");
    w.directory.remove(ghost);
    assertEquals(
        DomainException.Reason.PRINCIPAL_NOT_FOUND,
        refusal(() -> delegate(owner, ghost, RoleDefinition.ACCESS_PACKAGE_MANAGER)));
  }

  @Test
  void anUnknownCatalogIsNotFound() {
    Scope nowhere = Scope.parse("/AccessPackageCatalog/" + Guid.random());
    assertEquals(
        DomainException.Reason.CATALOG_NOT_FOUND,
        refusal(
            () ->
                await(
                    w.roles.assign(
                        as(w.admin),
                        new AssignRole(
                            alice.id(), RoleDefinition.ACCESS_PACKAGE_MANAGER, nowhere)))));
  }

  @Test
  void theLastOwnerCannotBeRemovedButOneOfTwoCan() {
    RoleAssignment first =
        w.store.roleAssignments().stream()
            .filter(a -> a.scope().equals(catalog.scope()))
            .findFirst()
            .orElseThrow();
    assertEquals(
        DomainException.Reason.LAST_CATALOG_OWNER,
        refusal(() -> await(w.roles.remove(as(owner), first.id()))));
    delegate(owner, alice, RoleDefinition.CATALOG_OWNER);
    await(w.roles.remove(as(alice), first.id()));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> delegate(owner, bob, RoleDefinition.ACCESS_PACKAGE_MANAGER)));
  }

  @Test
  void removingAManagerRevokesItsRightsAtOnce() {
    RoleAssignment a = delegate(owner, alice, RoleDefinition.CATALOG_OWNER);
    delegate(alice, bob, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    await(w.roles.remove(as(owner), a.id()));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> delegate(alice, w.user("dave"), RoleDefinition.ACCESS_PACKAGE_MANAGER)));
  }

  @Test
  void everyChangeIsAuditedWithActorBeforeAfterAndRequestId() {
    int before = w.store.auditRecords().size();
    RoleAssignment a = delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    await(w.roles.remove(as(owner), a.id()));
    List<AuditRecord> records = w.store.auditRecords().subList(before, before + 2);
    assertEquals("roleAssignment.add", records.get(0).action());
    assertEquals(owner.id().value(), records.get(0).actorId());
    assertEquals(null, records.get(0).before());
    assertEquals(alice.id().value(), records.get(0).after().get("principalId"));
    assertEquals("roleAssignment.remove", records.get(1).action());
    assertEquals(a.id().value(), records.get(1).before().get("id"));
    assertEquals(null, records.get(1).after());
    assertTrue(records.get(1).requestId().startsWith("req-"));
  }

  @Test
  void aRefusedChangeWritesNoAuditRecord() {
    int before = w.store.auditRecords().size();
    refusal(() -> delegate(alice, bob, RoleDefinition.ACCESS_PACKAGE_MANAGER));
    assertEquals(before, w.store.auditRecords().size());
  }

  @Test
  void removingAnUnknownAssignmentIsNotFound() {
    assertEquals(
        DomainException.Reason.ROLE_ASSIGNMENT_NOT_FOUND,
        refusal(() -> await(w.roles.remove(as(owner), new RoleAssignmentId(Guid.random())))));
  }

  @Test
  void onlyAdministratorsDelegateCatalogCreators() {
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.roles.assign(
                        as(owner),
                        new AssignRole(
                            alice.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)))));
  }

  @Test
  void listingShowsOnlyScopesTheCallerMayViewAndPages() {
    delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    delegate(owner, bob, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    var page = await(w.roles.list(as(owner), RoleAssignmentQuery.all().withLimit(2), true));
    assertEquals(2, page.items().size());
    assertTrue(page.nextAfter().isPresent());
    assertTrue(page.items().stream().allMatch(v -> v.principal().isPresent()));
    // A plain user sees none of the catalog's assignments.
    Principal stranger = w.user("stranger");
    assertEquals(
        0, await(w.roles.list(as(stranger), RoleAssignmentQuery.all(), false)).items().size());
    // Filtering by principal.
    var onlyAlice =
        new RoleAssignmentQuery(
            Optional.of(Set.of(alice.id())), Optional.empty(), Optional.empty(), null, 10);
    var found = await(w.roles.list(as(w.admin), onlyAlice, false)).items();
    assertEquals(1, found.size());
    assertEquals(alice.id(), found.get(0).assignment().principalId());
  }

  @Test
  void principalsAnsweredLaterAreWaitedForAndEachIsLookedUpOnce() {
    delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    delegate(owner, alice, RoleDefinition.CATALOG_READER);
    delegate(owner, bob, RoleDefinition.CATALOG_READER);
    w.directory.answerLookupsLater();
    int before = w.directory.lookups();
    var listing = w.roles.list(as(w.admin), RoleAssignmentQuery.all(), true);
    assertFalse(listing.isComplete(), "the page waits for the directory");
    // owner (creator and owner), alice (twice) and bob: one lookup per distinct principal.
    assertEquals(3, w.directory.lookups() - before);
    w.directory.answerPendingLookups();
    var views = await(listing).items();
    assertEquals(w.store.roleAssignments().size(), views.size());
    for (var v : views) {
      assertEquals(v.assignment().principalId(), v.principal().orElseThrow().id());
    }
  }

  @Test
  void aLookupThatFailsFailsTheListingWithItsOwnCause() {
    delegate(owner, alice, RoleDefinition.ACCESS_PACKAGE_MANAGER);
    IllegalStateException down = new IllegalStateException("directory down");
    w.directory.failLookups(down);
    var failed =
        assertThrows(
            IllegalStateException.class,
            () -> await(w.roles.list(as(w.admin), RoleAssignmentQuery.all(), true)));
    assertSame(down, failed);
    int all = w.store.roleAssignments().size();
    // Only the principals' lookup fails: without principals the listing answers.
    assertEquals(
        all, await(w.roles.list(as(w.admin), RoleAssignmentQuery.all(), false)).items().size());
    w.directory.failLookups(null);
    assertEquals(
        all, await(w.roles.list(as(w.admin), RoleAssignmentQuery.all(), true)).items().size());
  }

  @Test
  void aCallerMayAlwaysSeeItsOwnAssignment() {
    RoleAssignment a = delegate(owner, alice, RoleDefinition.CATALOG_READER);
    assertEquals(a, await(w.roles.get(as(alice), a.id(), false)).assignment());
    Principal stranger = w.user("stranger");
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.roles.get(as(stranger), a.id(), false))));
  }

  @Test
  void unusedPrincipalIdIsStillAGuid() {
    assertThrows(DomainException.class, () -> new PrincipalId("alice"));
  }
}
