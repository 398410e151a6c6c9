package dev.steward.application.service.reviews;

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
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.application.port.in.reviews.DecideAccessReviewsUseCase.BatchDecision;
import dev.steward.application.port.in.reviews.GroupReviewDraft;
import dev.steward.application.port.in.reviews.InstanceProgress;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDecision.ApplyResult;
import dev.steward.domain.AccessReviewDecision.Recommendation;
import dev.steward.domain.AccessReviewDecision.Verdict;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Access reviews over in-memory fakes: scheduling, reviewers, recommendations, rules, applying. */
class AccessReviewsTest {
  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal manager = w.user("apm");
  private final Principal boss = w.user("boss");
  private final Principal rita = w.user("rita");
  private final Principal eve = w.user("eve");
  private final Principal dan = w.user("dan");
  private final Principal olga = w.user("olga");
  private final Principal sam = w.user("sam");
  private final Principal outsider = w.user("outsider");
  private final Principal engineering =
      w.directory.addGroup("engineering", eve, dan, olga, sam, rita);
  private final Principal project = w.directory.addGroup("project");
  private final Catalog catalog;
  private final CatalogResource resource;

  AccessReviewsTest() {
    w.directory.setManager(eve, boss);
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

  private record Setup(
      AccessPackage pkg, AssignmentPolicy policy, Map<Principal, Assignment> held) {}

  /**
   * A package granting the project group, a policy for engineering with quarterly reviews by the
   * user's manager (rita when there is none) starting tomorrow, and five delivered assignments;
   * then olga leaves engineering, dan is disabled and sam has not signed in for 200 days.
   */
  private Setup setUp(String behaviour) {
    return setUp(behaviour, false);
  }

  private Setup setUp(String behaviour, boolean selfReview) {
    AccessPackage pkg =
        await(
            w.packages.create(
                as(manager), new CreateAccessPackage(catalog.id(), "Falcon dev", "", false)));
    await(
        w.packages.addResourceRole(
            as(manager),
            new AddResourceRole(pkg.id(), resource.id(), "Member_" + project.id(), project.id())));
    Instant start = w.clock.now().plus(Duration.ofDays(1));
    AssignmentPolicy.ReviewSettings reviews =
        new AssignmentPolicy.ReviewSettings(
            true,
            behaviour,
            true,
            true,
            selfReview,
            selfReview ? List.of() : List.of(new SubjectSet.RequestorManager(1)),
            selfReview ? List.of() : List.of(new SubjectSet.SingleUser(rita.id(), "")),
            Map.of(
                "startDateTime",
                start.toString(),
                "expiration",
                Map.of("type", "afterDuration", "duration", "P7D"),
                "recurrence",
                Map.of(
                    "pattern",
                    Map.of("type", "absoluteMonthly", "interval", 3),
                    "range",
                    Map.of("type", "noEnd"))));
    AssignmentPolicy.Settings settings =
        new AssignmentPolicy.Settings(
            AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS,
            List.of(new SubjectSet.GroupMembers(engineering.id(), "")),
            new AssignmentPolicy.RequestorSettings(true, false, true, false, false, false, false),
            new AssignmentPolicy.ApprovalSettings(false, false, false, List.of()),
            AssignmentPolicy.Expiration.never(),
            reviews);
    AssignmentPolicy policy =
        await(w.policies.create(as(manager), new PolicyDraft(pkg.id(), "Engineers", "", settings)));
    Map<Principal, Assignment> held = new java.util.LinkedHashMap<>();
    for (Principal p : List.of(eve, dan, olga, sam, rita)) {
      AssignmentRequest r =
          await(
              w.requests.submit(
                  as(p),
                  new SubmitRequest(
                      AssignmentRequest.Type.USER_ADD,
                      pkg.id(),
                      policy.id(),
                      null,
                      null,
                      "work",
                      null)));
      held.put(p, await(w.assignments.get(as(w.admin), r.assignmentId())));
      assertTrue(w.directory.isDirectMember(project, p));
    }
    w.directory.removeMember(engineering, olga);
    w.directory.setAccount(dan, true, null);
    w.directory.setAccount(sam, false, w.clock.now().minus(Duration.ofDays(200)));
    w.directory.setAccount(eve, false, w.clock.now().minus(Duration.ofDays(3)));
    return new Setup(pkg, policy, held);
  }

  private AccessReviewDefinition definition() {
    List<AccessReviewDefinition> found =
        await(
                w.reviews.listDefinitions(
                    as(owner), Optional.of("accessPackageAssignments"), null, 10))
            .items();
    assertEquals(1, found.size());
    return found.get(0);
  }

  private AccessReviewInstance started(AccessReviewDefinition d) {
    w.advance(Duration.ofDays(1));
    await(w.dueWork.runDue());
    List<InstanceProgress> instances = await(w.reviews.instances(as(owner), d.id()));
    assertEquals(1, instances.size());
    return instances.get(0).instance();
  }

  private Map<Principal, AccessReviewDecision> items(
      AccessReviewDefinition d, AccessReviewInstance i, Setup s) {
    List<AccessReviewDecision> all =
        await(w.reviewDecisions.decisions(as(owner), d.id(), i.id(), null, 100)).items();
    Map<String, AccessReviewDecision> byUser =
        all.stream().collect(Collectors.toMap(x -> x.principalId().value(), Function.identity()));
    Map<Principal, AccessReviewDecision> out = new java.util.LinkedHashMap<>();
    s.held().keySet().forEach(p -> out.put(p, byUser.get(p.id().value())));
    return out;
  }

  private static DomainException.Reason refusal(Runnable r) {
    return assertThrows(DomainException.class, r::run).reason();
  }

  @Test
  void aPolicyWithReviewsOnHasADefinitionWhoseInstanceStartsOnScheduleWithOneItemPerUser() {
    Setup s = setUp("keepAccess");
    AccessReviewDefinition d = definition();
    assertEquals(AccessReviewDefinition.Kind.PACKAGE_ASSIGNMENTS, d.kind());
    assertEquals(
        "/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId"
            + " eq '"
            + s.pkg().id().value()
            + "')",
        d.scopeQuery());
    await(w.dueWork.runDue());
    assertTrue(await(w.reviews.instances(as(owner), d.id())).isEmpty(), "not before its start");

    AccessReviewInstance i = started(d);
    assertEquals(AccessReviewInstance.Status.IN_PROGRESS, i.status());
    assertEquals(i.startDateTime().plus(Duration.ofDays(7)), i.endDateTime());
    Map<Principal, AccessReviewDecision> items = items(d, i, s);
    assertEquals(5, items.values().stream().filter(java.util.Objects::nonNull).count());
    assertEquals(Set.of(boss.id()), items.get(eve).reviewers(), "the user's manager");
    assertEquals(Set.of(rita.id()), items.get(dan).reviewers(), "no manager: the fallback");
    assertEquals(Set.of(), items.get(rita).reviewers(), "nobody reviews their own access");
    assertEquals(Recommendation.APPROVE, items.get(eve).recommendation());
    assertEquals(Recommendation.DENY, items.get(dan).recommendation(), "disabled");
    assertEquals(Recommendation.DENY, items.get(olga).recommendation(), "out of the targets");
    assertEquals(Recommendation.DENY, items.get(sam).recommendation(), "no logon for 200 days");
    assertTrue(items.get(olga).recommendationReason().contains("no longer among"));

    Set<String> mailed =
        w.store.outboxMessages().stream()
            .filter(m -> m.kind().equals("accessReviewStarted"))
            .map(OutboxMessage::target)
            .collect(Collectors.toSet());
    assertEquals(Set.of(boss.id().value(), rita.id().value()), mailed);

    // The next quarter's instance is due work too: a second one starts three months on.
    w.advance(Duration.ofDays(8));
    await(w.dueWork.runDue());
    assertEquals(
        AccessReviewInstance.Status.APPLIED,
        await(w.reviews.instance(as(owner), d.id(), i.id())).instance().status());
    w.advance(Duration.ofDays(85));
    await(w.dueWork.runDue());
    List<InstanceProgress> both = await(w.reviews.instances(as(owner), d.id()));
    assertEquals(2, both.size());
    assertEquals(
        i.startDateTime().atOffset(java.time.ZoneOffset.UTC).plusMonths(3).toInstant(),
        both.get(1).instance().startDateTime());
    assertEquals(AccessReviewInstance.Status.IN_PROGRESS, both.get(1).instance().status());
  }

  @Test
  void onlyAnItemsReviewersDecideItWithTheJustificationTheReviewRequires() {
    Setup s = setUp("keepAccess");
    AccessReviewDefinition d = definition();
    AccessReviewInstance i = started(d);
    Map<Principal, AccessReviewDecision> items = items(d, i, s);
    String eveItem = items.get(eve).id();

    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.reviewDecisions.record(
                        as(outsider), d.id(), i.id(), eveItem, Verdict.DENY, "gone"))));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.reviewDecisions.record(
                        as(manager), d.id(), i.id(), eveItem, Verdict.DENY, "gone"))),
        "managing the package does not make one a reviewer");
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.reviewDecisions.record(
                        as(rita), d.id(), i.id(), items.get(rita).id(), Verdict.APPROVE, "me"))),
        "not on her own access");
    assertEquals(
        DomainException.Reason.INVALID_MODEL,
        refusal(
            () ->
                await(
                    w.reviewDecisions.record(
                        as(boss), d.id(), i.id(), eveItem, Verdict.DENY, "  "))));
    AccessReviewDecision denied =
        await(w.reviewDecisions.record(as(boss), d.id(), i.id(), eveItem, Verdict.DENY, "left"));
    assertEquals(Verdict.DENY, denied.decision());
    assertEquals(boss.id(), denied.reviewedBy());
    assertTrue(
        w.store.auditRecords().stream()
            .anyMatch(a -> a.action().equals("accessReview.decisionRecorded")));

    List<AccessReviewDecision> ritas =
        await(w.reviewDecisions.myDecisions(as(rita), d.id(), i.id(), null, 100)).items();
    assertEquals(
        Set.of(dan.id(), olga.id(), sam.id()),
        ritas.stream().map(AccessReviewDecision::principalId).collect(Collectors.toSet()));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.reviews.instances(as(outsider), d.id()))),
        "no reviewer, no governor: no progress to see");
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.reviewDecisions.decisions(as(outsider), d.id(), i.id(), null, 100))));
    assertEquals(
        3,
        await(w.reviewDecisions.decisions(as(rita), d.id(), i.id(), null, 100)).items().size(),
        "a reviewer who governs nothing sees their own items");
    assertEquals(
        3,
        await(
            w.reviewDecisions.batchRecord(
                as(rita),
                d.id(),
                i.id(),
                List.of(
                    new BatchDecision(
                        Verdict.APPROVE, "all fine", Optional.empty(), Optional.empty())))));
    await(w.reviews.stop(as(manager), d.id(), i.id()));
    assertEquals(
        DomainException.Reason.INVALID_MODEL,
        refusal(
            () ->
                await(
                    w.reviewDecisions.record(
                        as(boss), d.id(), i.id(), eveItem, Verdict.APPROVE, "changed my mind"))),
        "decisions close with the instance");
  }

  @Test
  void applyingRemovesDeniedAccessThroughTheNormalRemovalAndKeepsTheUnreviewedUnderKeepAccess() {
    Setup s = setUp("keepAccess");
    AccessReviewDefinition d = definition();
    AccessReviewInstance i = started(d);
    Map<Principal, AccessReviewDecision> items = items(d, i, s);
    await(
        w.reviewDecisions.record(
            as(boss), d.id(), i.id(), items.get(eve).id(), Verdict.DENY, "left the team"));
    await(
        w.reviewDecisions.record(
            as(rita), d.id(), i.id(), items.get(dan).id(), Verdict.APPROVE, "back soon"));
    assertEquals(
        DomainException.Reason.INVALID_MODEL,
        refusal(() -> await(w.reviews.applyDecisions(as(manager), d.id(), i.id()))),
        "applied once it has ended");

    w.advance(Duration.ofDays(7));
    await(w.dueWork.runDue());

    Map<Principal, AccessReviewDecision> after = items(d, i, s);
    assertEquals(ApplyResult.APPLIED_SUCCESSFULLY, after.get(eve).applyResult());
    assertEquals(
        Assignment.State.EXPIRED,
        await(w.assignments.get(as(w.admin), s.held().get(eve).id())).state());
    assertFalse(w.directory.isDirectMember(project, eve), "out of the directory group");
    assertTrue(w.directory.isDirectMember(project, olga), "unreviewed: kept");
    assertTrue(w.directory.isDirectMember(project, dan), "approved: kept");
    assertEquals(ApplyResult.NEW, after.get(olga).applyResult());
    assertTrue(
        w.store.auditRecords().stream()
            .anyMatch(
                a ->
                    a.action().equals("assignment.removedByReview")
                        && a.targetId().equals(s.held().get(eve).id().value())));
    assertTrue(
        w.store.outboxMessages().stream()
            .anyMatch(m -> m.kind().equals("accessEnded") && m.target().equals(eve.id().value())),
        "eve is told, through the outbox");
    assertEquals(
        AccessReviewInstance.Status.APPLIED,
        await(w.reviews.instance(as(owner), d.id(), i.id())).instance().status());
  }

  @Test
  void removeAccessTakesAwayEverythingUnreviewed() {
    Setup s = setUp("removeAccess");
    AccessReviewDefinition d = definition();
    AccessReviewInstance i = started(d);
    await(
        w.reviewDecisions.record(
            as(boss), d.id(), i.id(), items(d, i, s).get(eve).id(), Verdict.APPROVE, "needed"));
    w.advance(Duration.ofDays(7));
    await(w.dueWork.runDue());
    assertTrue(w.directory.isDirectMember(project, eve));
    for (Principal p : List.of(dan, olga, sam, rita)) {
      assertFalse(w.directory.isDirectMember(project, p), p.login() + " was not reviewed");
    }
  }

  @Test
  void acceptAccessRecommendationTakesAwayWhatTheDirectorySaysToDeny() {
    Setup s = setUp("acceptAccessRecommendation");
    AccessReviewDefinition d = definition();
    started(d);
    w.advance(Duration.ofDays(7));
    await(w.dueWork.runDue());
    assertTrue(w.directory.isDirectMember(project, eve));
    assertTrue(w.directory.isDirectMember(project, rita));
    for (Principal p : List.of(dan, olga, sam)) {
      assertFalse(w.directory.isDirectMember(project, p), p.login() + " was recommended Deny");
    }
  }

  @Test
  void aReviewerAcceptsTheRecommendationsOnTheirOwnItemsOnly() {
    Setup s = setUp("keepAccess");
    AccessReviewDefinition d = definition();
    AccessReviewInstance i = started(d);
    assertEquals(3, await(w.reviewDecisions.acceptRecommendations(as(rita), d.id(), i.id())));
    Map<Principal, AccessReviewDecision> items = items(d, i, s);
    assertEquals(Verdict.DENY, items.get(dan).decision());
    assertTrue(items.get(dan).justification().contains("disabled"));
    assertEquals(Verdict.NOT_REVIEWED, items.get(eve).decision(), "boss's item");
  }

  @Test
  void turningReviewsOffRemovesTheDefinition() {
    Setup s = setUp("keepAccess");
    definition();
    AssignmentPolicy.Settings off =
        new AssignmentPolicy.Settings(
            s.policy().settings().allowedTargetScope(),
            s.policy().settings().specificAllowedTargets(),
            s.policy().settings().requestorSettings(),
            s.policy().settings().requestApprovalSettings(),
            s.policy().settings().expiration(),
            AssignmentPolicy.ReviewSettings.none());
    await(
        w.policies.replace(
            as(manager), s.policy().id(), new PolicyDraft(null, "Engineers", "", off)));
    assertTrue(
        await(w.reviews.listDefinitions(as(owner), Optional.empty(), null, 10)).items().isEmpty());
  }

  @Test
  void inASelfReviewEachUserReviewsTheirOwnAccessAndNobodyElses() {
    Setup s = setUp("keepAccess", true);
    AccessReviewDefinition d = definition();
    AccessReviewInstance i = started(d);
    Map<Principal, AccessReviewDecision> items = items(d, i, s);
    assertEquals(Set.of(eve.id()), items.get(eve).reviewers());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(
            () ->
                await(
                    w.reviewDecisions.record(
                        as(boss), d.id(), i.id(), items.get(eve).id(), Verdict.DENY, "no"))),
        "her manager is not a reviewer of a self-review");
    assertEquals(
        Verdict.APPROVE,
        await(
                w.reviewDecisions.record(
                    as(eve), d.id(), i.id(), items.get(eve).id(), Verdict.APPROVE, "still needed"))
            .decision());
  }

  @Test
  void anInstanceMissedWhileNoStewardRanIsSkippedAndTheNextRunsOnTime() {
    setUp("keepAccess");
    AccessReviewDefinition d = definition();
    w.advance(Duration.ofDays(9));
    await(w.dueWork.runDue());
    assertTrue(await(w.reviews.instances(as(owner), d.id())).isEmpty(), "its week is over");
    w.advance(Duration.ofDays(84));
    await(w.dueWork.runDue());
    List<InstanceProgress> instances = await(w.reviews.instances(as(owner), d.id()));
    assertEquals(1, instances.size());
    assertEquals(1, instances.get(0).instance().index(), "the second occurrence");
  }

  @Test
  void aPolicySavedWithReviewsOnBeforeReviewsRanGetsItsDefinitionFromDueWork() {
    Setup s = setUp("keepAccess");
    AccessReviewDefinition d = definition();
    // As the upgrade finds it: the policy, and no definition yet.
    await(w.store.inTransaction(uow -> uow.accessReviews().deleteDefinition(d.id())));
    await(
        w.store.inTransaction(
            uow ->
                uow.scheduledWork()
                    .schedule(
                        dev.steward.application.port.out.duework.ScheduledWork.Kind
                            .REVIEW_SYNC_POLICY,
                        s.policy().id().value(),
                        w.clock.now())));
    await(w.dueWork.runDue());
    assertEquals(Optional.of(s.policy().id()), definition().policyId());
    started(definition());
  }

  // ------------------------------------------------------------ group reviews

  private GroupReviewDraft groupReview(Principal group) {
    return new GroupReviewDraft(
        "Project members",
        "",
        "",
        group.id(),
        List.of(new SubjectSet.SingleUser(rita.id(), "")),
        List.of(),
        false,
        true,
        AccessReviewDefinition.Behaviour.KEEP_ACCESS,
        true,
        Map.of(),
        5);
  }

  @Test
  void aGroupReviewIsCreatedOnlyByThoseWhoManageACatalogHoldingTheGroup() {
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.reviews.createGroupReview(as(manager), groupReview(project)))),
        "an access package manager does not manage the catalog's resources");
    assertEquals(
        DomainException.Reason.INVALID_MODEL,
        refusal(() -> await(w.reviews.createGroupReview(as(owner), groupReview(engineering)))),
        "engineering is no catalog's resource");
    AccessReviewDefinition d = await(w.reviews.createGroupReview(as(owner), groupReview(project)));
    assertEquals("/groups/" + project.id().value() + "/transitiveMembers", d.scopeQuery());
  }

  @Test
  void groupMemberReviewersAreEveryMemberButTheUserUnderReview() {
    Principal lead = w.user("lead");
    Principal reviewers = w.directory.addGroup("reviewers", rita, lead);
    w.directory.addMember(project, rita);
    w.directory.addMember(project, eve);
    GroupReviewDraft draft =
        new GroupReviewDraft(
            "By the reviewers group",
            "",
            "",
            project.id(),
            List.of(new SubjectSet.GroupMembers(reviewers.id(), "")),
            List.of(),
            false,
            true,
            AccessReviewDefinition.Behaviour.KEEP_ACCESS,
            true,
            Map.of(),
            5);
    AccessReviewDefinition d = await(w.reviews.createGroupReview(as(owner), draft));
    await(w.dueWork.runDue());
    AccessReviewInstance i = await(w.reviews.instances(as(owner), d.id())).get(0).instance();
    Map<String, Set<dev.steward.domain.PrincipalId>> who =
        await(w.reviewDecisions.decisions(as(owner), d.id(), i.id(), null, 10)).items().stream()
            .collect(
                Collectors.toMap(x -> x.principalId().value(), AccessReviewDecision::reviewers));
    assertEquals(Set.of(rita.id(), lead.id()), who.get(eve.id().value()));
    assertEquals(Set.of(lead.id()), who.get(rita.id().value()), "rita does not review herself");
    assertTrue(
        w.store.outboxMessages().stream()
            .anyMatch(
                m ->
                    m.kind().equals("accessReviewStarted")
                        && m.target().equals(lead.id().value())));
    await(w.reviews.sendReminder(as(owner), d.id(), i.id()));
    assertEquals(
        2,
        w.store.outboxMessages().stream()
            .filter(m -> m.kind().equals("accessReviewReminder"))
            .count(),
        "both reviewers still have items");
  }

  @Test
  void aGroupReviewDenyTakesAMemberAddedOutsideStewardOutOfTheGroupAndSaysSoOnlyWhenDone() {
    Principal intruder = w.user("intruder");
    Principal stuck = w.user("stuck");
    w.directory.addMember(project, intruder);
    w.directory.addMember(project, stuck);
    AccessReviewDefinition d = await(w.reviews.createGroupReview(as(owner), groupReview(project)));
    await(w.dueWork.runDue());
    AccessReviewInstance i = await(w.reviews.instances(as(owner), d.id())).get(0).instance();
    List<AccessReviewDecision> mine =
        await(w.reviewDecisions.myDecisions(as(rita), d.id(), i.id(), null, 10)).items();
    assertEquals(2, mine.size());
    for (AccessReviewDecision x : mine) {
      await(w.reviewDecisions.record(as(rita), d.id(), i.id(), x.id(), Verdict.DENY, "who?"));
    }
    w.directory.failWritesTo(project, true);
    await(w.reviews.stop(as(owner), d.id(), i.id()));
    await(w.dueWork.runDue());
    Map<String, ApplyResult> results =
        await(w.reviewDecisions.decisions(as(owner), d.id(), i.id(), null, 10)).items().stream()
            .collect(
                Collectors.toMap(x -> x.principalId().value(), AccessReviewDecision::applyResult));
    assertEquals(ApplyResult.APPLIED_WITH_UNKNOWN_FAILURE, results.get(intruder.id().value()));
    assertTrue(w.directory.isDirectMember(project, intruder));

    w.directory.failWritesTo(project, false);
    await(w.reviews.applyDecisions(as(owner), d.id(), i.id()));
    results =
        await(w.reviewDecisions.decisions(as(owner), d.id(), i.id(), null, 10)).items().stream()
            .collect(
                Collectors.toMap(x -> x.principalId().value(), AccessReviewDecision::applyResult));
    assertEquals(ApplyResult.APPLIED_SUCCESSFULLY, results.get(intruder.id().value()));
    assertFalse(w.directory.isDirectMember(project, intruder));
    assertFalse(w.directory.isDirectMember(project, stuck));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        refusal(() -> await(w.reviews.applyDecisions(as(manager), d.id(), i.id()))));
  }
}
