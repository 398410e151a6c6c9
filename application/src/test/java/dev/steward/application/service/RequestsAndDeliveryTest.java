package dev.steward.application.service;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AddResourceRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.application.port.out.notifications.OutgoingMail;
import dev.steward.application.service.notifications.NotificationService;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.SubjectSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Requests, approvals, delivery into the directory and expiry, over in-memory fakes. */
class RequestsAndDeliveryTest {
  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal manager = w.user("apm");
  private final Principal boss = w.user("boss");
  private final Principal employee = w.user("employee");
  private final Principal orphan = w.user("orphan");
  private final Principal fallback = w.user("fallback");
  private final Principal escalator = w.user("escalator");
  private final Principal outsider = w.user("outsider");
  private final Principal engineering = w.directory.addGroup("engineering", employee, orphan);
  private final Principal project = w.directory.addGroup("project", owner);
  private final Catalog catalog;
  private final CatalogResource resource;

  RequestsAndDeliveryTest() {
    w.directory.setManager(employee, boss);
    w.directory.addOwner(project, owner);
    await(
        w.roles.assign(
            as(w.admin), new AssignRole(owner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    catalog =
        await(
            w.catalogs.create(
                as(owner), new CreateCatalog("Falcon", "", Optional.empty(), Optional.empty())));
    await(
        w.roles.assign(
            as(owner),
            new AssignRole(manager.id(), RoleDefinition.ACCESS_PACKAGE_MANAGER, catalog.scope())));
    resource =
        await(
                w.resources.request(
                    as(owner),
                    new ResourceRequest(RequestType.ADMIN_ADD, catalog.id(), project.id())))
            .resource();
  }

  private AccessPackage grantingProject(String name) {
    AccessPackage pkg =
        await(
            w.packages.create(as(manager), new CreateAccessPackage(catalog.id(), name, "", false)));
    await(
        w.packages.addResourceRole(
            as(manager),
            new AddResourceRole(pkg.id(), resource.id(), "Member_" + project.id(), project.id())));
    return pkg;
  }

  private AssignmentPolicy.Settings settings(
      boolean approval, boolean escalation, boolean selfUpdate, boolean approvalForUpdate) {
    return new AssignmentPolicy.Settings(
        AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS,
        List.of(new SubjectSet.GroupMembers(engineering.id(), "")),
        new AssignmentPolicy.RequestorSettings(true, selfUpdate, true, false, false, false, false),
        new AssignmentPolicy.ApprovalSettings(
            approval,
            approvalForUpdate,
            false,
            approval || approvalForUpdate ? List.of(stage(escalation)) : List.of()),
        new AssignmentPolicy.Expiration(
            AssignmentPolicy.Expiration.Type.AFTER_DURATION, Duration.ofDays(30), null),
        AssignmentPolicy.ReviewSettings.none());
  }

  private AssignmentPolicy.ApprovalStage stage(boolean escalation) {
    return new AssignmentPolicy.ApprovalStage(
        Duration.ofDays(7),
        false,
        List.of(new SubjectSet.RequestorManager(1)),
        List.of(new SubjectSet.SingleUser(fallback.id(), "")),
        escalation,
        escalation ? Duration.ofDays(2) : null,
        escalation ? List.of(new SubjectSet.SingleUser(escalator.id(), "")) : List.of(),
        List.of());
  }

  private AssignmentPolicy policy(AccessPackage pkg, boolean approval) {
    return policy(pkg, approval, false, false, false);
  }

  private AssignmentPolicy policy(
      AccessPackage pkg,
      boolean approval,
      boolean escalation,
      boolean selfUpdate,
      boolean approvalForUpdate) {
    return await(
        w.policies.create(
            as(manager),
            new PolicyDraft(
                pkg.id(),
                "Engineers",
                "",
                settings(approval, escalation, selfUpdate, approvalForUpdate))));
  }

  @Test
  void requestablePackagesAreThoseWhosePoliciesLetTheCallerAskThemselves() {
    AccessPackage open = grantingProject("Open to engineers");
    AssignmentPolicy engineers = policy(open, false);
    AccessPackage hidden = grantingProject("Hidden");
    policy(hidden, false);
    await(
        w.packages.update(
            as(manager),
            new dev.steward.application.port.in.packages.ManageAccessPackagesUseCase
                .UpdateAccessPackage(
                hidden.id(), Optional.empty(), Optional.empty(), Optional.of(true))));
    AccessPackage adminOnly = grantingProject("Assigned by admins");
    await(
        w.policies.create(
            as(manager),
            new PolicyDraft(
                adminOnly.id(),
                "Direct",
                "",
                new AssignmentPolicy.Settings(
                    AssignmentPolicy.TargetScope.ALL_DIRECTORY_USERS,
                    List.of(),
                    new AssignmentPolicy.RequestorSettings(
                        false, false, false, false, false, false, false),
                    new AssignmentPolicy.ApprovalSettings(false, false, false, List.of()),
                    new AssignmentPolicy.Expiration(
                        AssignmentPolicy.Expiration.Type.NO_EXPIRATION, null, null),
                    AssignmentPolicy.ReviewSettings.none()))));

    // The employee is in engineering: the open package, with the policy that lets them.
    var forEmployee = await(w.requestable.requestable(as(employee), 10));
    assertEquals(1, forEmployee.size());
    assertEquals(open.id(), forEmployee.get(0).accessPackage().id());
    assertEquals(
        List.of(engineers.id()),
        forEmployee.get(0).policies().stream().map(AssignmentPolicy::id).toList());
    // Someone outside engineering may ask for nothing; a limit of zero finds nothing.
    assertTrue(await(w.requestable.requestable(as(outsider), 10)).isEmpty());
    assertTrue(await(w.requestable.requestable(as(employee), 0)).isEmpty());
    // Without the policies, the same packages.
    assertEquals(
        List.of(open.id()),
        await(w.requestable.requestablePackages(as(employee), 10)).stream()
            .map(AccessPackage::id)
            .toList());
    assertTrue(await(w.requestable.requestablePackages(as(outsider), 10)).isEmpty());
    assertTrue(await(w.requestable.requestablePackages(as(employee), 0)).isEmpty());
    // And what is listed can really be requested.
    assertEquals(AssignmentRequest.State.DELIVERED, request(employee, open, engineers).state());
  }

  private AssignmentRequest request(Principal who, AccessPackage pkg, AssignmentPolicy p) {
    return await(
        w.requests.submit(
            as(who),
            new SubmitRequest(
                AssignmentRequest.Type.USER_ADD, pkg.id(), p.id(), null, null, "need it", null)));
  }

  private AssignmentRequest decide(
      Principal approver, AssignmentRequest r, AssignmentRequest.Review review) {
    return await(w.approvals.decide(as(approver), r.id(), "1", review, "ok"));
  }

  private Assignment assignmentOf(AssignmentRequest r) {
    return await(w.assignments.get(as(w.admin), r.assignmentId()));
  }

  private static DomainException.Reason refusal(Runnable call) {
    return assertThrows(DomainException.class, call::run).reason();
  }

  @Test
  void anEmployeeRequestsTheManagerApprovesAccessIsDeliveredAndExpiresAfterThirtyDays() {
    AccessPackage pkg = grantingProject("Falcon developer");
    AssignmentPolicy p = policy(pkg, true);
    AssignmentRequest r = request(employee, pkg, p);
    assertEquals(AssignmentRequest.State.PENDING_APPROVAL, r.state());
    assertEquals(List.of(boss.id()), r.stages().get(0).approvers());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertEquals(
        List.of(r.id()),
        await(w.approvals.awaitingMe(as(boss), null, 10)).items().stream()
            .map(AssignmentRequest::id)
            .toList());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> decide(employee, r, AssignmentRequest.Review.APPROVE)));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> decide(outsider, r, AssignmentRequest.Review.APPROVE)));

