package dev.steward.application.service.catalogs;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.UpdateCatalog;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase.EffectivePermissions;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.domain.Catalog;
import dev.steward.domain.DomainException;
import dev.steward.domain.HeldRole;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogServiceTest {
  private final World w = new World();

  private Principal creator(String login) {
    Principal p = w.user(login);
    await(
        w.roles.assign(
            as(w.admin), new AssignRole(p.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    return p;
  }

  private Catalog create(Principal caller, String name) {
    return await(
        w.catalogs.create(
            as(caller), new CreateCatalog(name, "d", Optional.empty(), Optional.empty())));
  }

  private static DomainException.Reason refusal(Runnable call) {
    return assertThrows(DomainException.class, call::run).reason();
  }

  @Test
  void onlyAdministratorsAndCatalogCreatorsCreateCatalogs() {
    Principal plain = w.user("plain");
    assertEquals(DomainException.Reason.NOT_AUTHORIZED, refusal(() -> create(plain, "x")));
    assertEquals(DomainException.Reason.NOT_AUTHORIZED, refusal(() -> create(w.userAdmin, "x")));
    assertEquals("x", create(creator("cc"), "x").displayName());
    assertEquals("y", create(w.governanceAdmin, "y").displayName());
    assertEquals(2, w.store.catalogs().size());
  }

  @Test
  void aCatalogCreatorSeesOnlyTheCatalogsItOwns() {
    Principal a = creator("a");
    Principal b = creator("b");
    Catalog ca = create(a, "A");
    create(b, "B");
    var page = await(w.catalogs.list(as(a), null, 10));
    assertEquals(1, page.items().size());
    assertEquals(ca.id(), page.items().get(0).id());
    assertEquals(2, await(w.catalogs.list(as(w.admin), null, 10)).items().size());
    assertEquals(2, await(w.catalogs.list(as(w.userAdmin), null, 10)).items().size());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.catalogs.get(as(b), ca.id()))));
  }

  @Test
  void listingPagesInStableOrder() {
    Principal a = creator("a");
    for (int i = 0; i < 5; i++) {
      create(a, "C" + i);
    }
    var first = await(w.catalogs.list(as(a), null, 2));
    var second = await(w.catalogs.list(as(a), first.nextAfter().orElseThrow(), 2));
    var third = await(w.catalogs.list(as(a), second.nextAfter().orElseThrow(), 2));
    assertEquals(2, first.items().size());
    assertEquals(2, second.items().size());
    assertEquals(1, third.items().size());
    assertTrue(third.nextAfter().isEmpty());
  }

  @Test
  void ownersEditButManagersDoNot() {
    Principal owner = creator("owner");
    Catalog c = create(owner, "Before");
    Principal apm = w.user("apm");
    await(
        w.roles.assign(
            as(owner), new AssignRole(apm.id(), RoleDefinition.ACCESS_PACKAGE_MANAGER, c.scope())));
    UpdateCatalog rename =
        new UpdateCatalog(
            c.id(),
            Optional.of("After"),
            Optional.empty(),
            Optional.of(Catalog.State.UNPUBLISHED),
            Optional.empty());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.catalogs.update(as(apm), rename))));
    w.advance(Duration.ofMinutes(5));
    Catalog after = await(w.catalogs.update(as(owner), rename));
    assertEquals("After", after.displayName());
    assertEquals("d", after.description());
    assertEquals(Catalog.State.UNPUBLISHED, after.state());
    assertTrue(after.modifiedDateTime().isAfter(after.createdDateTime()));
    var audit = w.store.auditRecords().get(w.store.auditRecords().size() - 1);
    assertEquals("catalog.update", audit.action());
    assertEquals("Before", audit.before().get("displayName"));
    assertEquals("After", audit.after().get("displayName"));
  }

  @Test
  void aCatalogWithAccessPackagesIsNotDeletedAndOneWithoutIsWithItsRoles() {
    Principal owner = creator("owner");
    Catalog c = create(owner, "C");
    var pkg =
        await(
            w.packages.create(
                as(owner),
                new dev.steward.application.port.in.packages.ManageAccessPackagesUseCase
                    .CreateAccessPackage(c.id(), "P", "", false)));
    assertEquals(
        DomainException.Reason.CATALOG_HAS_ACCESS_PACKAGES,
        refusal(() -> await(w.catalogs.delete(as(owner), c.id()))));
    assertEquals(1, w.store.catalogs().size());
    await(w.packages.delete(as(owner), pkg.id()));
    await(w.catalogs.delete(as(owner), c.id()));
    assertEquals(0, w.store.catalogs().size());
    assertTrue(w.store.roleAssignments().stream().noneMatch(a -> a.scope().equals(c.scope())));
    assertEquals(
        DomainException.Reason.CATALOG_NOT_FOUND,
        refusal(() -> await(w.catalogs.get(as(owner), c.id()))));
  }

  @Test
  void whatMayIDoHereNamesEachTaskAndWhereItsRightComesFrom() {
    Principal owner = creator("owner");
    Catalog c = create(owner, "C");
    Principal alice = w.user("alice");
    Principal group = w.directory.addGroup("Project leads", alice);
    await(
        w.roles.assign(
            as(owner),
            new AssignRole(group.id(), RoleDefinition.ACCESS_PACKAGE_MANAGER, c.scope())));
    EffectivePermissions p = await(w.permissions.inScope(as(alice), c.scope()));
    assertEquals(1, p.roles().size());
    assertEquals(HeldRole.Source.GROUP_ASSIGNMENT, p.roles().get(0).source());
    assertEquals(group.id(), p.roles().get(0).via());
    assertTrue(decision(p, Task.CREATE_ACCESS_PACKAGE));
    assertTrue(!decision(p, Task.MANAGE_CATALOG_RESOURCES));
    assertTrue(!decision(p, Task.MANAGE_ACCESS_PACKAGE_MANAGERS));
    EffectivePermissions admin = await(w.permissions.inScope(as(w.admin), c.scope()));
    assertEquals(HeldRole.Source.DIRECTORY_GROUP, admin.roles().get(0).source());
    assertTrue(admin.decisions().stream().allMatch(d -> d.allowed()));
  }

  private static boolean decision(EffectivePermissions p, Task task) {
    return p.decisions().stream().filter(d -> d.task() == task).findFirst().orElseThrow().allowed();
  }
}
