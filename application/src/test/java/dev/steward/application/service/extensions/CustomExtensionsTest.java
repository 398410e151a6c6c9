package dev.steward.application.service.extensions;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase.Change;
import dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase.Draft;
import dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Resume;
import dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Signed;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AddResourceRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.application.port.out.extensions.Callout;
import dev.steward.application.port.out.extensions.OutgoingWebhook;
import dev.steward.application.port.out.extensions.StandardWebhooks;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.SubjectSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Custom extensions over in-memory fakes: calls, holds, answers, retries and refusals. */
class CustomExtensionsTest {
  private static final String HOOKS = "https://hooks.example.org/steward/";

  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal reader = w.user("reader");
  private final Principal approver = w.user("approver");
  private final Principal employee = w.user("employee");
  private final Principal project = w.directory.addGroup("project", owner);
  private final Catalog catalog;
  private final CatalogResource resource;

  CustomExtensionsTest() {
    w.directory.addOwner(project, owner);
    await(
        w.roles.assign(
            as(w.admin), new AssignRole(owner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    catalog =
        await(
            w.catalogs.create(
                as(owner), new CreateCatalog("Badges", "", Optional.empty(), Optional.empty())));
    await(
        w.roles.assign(
            as(owner),
            new AssignRole(reader.id(), RoleDefinition.CATALOG_READER, catalog.scope())));
    resource =
        await(
                w.resources.request(
                    as(owner),
                    new ResourceRequest(RequestType.ADMIN_ADD, catalog.id(), project.id())))
            .resource();
  }

  private CustomExtension extension(String path, Duration wait) {
    return await(
        w.customExtensions.create(
            as(owner),
            catalog.id(),
            new Draft(
                CustomExtension.Kind.REQUEST_WORKFLOW, "Check " + path, "", HOOKS + path, wait)));
  }

  private AccessPackage pkg() {
    AccessPackage pkg =
        await(
            w.packages.create(
                as(owner), new CreateAccessPackage(catalog.id(), "Badge", "", false)));
    await(
        w.packages.addResourceRole(
            as(owner),
            new AddResourceRole(pkg.id(), resource.id(), "Member_" + project.id(), project.id())));
    return pkg;
  }

  private AssignmentPolicy.Settings settings(
      boolean approval, List<CustomExtension.StageSetting> extensions) {
    return settings(approval, AssignmentPolicy.Expiration.never(), extensions);
  }

  private AssignmentPolicy.Settings settings(
      boolean approval,
      AssignmentPolicy.Expiration expiration,
      List<CustomExtension.StageSetting> extensions) {
    return new AssignmentPolicy.Settings(
        AssignmentPolicy.TargetScope.NOT_SPECIFIED,
        List.of(),
        new AssignmentPolicy.RequestorSettings(false, false, false, false, false, false, false),
        new AssignmentPolicy.ApprovalSettings(
            approval,
            false,
            false,
            approval
                ? List.of(
                    new AssignmentPolicy.ApprovalStage(
                        Duration.ofDays(7),
                        false,
                        List.of(new SubjectSet.SingleUser(approver.id(), "")),
                        List.of(),
                        false,
                        null,
                        List.of(),
                        List.of()))
                : List.of()),
        expiration,
        AssignmentPolicy.ReviewSettings.none(),
        AssignmentPolicy.NotificationSettings.on(),
        extensions);
  }

  private AssignmentPolicy policy(
      AccessPackage pkg, boolean approval, CustomExtension.StageSetting... at) {
    return await(
        w.policies.create(
            as(owner), new PolicyDraft(pkg.id(), "Direct", "", settings(approval, List.of(at)))));
  }

  private static CustomExtension.StageSetting at(CustomExtension.Stage stage, CustomExtension x) {
    return new CustomExtension.StageSetting(stage, x.id());
  }

  private AssignmentRequest add(AccessPackage pkg, AssignmentPolicy policy) {
    return await(
        w.requests.submit(
            as(owner),
            new SubmitRequest(
                AssignmentRequest.Type.ADMIN_ADD,
                pkg.id(),
                policy.id(),
                employee.id(),
                null,
                "needs a badge",
                null)));
  }

  private List<Callout> callouts(AssignmentRequest r) {
    return await(w.resumes.callouts(as(owner), r.id()));
  }

  private Resume signedAnswer(
      AssignmentRequest r, Callout c, String secret, long timestamp, boolean denied) {
    String body = "{\"data\":{\"stage\":\"assignmentRequestCreated\"}}";
    return new Resume(
        r.id(),
        c.stage(),
        c.id(),
        "verified",
        denied
            ? dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Answer.DENY
            : dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Answer.GO_ON,
        Optional.of(
            new Signed(
                "msg_1",
                Long.toString(timestamp),
                StandardWebhooks.sign(secret, "msg_1", timestamp, body),
                body)),
        Optional.empty(),
        "req-1",
        "127.0.0.1");
  }

  private Resume signedAnswer(AssignmentRequest r, Callout c, String secret, boolean denied) {
    return signedAnswer(r, c, secret, w.clock.now().getEpochSecond(), denied);
  }

  private AssignmentRequest reload(AssignmentRequest r) {
    return await(w.requestViews.get(as(owner), r.id()));
  }

  private List<String> awaitingApprover() {
    return await(w.approvals.awaitingMe(as(approver), null, 50)).items().stream()
        .map(r -> r.id().value())
        .toList();
  }

  private List<OutboxMessage> webhooks() {
    return w.store.outboxMessages().stream()
        .filter(m -> m.channel().equals(OutboxMessage.WEBHOOK))
        .toList();
  }

  @Test
  void aWaitingExtensionHoldsTheRequestUntilASignedAnswerStartsItsApproval() {
    CustomExtension x = extension("check", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, x)));

    assertTrue(r.isAwaitingCustomExtension());
    assertFalse(awaitingApprover().contains(r.id().value()));
    assertEquals(1, webhooks().size(), "the call is recorded with the request");
    Callout c = callouts(r).get(0);
    assertEquals(Callout.Status.WAITING_FOR_CALLBACK, c.status());
    assertEquals(w.clock.now().plus(Duration.ofHours(1)), c.timeoutAt());
    long approvalMails =
        w.store.outboxMessages().stream().filter(m -> m.kind().equals("approvalRequired")).count();
    assertEquals(0, approvalMails, "the approver hears of it only when it is resumed");

    await(w.resumes.resume(signedAnswer(r, c, x.signingSecret(), false)));
    AssignmentRequest resumed = reload(r);
    assertEquals(AssignmentRequest.State.PENDING_APPROVAL, resumed.state());
    assertTrue(awaitingApprover().contains(r.id().value()));
    assertEquals(Callout.Status.CALLBACK_RECEIVED, callouts(r).get(0).status());
    assertEquals("verified", callouts(r).get(0).detail());
    assertEquals(
        1,
        w.store.outboxMessages().stream().filter(m -> m.kind().equals("approvalRequired")).count());
    DomainException again =
        assertThrows(
            DomainException.class,
            () -> await(w.resumes.resume(signedAnswer(r, c, x.signingSecret(), false))));
    assertEquals(DomainException.Reason.REQUEST_NOT_PENDING, again.reason());
  }

  @Test
  void aHeldRequestNeedingNoApprovalIsDeliveredWhenTheAnswerComes() {
    CustomExtension x = extension("check", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, false, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, x)));
    assertFalse(w.directory.isDirectMember(project, employee));
    await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), x.signingSecret(), false)));
    assertEquals(AssignmentRequest.State.DELIVERED, reload(r).state());
    assertTrue(w.directory.isDirectMember(project, employee));
  }

  @Test
  void anAnswerSignedWithAnotherSecretOrOutsideFiveMinutesIsRefusedAndTheRequestStaysHeld() {
    CustomExtension x = extension("check", Duration.ofHours(1));
    CustomExtension other = extension("other", null);
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, x)));
    Callout c = callouts(r).get(0);
    for (Resume bad :
        List.of(
            signedAnswer(r, c, other.signingSecret(), false),
            signedAnswer(r, c, x.signingSecret(), w.clock.now().getEpochSecond() - 301, false),
            signedAnswer(r, c, x.signingSecret(), w.clock.now().getEpochSecond() + 301, false))) {
      DomainException e = assertThrows(DomainException.class, () -> await(w.resumes.resume(bad)));
      assertEquals(DomainException.Reason.NOT_AUTHORIZED, e.reason());
    }
    // A body other than the one signed does not verify either.
    Resume good = signedAnswer(r, c, x.signingSecret(), false);
    Signed s = good.signed().orElseThrow();
    Resume tampered =
        new Resume(
            r.id(),
            c.stage(),
            c.id(),
            "",
            dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Answer.GO_ON,
            Optional.of(new Signed(s.id(), s.timestamp(), s.signature(), s.body() + " ")),
            Optional.empty(),
            "req-2",
            null);
    assertThrows(DomainException.class, () -> await(w.resumes.resume(tampered)));
    // A signed answer about a call that does not exist learns no more than a forged one.
    Resume unknownCall =
        new Resume(
            r.id(),
            c.stage(),
            dev.steward.domain.Guid.random(),
            "",
            dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Answer.GO_ON,
            good.signed(),
            Optional.empty(),
            "req-3",
            null);
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        assertThrows(DomainException.class, () -> await(w.resumes.resume(unknownCall))).reason());
    assertTrue(reload(r).isAwaitingCustomExtension());
  }

  @Test
  void aCallerWhoManagesTheCatalogMayAnswerUnsignedButAReaderMayNot() {
    CustomExtension x = extension("check", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, x)));
    Callout c = callouts(r).get(0);
    DomainException refused =
        assertThrows(
            DomainException.class, () -> await(w.resumes.resume(unsigned(r, c, as(reader)))));
    assertEquals(DomainException.Reason.NOT_AUTHORIZED, refused.reason());
    await(w.resumes.resume(unsigned(r, c, as(owner))));
    assertEquals(AssignmentRequest.State.PENDING_APPROVAL, reload(r).state());
  }

  private static Resume unsigned(AssignmentRequest r, Callout c, RequestContext caller) {
    return new Resume(
        r.id(),
        c.stage(),
        c.id(),
        "by hand",
        dev.steward.application.port.in.extensions.ResumeRequestsUseCase.Answer.GO_ON,
        Optional.empty(),
        Optional.of(caller),
        caller.requestId(),
        null);
  }

  @Test
  void anAnswerWithDeniedEndsTheRequestDenied() {
    CustomExtension x = extension("check", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, x)));
    await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), x.signingSecret(), true)));
    AssignmentRequest denied = reload(r);
    assertEquals(AssignmentRequest.State.DENIED, denied.state());
    assertEquals("DeniedByCustomExtension", denied.status());
    assertFalse(awaitingApprover().contains(r.id().value()));
  }

  @Test
  void noAnswerBeforeTheTimeoutEndsTheRequestFailedAndALateAnswerIsRefused() {
    CustomExtension x = extension("check", Duration.ofMinutes(30));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, x)));
    w.advance(Duration.ofMinutes(29));
    assertEquals(0, await(w.webhooks.timeOutWaiting()));
    w.advance(Duration.ofMinutes(2));
    assertEquals(1, await(w.webhooks.timeOutWaiting()));
    AssignmentRequest failed = reload(r);
    assertEquals(AssignmentRequest.State.DELIVERY_FAILED, failed.state());
    assertEquals("CustomExtensionCallbackTimedOut", failed.status());
    assertEquals(Callout.Status.CALLBACK_TIMED_OUT, callouts(r).get(0).status());
    assertThrows(
        DomainException.class,
        () ->
            await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), x.signingSecret(), false))));
    assertEquals(0, await(w.webhooks.timeOutWaiting()), "ended once");
  }

  @Test
  void aFailingEndpointIsTriedAgainWithTheSameIdAndParkedAfterTheLastTry() {
    CustomExtension x = extension("granted", null);
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, false, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, x)));
    assertEquals(AssignmentRequest.State.DELIVERED, r.state());
    w.webhookSender.failNext(Integer.MAX_VALUE);
    for (int attempt = 1; attempt < WebhookService.MAX_ATTEMPTS; attempt++) {
      assertEquals(1, await(w.webhooks.sendDue()).retried(), "try " + attempt);
      assertEquals(0, await(w.webhooks.sendDue()).retried(), "not before its pause is over");
      w.advance(WebhookService.backoff(attempt));
    }
    assertEquals(1, await(w.webhooks.sendDue()).parked());
    List<OutgoingWebhook> tries = w.webhookSender.tried();
    assertEquals(WebhookService.MAX_ATTEMPTS, tries.size());
    assertEquals(1, tries.stream().map(OutgoingWebhook::id).distinct().count());
    assertEquals(webhooks().get(0).id(), tries.get(0).id(), "the webhook-id is the outbox row's");
    assertEquals(HOOKS + "granted", tries.get(0).url());
    Callout c = callouts(r).get(0);
    assertEquals(Callout.Status.CALLOUT_FAILED, c.status());
    assertTrue(c.detail().contains("503"), c.detail());
    assertEquals(1L, await(w.webhooks.stats()).parked());
    w.advance(Duration.ofDays(1));
    assertEquals(0, await(w.webhooks.sendDue()).sent(), "a parked call is not tried again");
  }

  @Test
  void backoffDoublesFromFifteenSecondsUpToHalfAnHour() {
    assertEquals(Duration.ofSeconds(15), WebhookService.backoff(1));
    assertEquals(Duration.ofSeconds(30), WebhookService.backoff(2));
    assertEquals(Duration.ofSeconds(60), WebhookService.backoff(3));
    assertEquals(Duration.ofMinutes(30), WebhookService.backoff(11));
  }

  @Test
  void aTargetTheOperatorNoLongerAllowsIsParkedWithoutBeingCalled() {
    CustomExtension x = extension("granted", null);
    AccessPackage pkg = pkg();
    add(pkg, policy(pkg, false, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, x)));
    WebhookService narrowed =
        new WebhookService(
            w.essentials,
            w.webhookSender,
            new WebhookTargets(List.of("https://hooks.example.org/other/"), false));
    assertEquals(1, await(narrowed.sendDue()).parked());
    assertTrue(w.webhookSender.tried().isEmpty());
  }

  @Test
  void theBodyCarriesTheStageTheRequestThePackageTheCatalogAndTheRequestor() {
    CustomExtension x = extension("approved", null);
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    assertTrue(webhooks().isEmpty(), "nothing is attached to the created stage");
    await(w.approvals.decide(as(approver), r.id(), "1", AssignmentRequest.Review.APPROVE, "ok"));
    await(w.webhooks.sendDue());
    OutgoingWebhook sent = w.webhookSender.tried().get(0);
    assertEquals(
        "microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestApproved",
        sent.payload().get("type"));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> data = (java.util.Map<String, Object>) sent.payload().get("data");
    assertEquals("assignmentRequestApproved", data.get("stage"));
    assertEquals(r.id().value(), data.get("accessPackageAssignmentRequestId"));
    assertFalse(data.containsKey("callbackUriPath"), "nothing waits at this stage");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> requestor = (java.util.Map<String, Object>) data.get("requestor");
    assertEquals(owner.id().value(), requestor.get("id"));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> accessPackage =
        (java.util.Map<String, Object>) data.get("accessPackage");
    assertEquals("Badge", accessPackage.get("displayName"));
    assertEquals(x.signingSecret(), sent.secret());
  }

  private AssignmentRequest approve(AssignmentRequest r) {
    return await(
        w.approvals.decide(as(approver), r.id(), "1", AssignmentRequest.Review.APPROVE, "fine"));
  }

  @Test
  void aWaitingExtensionAtApprovalHoldsTheApprovedRequestUntilASignedAnswerDeliversIt() {
    CustomExtension x = extension("approved", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    assertEquals(AssignmentRequest.State.PENDING_APPROVAL, r.state());
    assertTrue(webhooks().isEmpty(), "nothing is called before the approval");

    AssignmentRequest held = approve(r);
    assertTrue(held.isAwaitingCustomExtension());
    assertEquals(AssignmentRequest.State.SUBMITTED, held.state());
    assertEquals(AssignmentRequest.Review.APPROVE, held.stages().get(0).review());
    assertEquals(null, held.assignmentId(), "no assignment before the answer");
    assertFalse(w.directory.isDirectMember(project, employee));
    assertFalse(awaitingApprover().contains(r.id().value()));
    Callout c = callouts(r).get(0);
    assertEquals(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, c.stage());
    assertEquals(Callout.Status.WAITING_FOR_CALLBACK, c.status());
    assertEquals(w.clock.now().plus(Duration.ofHours(1)), c.timeoutAt());

    await(w.webhooks.sendDue());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> data =
        (java.util.Map<String, Object>) w.webhookSender.tried().get(0).payload().get("data");
    assertEquals("assignmentRequestApproved", data.get("stage"));
    assertEquals(
        "/identityGovernance/entitlementManagement/assignmentRequests/"
            + r.id().value()
            + "/resume",
        data.get("callbackUriPath"));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> approval = (java.util.Map<String, Object>) data.get("approval");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> stage =
        ((List<java.util.Map<String, Object>>) approval.get("stages")).get(0);
    assertEquals("Approve", stage.get("reviewResult"));
    assertEquals("fine", stage.get("justification"));
    assertEquals(
        java.util.Map.of("id", approver.id().value(), "displayName", approver.displayName()),
        stage.get("reviewedBy"));

    await(w.resumes.resume(signedAnswer(r, c, x.signingSecret(), false)));
    AssignmentRequest delivered = reload(r);
    assertEquals(AssignmentRequest.State.DELIVERED, delivered.state());
    assertTrue(w.directory.isDirectMember(project, employee));
    assertEquals(Callout.Status.CALLBACK_RECEIVED, callouts(r).get(0).status());
    DomainException again =
        assertThrows(
            DomainException.class,
            () -> await(w.resumes.resume(signedAnswer(r, c, x.signingSecret(), false))));
    assertEquals(DomainException.Reason.REQUEST_NOT_PENDING, again.reason());
  }

  @Test
  void anAnswerWithDeniedAfterApprovalEndsTheRequestDeniedAndNothingIsDelivered() {
    CustomExtension x = extension("approved", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    approve(r);
    await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), x.signingSecret(), true)));
    AssignmentRequest denied = reload(r);
    assertEquals(AssignmentRequest.State.DENIED, denied.state());
    assertEquals("DeniedByCustomExtension", denied.status());
    assertEquals(null, denied.assignmentId());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertEquals(0, await(w.webhooks.timeOutWaiting()), "nothing waits any more");
  }

  @Test
  void noAnswerAfterApprovalBeforeTheTimeoutEndsTheRequestFailedWithoutDelivering() {
    CustomExtension x = extension("approved", Duration.ofMinutes(30));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    approve(r);
    w.advance(Duration.ofMinutes(31));
    assertEquals(1, await(w.webhooks.timeOutWaiting()));
    AssignmentRequest failed = reload(r);
    assertEquals(AssignmentRequest.State.DELIVERY_FAILED, failed.state());
    assertEquals("CustomExtensionCallbackTimedOut", failed.status());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertThrows(
        DomainException.class,
        () ->
            await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), x.signingSecret(), false))));
  }

  @Test
  void anAnswerNamingAnotherStageThanTheCallsIsRefusedAndTheRequestStaysHeld() {
    CustomExtension x = extension("approved", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    approve(r);
    Callout c = callouts(r).get(0);
    Resume right = signedAnswer(r, c, x.signingSecret(), false);
    Resume wrongStage =
        new Resume(
            r.id(),
            CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED,
            c.id(),
            "",
            right.answer(),
            right.signed(),
            Optional.empty(),
            "req-4",
            null);
    DomainException e =
        assertThrows(DomainException.class, () -> await(w.resumes.resume(wrongStage)));
    assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    assertTrue(reload(r).isAwaitingCustomExtension());
    assertEquals(Callout.Status.WAITING_FOR_CALLBACK, callouts(r).get(0).status());
  }

  @Test
  void withoutApprovalTheApprovedStageHoldsTheRequestRightAfterTheCreatedStagesAnswer() {
    CustomExtension created = extension("created", Duration.ofHours(1));
    CustomExtension approvedX = extension("approved", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(
            pkg,
            policy(
                pkg,
                false,
                at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, created),
                at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, approvedX)));
    assertTrue(r.isAwaitingCustomExtension());
    assertEquals(1, callouts(r).size());
    await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), created.signingSecret(), false)));
    assertTrue(reload(r).isAwaitingCustomExtension(), "held again, now for the approved stage");
    assertFalse(w.directory.isDirectMember(project, employee));
    Callout second = callouts(r).get(1);
    assertEquals(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, second.stage());
    await(w.resumes.resume(signedAnswer(r, second, approvedX.signingSecret(), false)));
    assertEquals(AssignmentRequest.State.DELIVERED, reload(r).state());
    assertTrue(w.directory.isDirectMember(project, employee));
  }

  @Test
  void withoutApprovalOrACreatedStageTheApprovedStageHoldsTheSubmittedRequest() {
    CustomExtension x = extension("approved", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, false, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    assertTrue(r.isAwaitingCustomExtension());
    assertFalse(w.directory.isDirectMember(project, employee));
    assertEquals(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, callouts(r).get(0).stage());
    await(w.resumes.resume(signedAnswer(r, callouts(r).get(0), x.signingSecret(), false)));
    assertEquals(AssignmentRequest.State.DELIVERED, reload(r).state());
    assertTrue(w.directory.isDirectMember(project, employee));
  }

  @Test
  void anApprovedStageExtensionThatDoesNotWaitIsCalledAndTheRequestDelivered() {
    CustomExtension x = extension("approved", null);
    AccessPackage pkg = pkg();
    AssignmentRequest r =
        add(pkg, policy(pkg, false, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, x)));
    assertEquals(AssignmentRequest.State.DELIVERED, r.state());
    assertEquals(Callout.Status.CALLOUT_PENDING, callouts(r).get(0).status());
    assertEquals(
        List.of("assignmentRequestApproved"),
        webhooks().stream().map(OutboxMessage::kind).toList());
  }

  @Test
  void policiesAttachOnlyTheirCatalogsExtensionsAndWaitOnlyWhenARequestIsCreatedOrApproved() {
    CustomExtension waiting = extension("check", Duration.ofHours(1));
    AccessPackage pkg = pkg();
    for (CustomExtension.StageSetting bad :
        List.of(
            at(CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, waiting),
            new CustomExtension.StageSetting(
                CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, dev.steward.domain.Guid.random()),
            at(CustomExtension.Stage.ASSIGNMENT_ONE_DAY_BEFORE_EXPIRATION, waiting))) {
      DomainException e = assertThrows(DomainException.class, () -> policy(pkg, false, bad));
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason(), bad.toString());
    }
    DomainException inUse = null;
    policy(pkg, false, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, waiting));
    policy(pkg, true, at(CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, waiting));
    inUse =
        assertThrows(
            DomainException.class,
            () -> await(w.customExtensions.delete(as(owner), catalog.id(), waiting.id())));
    assertEquals(DomainException.Reason.RESOURCE_IN_USE, inUse.reason());
  }

  @Test
  void ownersManageExtensionsReadersReadThemAndTheSecretIsInNoAuditRecord() {
    CustomExtension x = extension("check", null);
    assertTrue(x.signingSecret().startsWith("whsec_"));
    assertEquals(x, await(w.customExtensions.get(as(reader), catalog.id(), x.id())));
    DomainException byReader =
        assertThrows(
            DomainException.class,
            () ->
                await(
                    w.customExtensions.update(
                        as(reader),
                        catalog.id(),
                        x.id(),
                        new Change(
                            Optional.of("Mine"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()))));
    assertEquals(DomainException.Reason.NOT_AUTHORIZED, byReader.reason());
    assertThrows(
        DomainException.class,
        () -> await(w.customExtensions.get(as(employee), catalog.id(), x.id())));
    CustomExtension waiting =
        await(
            w.customExtensions.update(
                as(owner),
                catalog.id(),
                x.id(),
                new Change(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(HOOKS + "moved"),
                    Optional.of(Optional.of(Duration.ofHours(2))))));
    assertEquals(HOOKS + "moved", waiting.targetUrl());
    assertEquals(x.signingSecret(), waiting.signingSecret(), "the secret stays");
    DomainException outside =
        assertThrows(
            DomainException.class,
            () ->
                await(
                    w.customExtensions.update(
                        as(owner),
                        catalog.id(),
                        x.id(),
                        new Change(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("https://hooks.example.org/stewardess/x"),
                            Optional.empty()))));
    assertEquals(DomainException.Reason.INVALID_MODEL, outside.reason());
    await(w.customExtensions.delete(as(owner), catalog.id(), x.id()));
    List<String> actions =
        w.store.auditRecords().stream()
            .filter(a -> a.targetId().equals(x.id()))
            .map(a -> a.action())
            .toList();
    assertEquals(
        List.of("customExtension.create", "customExtension.update", "customExtension.delete"),
        actions);
    assertFalse(w.store.auditRecords().toString().contains(x.signingSecret()));
  }

  @Test
  void assignmentWorkflowExtensionsAreCalledFourteenDaysAndADayBeforeAccessEnds() {
    CustomExtension x =
        await(
            w.customExtensions.create(
                as(owner),
                catalog.id(),
                new Draft(
                    CustomExtension.Kind.ASSIGNMENT_WORKFLOW,
                    "Reminder",
                    "",
                    HOOKS + "ending",
                    null)));
    AccessPackage pkg = pkg();
    AssignmentPolicy policy =
        await(
            w.policies.create(
                as(owner),
                new PolicyDraft(
                    pkg.id(),
                    "Thirty days",
                    "",
                    settings(
                        false,
                        new AssignmentPolicy.Expiration(
                            AssignmentPolicy.Expiration.Type.AFTER_DURATION,
                            Duration.ofDays(30),
                            null),
                        List.of(
                            at(CustomExtension.Stage.ASSIGNMENT_FOURTEEN_DAYS_BEFORE_EXPIRATION, x),
                            at(CustomExtension.Stage.ASSIGNMENT_ONE_DAY_BEFORE_EXPIRATION, x))))));
    AssignmentRequest r = add(pkg, policy);
    assertEquals(AssignmentRequest.State.DELIVERED, r.state());
    assertTrue(webhooks().isEmpty());

    w.advance(Duration.ofDays(16).plusMinutes(1));
    await(w.dueWork.runDue());
    assertEquals(
        List.of("assignmentFourteenDaysBeforeExpiration"),
        webhooks().stream().map(OutboxMessage::kind).toList());
    await(w.webhooks.sendDue());
    OutgoingWebhook sent = w.webhookSender.tried().get(0);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> data = (java.util.Map<String, Object>) sent.payload().get("data");
    assertEquals("assignmentFourteenDaysBeforeExpiration", data.get("stage"));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> assignment =
        (java.util.Map<String, Object>) data.get("assignment");
    assertEquals(r.assignmentId().value(), assignment.get("id"));
    assertEquals(
        java.util.Map.of(
            "type",
            "afterDateTime",
            "endDateTime",
            r.createdDateTime().plus(Duration.ofDays(30)).toString()),
        ((java.util.Map<?, ?>) assignment.get("schedule")).get("expiration"));

    w.advance(Duration.ofDays(13));
    await(w.dueWork.runDue());
    assertEquals(
        List.of("assignmentFourteenDaysBeforeExpiration", "assignmentOneDayBeforeExpiration"),
        webhooks().stream().map(OutboxMessage::kind).toList());
    assertEquals(1, await(w.webhooks.sendDue()).sent(), "the second one goes out now");
  }
}
