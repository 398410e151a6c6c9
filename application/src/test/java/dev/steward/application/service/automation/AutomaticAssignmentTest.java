package dev.steward.application.service.automation;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AddResourceRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.port.in.requests.RequestFilter;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.AutomaticRequestSettings;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.SubjectSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Automatic policies over in-memory fakes: who gets the package, who loses it, and when. */
class AutomaticAssignmentTest {
  private static final String SALES_NOT_CONTRACTORS =
      "(user.department -eq \"Sales\") -and (user.employeeType -ne \"Contractor\")";

  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal sam = w.user("sam");
  private final Principal sue = w.user("sue");
  private final Principal con = w.user("con");
  private final Principal eng = w.user("eng");
  private final Principal salesGroup = w.directory.addGroup("sales-crm", owner);
  private final Catalog catalog;
  private final CatalogResource resource;
  private final AccessPackage pkg;

  AutomaticAssignmentTest() {
    w.directory.addOwner(salesGroup, owner);
    await(
        w.roles.assign(
            as(w.admin), new AssignRole(owner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    catalog =
        await(
            w.catalogs.create(
                as(owner), new CreateCatalog("Sales", "", Optional.empty(), Optional.empty())));
    resource =
        await(
                w.resources.request(
                    as(owner),
                    new ResourceRequest(RequestType.ADMIN_ADD, catalog.id(), salesGroup.id())))
            .resource();
    pkg =
        await(
            w.packages.create(as(owner), new CreateAccessPackage(catalog.id(), "CRM", "", false)));
    await(
        w.packages.addResourceRole(
            as(owner),
            new AddResourceRole(
                pkg.id(), resource.id(), "Member_" + salesGroup.id(), salesGroup.id())));
    w.attributes.set(sam, "department", "Sales");
    w.attributes.set(sam, "employeeType", "Employee");
    w.attributes.set(sue, "department", "sales");
    w.attributes.set(con, "department", "Sales");
    w.attributes.set(con, "employeeType", "Contractor");
    w.attributes.set(eng, "department", "Engineering");
  }

  private static AssignmentPolicy.Settings automatic(String rule, Duration grace) {
    return new AssignmentPolicy.Settings(
        AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS,
        List.of(
            new SubjectSet.AttributeRuleMembers(
                "Sales", rule, MembershipRule.parse(rule, "membershipRule"))),
        new AssignmentPolicy.RequestorSettings(false, false, false, false, false, false, false),
        new AssignmentPolicy.ApprovalSettings(false, false, false, List.of()),
        AssignmentPolicy.Expiration.never(),
        AssignmentPolicy.ReviewSettings.none(),
        AssignmentPolicy.NotificationSettings.on(),
        new AutomaticRequestSettings(true, true, grace),
        List.of());
  }

  private AssignmentPolicy createAutomatic(String rule, Duration grace) {
    return await(
        w.policies.create(
            as(owner), new PolicyDraft(pkg.id(), "Sales staff", "", automatic(rule, grace))));
  }

  private List<AssignmentRequest> requests(AssignmentRequest.Type type) {
    return await(
            w.requestViews.list(
                as(w.admin),
                new RequestFilter(
                    Optional.empty(),
                    Optional.of(type),
                    Optional.of(pkg.id()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()),
                null,
                100))
        .items();
  }

  private boolean member(Principal user) {
    return w.directory.isDirectMember(salesGroup, user);
  }

  @Test
  void everyMatchingUserIsDeliveredThroughASystemAddAndNobodyElse() {
    createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(7));
    await(w.dueWork.runDue());
    assertTrue(member(sam));
    assertTrue(member(sue), "matching ignores case, as LDAP's caseIgnoreMatch does");
    assertFalse(member(con));
    assertFalse(member(eng));
    List<AssignmentRequest> adds = requests(AssignmentRequest.Type.SYSTEM_ADD);
    assertEquals(2, adds.size());
    for (AssignmentRequest r : adds) {
      assertEquals(AssignmentRequest.State.DELIVERED, r.state());
      assertEquals(
          dev.steward.application.port.in.RequestContext.SYSTEM.actor().userId(), r.requestorId());
    }
  }

  @Test
  void reconcilingAgainRaisesNothingTwice() {
    createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(7));
    await(w.dueWork.runDue());
    w.advance(Duration.ofMinutes(6));
    await(w.dueWork.runDue());
    w.advance(Duration.ofMinutes(6));
    await(w.dueWork.runDue());
    assertEquals(2, requests(AssignmentRequest.Type.SYSTEM_ADD).size());
    assertEquals(3, w.attributes.searches(), "one search per run");
  }

  @Test
  void aUserWhoLeavesTheRuleLosesAccessOnlyAfterTheGracePeriod() {
    createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(2));
    await(w.dueWork.runDue());
    assertTrue(member(sam));
    w.attributes.set(sam, "department", "Engineering");
    w.advance(Duration.ofMinutes(6));
    await(w.dueWork.runDue());
    assertTrue(member(sam), "still inside the grace period");
    assertEquals(0, requests(AssignmentRequest.Type.SYSTEM_REMOVE).size());
    w.advance(Duration.ofDays(2));
    await(w.dueWork.runDue());
    assertFalse(member(sam));
    List<AssignmentRequest> removes = requests(AssignmentRequest.Type.SYSTEM_REMOVE);
    assertEquals(1, removes.size());
    assertEquals(sam.id(), removes.get(0).targetId());
    assertTrue(member(sue));
  }

  @Test
  void aUserWhoComesBackDuringTheGracePeriodKeepsAccess() {
    createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(2));
    await(w.dueWork.runDue());
    w.attributes.set(sam, "department", "Engineering");
    w.advance(Duration.ofMinutes(6));
    await(w.dueWork.runDue());
    w.attributes.set(sam, "department", "Sales");
    w.advance(Duration.ofDays(2));
    await(w.dueWork.runDue());
    assertTrue(member(sam));
    assertEquals(0, requests(AssignmentRequest.Type.SYSTEM_REMOVE).size());
  }

