package dev.steward.application.service;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.UpdateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AddResourceRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.Expand;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.UpdateAccessPackage;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.SubjectSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seed's four responsibilities of an access package manager — which roles, who may request, who
 * approves, how long — and what the manager may not do, over in-memory fakes.
 */
class AccessPackageManagerWorkTest {
  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal manager = w.user("manager");
  private final Principal reader = w.user("reader");
  private final Principal employee = w.user("employee");
  private final Principal fallback = w.user("fallback");
  private final Principal project = w.directory.addGroup("project", employee);
  private final Catalog catalog;
  private final Catalog other;

  AccessPackageManagerWorkTest() {
    await(
        w.roles.assign(
            as(w.admin), new AssignRole(owner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    catalog =
        await(
            w.catalogs.create(
                as(owner), new CreateCatalog("Falcon", "", Optional.empty(), Optional.empty())));
    other =
        await(
            w.catalogs.create(
                as(w.admin), new CreateCatalog("Other", "", Optional.empty(), Optional.empty())));
    await(
        w.roles.assign(
            as(owner),
            new AssignRole(manager.id(), RoleDefinition.ACCESS_PACKAGE_MANAGER, catalog.scope())));
    await(
        w.roles.assign(
            as(owner),
            new AssignRole(reader.id(), RoleDefinition.CATALOG_READER, catalog.scope())));
    w.directory.addOwner(project, owner);
  }

  private static DomainException.Reason refusal(Runnable call) {
    return assertThrows(DomainException.class, call::run).reason();
  }

  private CatalogResource addResource(Principal caller, Catalog c, Principal group) {
    return await(
            w.resources.request(
                as(caller), new ResourceRequest(RequestType.ADMIN_ADD, c.id(), group.id())))
        .resource();
  }

  private AccessPackage newPackage(Principal caller, Catalog c, String name) {
    return await(w.packages.create(as(caller), new CreateAccessPackage(c.id(), name, "", false)));
  }

  private AssignmentPolicy.Settings seedPolicy() {
    return new AssignmentPolicy.Settings(
        AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS,
        List.of(new SubjectSet.GroupMembers(project.id(), "")),
        new AssignmentPolicy.RequestorSettings(true, false, true, false, false, false, false),
        new AssignmentPolicy.ApprovalSettings(
            true,
            false,
            false,
            List.of(
                new AssignmentPolicy.ApprovalStage(
                    Duration.ofDays(7),
                    false,
                    List.of(new SubjectSet.RequestorManager(1)),
                    List.of(new SubjectSet.SingleUser(fallback.id(), "")),
                    false,
                    null,
                    List.of(),
                    List.of()))),
        new AssignmentPolicy.Expiration(
            AssignmentPolicy.Expiration.Type.AFTER_DURATION, Duration.ofDays(30), null),
        AssignmentPolicy.ReviewSettings.none());
  }

  @Test
  void theManagerBuildsAPackageGrantingMembershipWithAPolicy() {
    CatalogResource resource = addResource(owner, catalog, project);
    AccessPackage pkg = newPackage(manager, catalog, "Falcon developer");
    ResourceRoleScope scope =
        await(
            w.packages.addResourceRole(
                as(manager),
                new AddResourceRole(
                    pkg.id(), resource.id(), "Member_" + project.id(), project.id())));
    AssignmentPolicy policy =
        await(
            w.policies.create(
                as(manager), new PolicyDraft(pkg.id(), "Project members", "", seedPolicy())));
    var view = await(w.packages.get(as(reader), pkg.id(), new Expand(true, true)));
    assertEquals(List.of(scope), view.resourceRoleScopes().orElseThrow());
    assertEquals(List.of(policy), view.assignmentPolicies().orElseThrow());
    List<String> actions = w.store.auditRecords().stream().map(r -> r.action()).toList();
    assertTrue(
        actions.containsAll(
            List.of(
                "resource.add",
                "accessPackage.create",
                "accessPackage.resourceRole.add",
                "policy.create")),
        actions.toString());
  }

  @Test
  void aManagerCannotAddResourcesOrEditOrDeleteTheCatalog() {
    w.directory.addOwner(project, manager);
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> addResource(manager, catalog, project)));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.catalogs.update(
                        as(manager),
                        new UpdateCatalog(
                            catalog.id(),
                            Optional.of("x"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty())))));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.catalogs.delete(as(manager), catalog.id()))));
  }

  @Test
  void aManagerHasNoRightsInAnotherCatalog() {
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED, refusal(() -> newPackage(manager, other, "Sneaky")));
    AccessPackage theirs = newPackage(w.admin, other, "Theirs");
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.packages.delete(as(manager), theirs.id()))));
    assertEquals(
        0,
        await(
                w.packages.list(
                    as(manager),
                    new AccessPackageQuery(
                        Optional.empty(), Optional.empty(), Optional.empty(), null, 10),
                    Expand.NONE))
            .items()
            .size());
  }

  @Test
  void anOwnerNeedsARightOnTheGroupItselfButAnAdministratorDoesNot() {
    Principal notMine = w.directory.addGroup("not-mine");
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED, refusal(() -> addResource(owner, catalog, notMine)));
    assertEquals("not-mine", addResource(w.admin, catalog, notMine).displayName());
    assertEquals(
        DomainException.Reason.ALREADY_EXISTS,
        refusal(() -> addResource(w.admin, catalog, notMine)));
    assertEquals(
        DomainException.Reason.PRINCIPAL_NOT_FOUND,
        refusal(() -> addResource(w.admin, catalog, employee)));
  }

  @Test
  void aResourceUsedByAPackageCannotLeaveTheCatalog() {
    CatalogResource resource = addResource(owner, catalog, project);
    AccessPackage pkg = newPackage(manager, catalog, "Uses project");
    ResourceRoleScope scope =
        await(
            w.packages.addResourceRole(
                as(manager),
                new AddResourceRole(
                    pkg.id(), resource.id(), "Owner_" + project.id(), project.id())));
    ResourceRequest remove =
        new ResourceRequest(RequestType.ADMIN_REMOVE, catalog.id(), project.id());
    assertEquals(
        DomainException.Reason.RESOURCE_IN_USE,
        refusal(() -> await(w.resources.request(as(owner), remove))));
    await(w.packages.removeResourceRole(as(manager), pkg.id(), scope.id()));
    await(w.resources.request(as(owner), remove));
    assertTrue(await(w.resources.resources(as(owner), catalog.id())).isEmpty());
  }

  @Test
  void anOwnerRoleIsRefusedWhenBuildingThePackageWhereTheDirectoryKeepsOneOwnerPerGroup() {
    CatalogResource resource = addResource(owner, catalog, project);
    AccessPackage pkg = newPackage(manager, catalog, "Owns project");
    w.directory.ownersHoldOneValue(true);
    DomainException e =
        assertThrows(
            DomainException.class,
            () ->
                await(
                    w.packages.addResourceRole(
                        as(manager),
                        new AddResourceRole(
                            pkg.id(), resource.id(), "Owner_" + project.id(), project.id()))));
    assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    assertTrue(e.getMessage().contains("one value"), e.getMessage());
    await(
        w.packages.addResourceRole(
            as(manager),
            new AddResourceRole(pkg.id(), resource.id(), "Member_" + project.id(), project.id())));
  }

  @Test
  void aResourceRoleMustComeFromThePackagesOwnCatalog() {
    Principal elsewhere = w.directory.addGroup("elsewhere");
    CatalogResource foreign = addResource(w.admin, other, elsewhere);
    AccessPackage pkg = newPackage(manager, catalog, "P");
    assertEquals(
        DomainException.Reason.RESOURCE_NOT_IN_CATALOG,
        refusal(
            () ->
                await(
                    w.packages.addResourceRole(
                        as(manager),
                        new AddResourceRole(
                            pkg.id(), foreign.id(), "Member_" + elsewhere.id(), elsewhere.id())))));
  }

  @Test
  void aPackageWithAssignmentsIsNotDeletedAndTheRefusalSaysHowManyRemain() {
    AccessPackage pkg = newPackage(manager, catalog, "In use");
    w.store.setAssignmentCount(pkg.id(), 3);
    DomainException e =
        assertThrows(DomainException.class, () -> await(w.packages.delete(as(manager), pkg.id())));
    assertEquals(DomainException.Reason.ACCESS_PACKAGE_HAS_ASSIGNMENTS, e.reason());
    assertTrue(e.getMessage().contains("3 assignment"), e.getMessage());
    w.store.setAssignmentCount(pkg.id(), 0);
    await(w.packages.delete(as(manager), pkg.id()));
  }

  @Test
  void aReaderSeesButCannotChange() {
    AccessPackage pkg = newPackage(manager, catalog, "Visible");
    assertEquals(pkg, await(w.packages.get(as(reader), pkg.id(), Expand.NONE)).accessPackage());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED, refusal(() -> newPackage(reader, catalog, "No")));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.packages.update(
                        as(reader),
                        new UpdateAccessPackage(
                            pkg.id(), Optional.empty(), Optional.empty(), Optional.of(true))))));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.policies.create(
                        as(reader), new PolicyDraft(pkg.id(), "No", "", seedPolicy())))));
  }

  @Test
  void aPolicyNamingSomeoneNotInTheDirectoryIsRefused() {
    AccessPackage pkg = newPackage(manager, catalog, "P");
    AssignmentPolicy.Settings good = seedPolicy();
    AssignmentPolicy.Settings ghostTarget =
        new AssignmentPolicy.Settings(
            good.allowedTargetScope(),
            List.of(new SubjectSet.GroupMembers(new PrincipalId(Guid.random()), "")),
            good.requestorSettings(),
            good.requestApprovalSettings(),
            good.expiration(),
            good.reviewSettings());
    assertEquals(
        DomainException.Reason.PRINCIPAL_NOT_FOUND,
        refusal(
            () ->
                await(
                    w.policies.create(
                        as(manager), new PolicyDraft(pkg.id(), "Ghost", "", ghostTarget)))));
    AssignmentPolicy.Settings userAsGroup =
        new AssignmentPolicy.Settings(
            good.allowedTargetScope(),
            List.of(new SubjectSet.GroupMembers(employee.id(), "")),
            good.requestorSettings(),
            good.requestApprovalSettings(),
            good.expiration(),
            good.reviewSettings());
    assertEquals(
        DomainException.Reason.PRINCIPAL_NOT_FOUND,
        refusal(
            () ->
                await(
                    w.policies.create(
                        as(manager), new PolicyDraft(pkg.id(), "Wrong kind", "", userAsGroup)))));
    assertTrue(
        await(w.policies.list(as(manager), Optional.of(pkg.id()), null, 10)).items().isEmpty());
  }

  @Test
  void policiesAreReplacedAndDeletedByTheManager() {
    AccessPackage pkg = newPackage(manager, catalog, "P");
    AssignmentPolicy p =
        await(w.policies.create(as(manager), new PolicyDraft(pkg.id(), "First", "", seedPolicy())));
    AssignmentPolicy.Settings s = seedPolicy();
    AssignmentPolicy.Settings longer =
        new AssignmentPolicy.Settings(
            s.allowedTargetScope(),
            s.specificAllowedTargets(),
            s.requestorSettings(),
            s.requestApprovalSettings(),
            new AssignmentPolicy.Expiration(
                AssignmentPolicy.Expiration.Type.AFTER_DURATION, Duration.ofDays(90), null),
            s.reviewSettings());
    AssignmentPolicy replaced =
        await(
            w.policies.replace(as(manager), p.id(), new PolicyDraft(null, "Renamed", "", longer)));
    assertEquals(Duration.ofDays(90), replaced.settings().expiration().duration());
    assertEquals("Renamed", await(w.policies.get(as(reader), p.id())).displayName());
    await(w.policies.delete(as(manager), p.id()));
    assertEquals(
        DomainException.Reason.POLICY_NOT_FOUND,
        refusal(() -> await(w.policies.get(as(manager), p.id()))));
  }

  @Test
  void replacingAPolicyWithWhatItAlreadySaysWritesNoAuditRecord() {
    AccessPackage pkg = newPackage(manager, catalog, "P");
    AssignmentPolicy p =
        await(w.policies.create(as(manager), new PolicyDraft(pkg.id(), "Same", "", seedPolicy())));
    int before = w.store.auditRecords().size();

    AssignmentPolicy again =
        await(
            w.policies.replace(
                as(manager), p.id(), new PolicyDraft(null, "Same", "", seedPolicy())));

    assertEquals(p.modifiedDateTime(), again.modifiedDateTime());
    assertEquals(before, w.store.auditRecords().size());
  }

  @Test
  void incompatibilitiesAreOneWayAndNamedGroupsMustExist() {
    AccessPackage a = newPackage(manager, catalog, "A");
    AccessPackage b = newPackage(manager, catalog, "B");
    await(w.separation.addIncompatiblePackage(as(manager), a.id(), b.id()));
    await(w.separation.addIncompatibleGroup(as(manager), a.id(), project.id()));
    assertEquals(List.of(b), await(w.separation.incompatiblePackages(as(reader), a.id())));
    assertTrue(await(w.separation.incompatiblePackages(as(reader), b.id())).isEmpty());
    assertEquals(List.of(project), await(w.separation.incompatibleGroups(as(reader), a.id())));
    assertEquals(
        DomainException.Reason.INVALID_MODEL,
        refusal(() -> await(w.separation.addIncompatiblePackage(as(manager), a.id(), a.id()))));
    assertEquals(
        DomainException.Reason.PRINCIPAL_NOT_FOUND,
        refusal(
            () -> await(w.separation.addIncompatibleGroup(as(manager), a.id(), employee.id()))));
    await(w.separation.removeIncompatiblePackage(as(manager), a.id(), b.id()));
    assertEquals(
        DomainException.Reason.ACCESS_PACKAGE_NOT_FOUND,
        refusal(() -> await(w.separation.removeIncompatiblePackage(as(manager), a.id(), b.id()))));
  }

  @Test
  void hidingIsItsOwnTaskAndListingFiltersByName() {
    AccessPackage pkg = newPackage(manager, catalog, "Sales Tools");
    newPackage(manager, catalog, "Marketing");
    AccessPackage hidden =
        await(
            w.packages.update(
                as(manager),
                new UpdateAccessPackage(
                    pkg.id(), Optional.empty(), Optional.empty(), Optional.of(true))));
    assertTrue(hidden.isHidden());
    var found =
        await(
            w.packages.list(
                as(reader),
                new AccessPackageQuery(
                    Optional.empty(), Optional.empty(), Optional.of("tools"), null, 10),
                Expand.NONE));
    assertEquals(
        List.of(pkg.id()), found.items().stream().map(v -> v.accessPackage().id()).toList());
    var exact =
        await(
            w.packages.list(
                as(reader),
                new AccessPackageQuery(
                    Optional.empty(), Optional.of("marketing"), Optional.empty(), null, 10),
                Expand.NONE));
    assertEquals(1, exact.items().size());
  }
}