    AssignmentRequest approved = decide(boss, r, AssignmentRequest.Review.APPROVE);
    assertEquals(AssignmentRequest.State.DELIVERED, approved.state());
    assertTrue(w.directory.isDirectMember(project, employee));
    Assignment a = assignmentOf(approved);
    assertEquals(Assignment.State.DELIVERED, a.state());
    assertEquals(w.clock.now().plus(Duration.ofDays(30)), a.endDateTime());

    w.advance(Duration.ofDays(29));
    assertEquals(0, await(w.dueWork.runDue()).expired());
    assertTrue(w.directory.isDirectMember(project, employee));
    w.advance(Duration.ofDays(2));
    assertEquals(Duration.ofDays(1), await(w.dueWork.lag()));
    assertEquals(1, await(w.dueWork.runDue()).expired());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertEquals(Assignment.State.EXPIRED, assignmentOf(approved).state());
    assertEquals(0, await(w.dueWork.runDue()).expired());
  }

  @Test
  void oneDenialEndsTheRequestAndTheDirectoryIsNeverTouched() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true));
    assertEquals(
        AssignmentRequest.State.DENIED, decide(boss, r, AssignmentRequest.Review.DENY).state());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertEquals(
        DomainException.Reason.REQUEST_NOT_PENDING,
        refusal(() -> decide(boss, r, AssignmentRequest.Review.APPROVE)));
  }

  @Test
  void aCanceledRequestCannotBeApproved() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true));
    assertEquals(
        AssignmentRequest.State.CANCELED, await(w.requests.cancel(as(employee), r.id())).state());
    assertEquals(
        DomainException.Reason.REQUEST_NOT_PENDING,
        refusal(() -> decide(boss, r, AssignmentRequest.Review.APPROVE)));
    assertFalse(w.directory.isDirectMember(project, employee));
  }

  @Test
  void aStagePastItsDeadlineDeniesTheRequest() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true));
    w.advance(Duration.ofDays(8));
    assertEquals(1, await(w.dueWork.runDue()).deniedOnDeadline());
    assertEquals(
        AssignmentRequest.State.DENIED, await(w.requestViews.get(as(employee), r.id())).state());
    assertFalse(w.directory.isDirectMember(project, employee));
  }

  @Test
  void escalationApproversJoinAfterTheEscalationTime() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true, true, false, false));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> decide(escalator, r, AssignmentRequest.Review.APPROVE)));
    w.advance(Duration.ofDays(3));
    assertEquals(1, await(w.dueWork.runDue()).escalated());
    assertEquals(
        AssignmentRequest.State.DELIVERED,
        decide(escalator, r, AssignmentRequest.Review.APPROVE).state());
  }

  @Test
  void withoutAManagerTheFallbackApproves() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(orphan, pkg, policy(pkg, true));
    assertEquals(List.of(fallback.id()), r.stages().get(0).approvers());
  }

  @Test
  void onlyUsersInThePolicysScopeMayRequestAndOnlyOnce() {
    AccessPackage pkg = grantingProject("P");
    AssignmentPolicy p = policy(pkg, true);
    assertEquals(
        DomainException.Reason.NOT_IN_POLICY_SCOPE, refusal(() -> request(outsider, pkg, p)));
    request(employee, pkg, p);
    assertEquals(
        DomainException.Reason.ALREADY_ASSIGNED_PACKAGE, refusal(() -> request(employee, pkg, p)));
  }

  @Test
  void aDirectAssignmentStillNeedsApprovalWhenThePolicyRequiresIt() {
    AccessPackage pkg = grantingProject("P");
    AssignmentPolicy p = policy(pkg, true);
    SubmitRequest direct =
        new SubmitRequest(
            AssignmentRequest.Type.ADMIN_ADD, pkg.id(), p.id(), employee.id(), null, "", null);
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.requests.submit(as(outsider), direct))));
    AssignmentRequest r = await(w.requests.submit(as(manager), direct));
    assertEquals(AssignmentRequest.State.PENDING_APPROVAL, r.state());
  }

  @Test
  void aDirectAssignmentWithoutApprovalIsDeliveredAtOnceAndAdminRemoveTakesItOut() {
    AccessPackage pkg = grantingProject("P");
    AssignmentPolicy p = policy(pkg, false);
    AssignmentRequest r =
        await(
            w.requests.submit(
                as(manager),
                new SubmitRequest(
                    AssignmentRequest.Type.ADMIN_ADD,
                    pkg.id(),
                    p.id(),
                    employee.id(),
                    null,
                    "",
                    null)));
    assertEquals(AssignmentRequest.State.DELIVERED, r.state());
    assertTrue(w.directory.isDirectMember(project, employee));
    AssignmentRequest removed =
        await(
            w.requests.submit(
                as(manager),
                new SubmitRequest(
                    AssignmentRequest.Type.ADMIN_REMOVE,
                    null,
                    null,
                    null,
                    r.assignmentId(),
                    "",
                    null)));
    assertEquals(AssignmentRequest.State.DELIVERED, removed.state());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertEquals(Assignment.State.EXPIRED, assignmentOf(r).state());
    assertTrue(
        w.store.auditRecords().stream().anyMatch(x -> x.action().equals("assignment.removed")));
  }

  @Test
  void aFailedDeliveryIsVisibleAndReprocessFinishesIt() {
    AccessPackage pkg = grantingProject("P");
    AssignmentPolicy p = policy(pkg, false);
    w.directory.failWritesTo(project, true);
    AssignmentRequest r = request(employee, pkg, p);
    assertEquals(AssignmentRequest.State.DELIVERY_FAILED, r.state());
    Assignment failed = assignmentOf(r);
    assertEquals(Assignment.State.DELIVERY_FAILED, failed.state());
    assertNotNull(failed.deliveryError());
    assertTrue(failed.deliveryError().contains("Member_" + project.id()), failed.deliveryError());
    w.directory.failWritesTo(project, false);
    assertEquals(
        AssignmentRequest.State.DELIVERED,
        await(w.requests.reprocess(as(manager), r.id())).state());
    assertTrue(w.directory.isDirectMember(project, employee));
  }

  @Test
  void removingOnePackageKeepsAGroupAnotherPackageStillGrants() {
    AccessPackage first = grantingProject("First");
    AccessPackage second = grantingProject("Second");
    AssignmentRequest a = request(employee, first, policy(first, false));
    request(employee, second, policy(second, false));
    await(
        w.requests.submit(
            as(employee),
            new SubmitRequest(
                AssignmentRequest.Type.USER_REMOVE, null, null, null, a.assignmentId(), "", null)));
    assertTrue(w.directory.isDirectMember(project, employee));
  }

  @Test
  void separationOfDutiesBlocksRequestsAndListsExistingOverlaps() {
    AccessPackage payments = grantingProject("Payments");
    AccessPackage audit = grantingProject("Audit");
    AssignmentPolicy paymentsPolicy = policy(payments, false);
    AssignmentPolicy auditPolicy = policy(audit, false);
    request(employee, payments, paymentsPolicy);
    request(employee, audit, auditPolicy);
    await(w.separation.addIncompatiblePackage(as(manager), audit.id(), payments.id()));
    assertEquals(
        1, await(w.assignments.additionalAccess(as(manager), audit.id(), payments.id())).size());
    AccessPackage audit2 = grantingProject("Audit 2");
    AssignmentPolicy audit2Policy = policy(audit2, false);
    await(w.separation.addIncompatiblePackage(as(manager), audit2.id(), payments.id()));
    assertEquals(
        DomainException.Reason.INCOMPATIBLE_ACCESS,
        refusal(() -> request(employee, audit2, audit2Policy)));
    await(w.separation.addIncompatibleGroup(as(manager), payments.id(), engineering.id()));
    assertEquals(
        DomainException.Reason.INCOMPATIBLE_ACCESS,
        refusal(
            () ->
                await(
                    w.requests.submit(
                        as(manager),
                        new SubmitRequest(
                            AssignmentRequest.Type.ADMIN_ADD,
                            payments.id(),
                            paymentsPolicy.id(),
                            orphan.id(),
                            null,
                            "",
                            null)))));
  }

  @Test
  void anExtensionMovesTheEndButNotPastThePolicys() {
    AccessPackage pkg = grantingProject("P");
    AssignmentPolicy p = policy(pkg, false, false, true, false);
    AssignmentRequest r = request(employee, pkg, p);
    w.advance(Duration.ofDays(20));
    Instant tooLate = w.clock.now().plus(Duration.ofDays(31));
    assertEquals(
        DomainException.Reason.INVALID_MODEL,
        refusal(
            () ->
                await(
                    w.requests.submit(
                        as(employee),
                        new SubmitRequest(
                            AssignmentRequest.Type.USER_EXTEND,
                            null,
                            null,
                            null,
                            r.assignmentId(),
                            "",
                            tooLate)))));
    AssignmentRequest extended =
        await(
            w.requests.submit(
                as(employee),
                new SubmitRequest(
                    AssignmentRequest.Type.USER_EXTEND,
                    null,
                    null,
                    null,
                    r.assignmentId(),
                    "",
                    null)));
    assertEquals(AssignmentRequest.State.DELIVERED, extended.state());
    assertEquals(w.clock.now().plus(Duration.ofDays(30)), assignmentOf(r).endDateTime());
    w.advance(Duration.ofDays(15));
    assertEquals(0, await(w.dueWork.runDue()).expired());
    assertTrue(w.directory.isDirectMember(project, employee));
  }

  // ------------------------------------------------------------------ who is told what

  /** Sends what the outbox holds now and returns the mails, as "template to login". */
  private List<String> mailsSent() {
    await(w.notifications.sendDue());
    return w.mailer.take().stream()
        .map(m -> m.template() + " to " + m.toAddress().replace("@example.org", ""))
        .toList();
  }

  @Test
  void theApproverIsMailedOnceWithRequestorPackageJustificationDueDateAndALink() {
    AccessPackage pkg = grantingProject("Falcon developer");
    request(employee, pkg, policy(pkg, true));

    await(w.notifications.sendDue());
    List<OutgoingMail> mails = w.mailer.take();
    assertEquals(1, mails.size());
    OutgoingMail mail = mails.get(0);
    assertEquals("approvalRequired", mail.template());
    assertEquals("boss@example.org", mail.toAddress());
    assertEquals("employee", mail.model().get("requestorName"));
    assertEquals("Falcon developer", mail.model().get("packageName"));
    assertEquals("need it", mail.model().get("justification"));
    assertEquals("8 Mar 2026, 09:00 UTC", mail.model().get("dueDateTime"));
    assertEquals("1 of 1", mail.model().get("stage"));
    assertEquals("https://steward.example.org/portal/#/approvals", mail.model().get("link"));
    assertTrue(mailsSent().isEmpty(), "sent once");
  }

  @Test
  void theRequestorLearnsOfTheApprovalAndTheUserOfTheGrant() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true));
    mailsSent();

    decide(boss, r, AssignmentRequest.Review.APPROVE);

    assertEquals(List.of("requestApproved to employee", "accessGranted to employee"), mailsSent());
  }

  @Test
  void theRequestorLearnsOfADenialWithTheApproversReason() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true));
    mailsSent();

    decide(boss, r, AssignmentRequest.Review.DENY);

    await(w.notifications.sendDue());
    OutgoingMail denied = w.mailer.take().get(0);
    assertEquals("requestDenied", denied.template());
    assertEquals("employee@example.org", denied.toAddress());
    assertEquals("ok", denied.model().get("reason"));
  }

  @Test
  void aRequestNobodyDecidesInTimeTellsTheRequestorItExpired() {
    AccessPackage pkg = grantingProject("P");
    request(employee, pkg, policy(pkg, true));
    mailsSent();

    w.advance(Duration.ofDays(8));
    await(w.dueWork.runDue());

    assertEquals(List.of("requestExpired to employee"), mailsSent());
  }

  @Test
  void anEscalationMailsTheEscalationApprovers() {
    AccessPackage pkg = grantingProject("P");
    request(employee, pkg, policy(pkg, true, true, false, false));
    assertEquals(List.of("approvalRequired to boss"), mailsSent());

    w.advance(Duration.ofDays(3));
    await(w.dueWork.runDue());

    assertEquals(List.of("approvalEscalated to escalator"), mailsSent());
  }

  @Test
  void theUserIsWarnedFourteenDaysAndOneDayBeforeAccessEndsAndToldWhenItEnded() {
    AccessPackage pkg = grantingProject("P");
    request(employee, pkg, policy(pkg, false, false, true, false));
    assertEquals(List.of("accessGranted to employee"), mailsSent());

    w.advance(Duration.ofDays(16));
    await(w.dueWork.runDue());
    await(w.notifications.sendDue());
    List<OutgoingMail> warned = w.mailer.take();
    assertEquals(1, warned.size());
    assertEquals("accessEndingSoon", warned.get(0).template());
    assertEquals("14", warned.get(0).model().get("daysLeft"));
    assertEquals(
        "https://steward.example.org/portal/#/my-access", warned.get(0).model().get("extendLink"));
    w.advance(Duration.ofDays(1));
    await(w.dueWork.runDue());
    assertTrue(mailsSent().isEmpty(), "warned once");

    w.advance(Duration.ofDays(12));
    await(w.dueWork.runDue());
    assertEquals(List.of("accessEndingSoon to employee"), mailsSent());
    w.advance(Duration.ofDays(1));
    await(w.dueWork.runDue());
    assertEquals(List.of("accessEnded to employee"), mailsSent());
  }

  @Test
  void aDirectAssignmentSendsNoRequestorMailAndAPolicyCanTurnOffAssignmentMails() {
    AccessPackage pkg = grantingProject("P");
    AssignmentPolicy p = policy(pkg, false);
    await(
        w.requests.submit(
            as(manager),
            new SubmitRequest(
                AssignmentRequest.Type.ADMIN_ADD,
                pkg.id(),
                p.id(),
                employee.id(),
                null,
                "",
                null)));
    assertEquals(List.of("accessGranted to employee"), mailsSent());

    AccessPackage quiet = grantingProject("Quiet");
    AssignmentPolicy.Settings s = settings(false, false, false, false);
    AssignmentPolicy silent =
        await(
            w.policies.create(
                as(manager),
                new PolicyDraft(
                    quiet.id(),
                    "Silent",
                    "",
                    new AssignmentPolicy.Settings(
                        s.allowedTargetScope(),
                        s.specificAllowedTargets(),
                        s.requestorSettings(),
                        s.requestApprovalSettings(),
                        s.expiration(),
                        s.reviewSettings(),
                        new AssignmentPolicy.NotificationSettings(true)))));
    request(employee, quiet, silent);
    assertTrue(mailsSent().isEmpty(), "no grant mail for the quiet package");
    w.advance(Duration.ofDays(31));
    await(w.dueWork.runDue());
    await(w.notifications.sendDue());
    List<OutgoingMail> later = w.mailer.take();
    assertEquals(3, later.size(), "two warnings and the end, of the first package only");
    assertTrue(later.stream().allMatch(m -> m.model().get("packageName").equals("P")));
  }

  @Test
  void aMailTheServerRefusesIsTriedAgainWithGrowingPausesAndParkedAfterTenTries() {
    AccessPackage pkg = grantingProject("P");
    request(employee, pkg, policy(pkg, true));
    w.mailer.refuse(true);

    for (int attempt = 1; attempt < NotificationService.MAX_ATTEMPTS; attempt++) {
      assertEquals(1, await(w.notifications.sendDue()).retried());
      assertEquals(0, await(w.notifications.sendDue()).retried(), "not before the pause");
      w.advance(NotificationService.backoff(attempt));
    }
    assertEquals(1, await(w.notifications.sendDue()).parked());
    var stats = await(w.notifications.stats());
    assertEquals(1, stats.parked());
    assertEquals(0, stats.waiting());

    w.mailer.refuse(false);
    w.advance(Duration.ofDays(1));
    assertTrue(mailsSent().isEmpty(), "a parked mail waits for an operator");
    assertEquals(1, w.store.outboxMessages().size(), "and is kept");
  }

  @Test
  void aMailServerThatComesBackGetsEveryMailOnce() {
    AccessPackage pkg = grantingProject("P");
    AssignmentRequest r = request(employee, pkg, policy(pkg, true));
    w.mailer.refuse(true);
    await(w.notifications.sendDue());
    decide(boss, r, AssignmentRequest.Review.APPROVE);
    await(w.notifications.sendDue());

    w.mailer.refuse(false);
    w.advance(Duration.ofHours(1));
    assertEquals(
        List.of(
            "approvalRequired to boss", "requestApproved to employee", "accessGranted to employee"),
        mailsSent());
    w.advance(Duration.ofHours(5));
    assertTrue(mailsSent().isEmpty());
  }
}