  @Test
  void aPackageHasOneAutomaticPolicy() {
    createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(7));
    DomainException e =
        assertThrows(
            DomainException.class,
            () -> createAutomatic("user.department -eq \"Engineering\"", Duration.ZERO));
    assertEquals(DomainException.Reason.ALREADY_EXISTS, e.reason());
  }

  @Test
  void nobodyRequestsUnderAnAutomaticPolicy() {
    AssignmentPolicy p = createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(7));
    DomainException e =
        assertThrows(
            DomainException.class,
            () ->
                await(
                    w.requests.submit(
                        as(owner),
                        new SubmitRequest(
                            AssignmentRequest.Type.ADMIN_ADD,
                            pkg.id(),
                            p.id(),
                            eng.id(),
                            null,
                            "",
                            null))));
    assertEquals(DomainException.Reason.REQUEST_NOT_ALLOWED, e.reason());
  }

  @Test
  void callersCannotRaiseSystemRequests() {
    AssignmentPolicy p = createAutomatic(SALES_NOT_CONTRACTORS, Duration.ofDays(7));
    assertThrows(
        DomainException.class,
        () ->
            await(
                w.requests.submit(
                    as(w.admin),
                    new SubmitRequest(
                        AssignmentRequest.Type.SYSTEM_ADD,
                        pkg.id(),
                        p.id(),
                        eng.id(),
                        null,
                        "",
                        null))));
  }

  @Test
  void aRuleNamingAnUnmappedPropertyIsRefusedNamingIt() {
    DomainException e =
        assertThrows(
            DomainException.class,
            () -> createAutomatic("user.favouriteColour -eq \"blue\"", Duration.ZERO));
    assertTrue(e.getMessage().contains("user.favouriteColour"), e.getMessage());
  }

  @Test
  void aRemovedAutomaticPolicyIsNoLongerReconciled() {
    AssignmentPolicy p = createAutomatic("user.department -eq \"Engineering\"", Duration.ZERO);
    await(w.policies.delete(as(owner), p.id()));
    await(w.dueWork.runDue());
    assertFalse(member(eng));
    assertEquals(0, w.attributes.searches());
  }
}
