package dev.steward.application.service.automation;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.automation.ReconcileAutomaticAssignmentsUseCase;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.directory.AttributeRuleSearch;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.PolicyEvaluation;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Automatic policies: the users an attribute rule matches get the package through systemAdd
 * requests that deliver like any other; those who stop matching lose it through systemRemove after
 * the grace period. Each run is one claimed due-work item per policy (so one instance at a time),
 * and every add re-checks under the package lock, so running twice raises nothing twice.
 */
public final class AutomaticAssignmentService extends ServiceBase
    implements ReconcileAutomaticAssignmentsUseCase {
  private static final Logger LOG = Logger.getLogger(AutomaticAssignmentService.class.getName());

  /** New matches handled per run, so one run stays well inside the due-work lease. */
  static final int ADDS_PER_RUN = 200;

  /** Assignments read per page while comparing. */
  static final int PAGE = 1000;

  private static final Set<Assignment.State> ACTIVE =
      Set.of(
          Assignment.State.DELIVERING,
          Assignment.State.DELIVERED,
          Assignment.State.DELIVERY_FAILED);

  private final DeliverAccessUseCase delivery;
  private final AttributeRuleSearch rules;
  private final Duration interval;
  private final GracePeriodRemovals removals;

  public AutomaticAssignmentService(
      Essentials essentials,
      DeliverAccessUseCase delivery,
      AttributeRuleSearch rules,
      Duration interval) {
    super(essentials);
    this.delivery = delivery;
    this.rules = rules;
    this.interval = interval;
    this.removals = new GracePeriodRemovals(essentials, delivery, rules);
  }

  @Override
  public Future<Reconciled> reconcile(PolicyId policyId) {
    return transactions
        .read(uow -> uow.policies().find(policyId))
        .compose(
            found -> {
              Optional<AssignmentPolicy> policy =
                  found.filter(p -> p.settings().isAutomatic() && rule(p).isPresent());
              if (policy.isEmpty()) {
                return Future.succeededFuture(Reconciled.NOTHING);
              }
              return reconcile(policy.get());
            });
  }

  static Optional<MembershipRule> rule(AssignmentPolicy p) {
    return p.settings().attributeRule().map(r -> r.rule());
  }

  private Future<Reconciled> reconcile(AssignmentPolicy policy) {
    MembershipRule rule = rule(policy).orElseThrow();
    return rules
        .usersMatching(rule)
        .compose(
            matching ->
                transactions
                    .read(uow -> activeAssignments(uow, policy, null, new HashMap<>()))
                    .compose(held -> compare(policy, matching, held)));
  }

  /** Every active assignment of the package, by target. */
  private Future<Map<PrincipalId, Assignment>> activeAssignments(
      UnitOfWork uow, AssignmentPolicy policy, String after, Map<PrincipalId, Assignment> acc) {
    return uow.assignments()
        .list(
            new Assignments.Query(
                Optional.empty(),
                Optional.of(policy.accessPackageId()),
                Optional.empty(),
                Optional.of(ACTIVE),
                Optional.empty(),
                after,
                PAGE))
        .compose(
            page -> {
              page.forEach(a -> acc.put(a.targetId(), a));
              return page.size() < PAGE
                  ? Future.succeededFuture(acc)
                  : activeAssignments(uow, policy, page.get(page.size() - 1).id().value(), acc);
            });
  }

  private Future<Reconciled> compare(
      AssignmentPolicy policy, Set<PrincipalId> matching, Map<PrincipalId, Assignment> held) {
    Instant now = clock.now();
    TreeSet<String> newcomers = new TreeSet<>();
    for (PrincipalId p : matching) {
      if (!held.containsKey(p)) {
        newcomers.add(p.value());
      }
    }
    List<Assignment> leaving = new ArrayList<>();
    for (Assignment a : held.values()) {
      if (policy.id().equals(a.policyId()) && !matching.contains(a.targetId())) {
        leaving.add(a);
      }
    }
    List<PrincipalId> batch = newcomers.stream().limit(ADDS_PER_RUN).map(PrincipalId::new).toList();
    boolean more = newcomers.size() > ADDS_PER_RUN;
    Future<Integer> added = Future.succeededFuture(0);
    for (PrincipalId user : batch) {
      added = added.compose(n -> addOne(policy, user, now).map(ok -> ok ? n + 1 : n));
    }
    boolean removes =
        policy.settings().automaticRequestSettings().removeAccessWhenTargetLeavesAllowedTargets();
    Instant removeAt = now.plus(policy.settings().automaticRequestSettings().grace());
    return added.compose(
        n ->
            transactions
                .inTransaction(
                    uow -> {
                      Future<Void> all = Future.succeededFuture();
                      if (removes) {
                        for (Assignment a : leaving) {
                          all =
                              all.compose(
                                  ok ->
                                      uow.scheduledWork()
                                          .scheduleIfAbsent(
                                              ScheduledWork.Kind.AUTO_REMOVAL,
                                              a.id().value(),
                                              removeAt));
                        }
                      }
                      return all.compose(
                          ok ->
                              uow.scheduledWork()
                                  .schedule(
                                      ScheduledWork.Kind.AUTO_ASSIGNMENT,
                                      policy.id().value(),
                                      more ? now : now.plus(interval)));
                    })
                .map(ok -> new Reconciled(true, matching.size(), n, leaving.size(), more)));
  }

  /**
   * Raises a systemAdd for one user and delivers it; false when something stands in the way now (an
   * assignment or open request of the package, separation of duties), to be tried next run.
   */
  private Future<Boolean> addOne(AssignmentPolicy policy, PrincipalId user, Instant now) {
    RequestContext ctx = RequestContext.SYSTEM;
    RequestId requestId = new RequestId(ids.newId());
    return directory
        .membershipOf(user)
        .compose(
            membership ->
                transactions.inTransaction(
                    uow ->
                        Lookups.accessPackage(uow, policy.accessPackageId(), true)
                            .compose(
                                pkg ->
                                    uow.assignments()
                                        .activeOf(user)
                                        .compose(
                                            active ->
                                                active.stream()
                                                        .anyMatch(
                                                            a ->
                                                                a.accessPackageId()
                                                                    .equals(pkg.id()))
                                                    ? Future.succeededFuture(
                                                        Optional.<AssignmentRequest>empty())
                                                    : PolicyEvaluation.requireNoConflict(
                                                            uow, pkg, user, membership)
                                                        .compose(
                                                            ok ->
                                                                write(
                                                                    uow, ctx, pkg, policy, user,
                                                                    requestId, now))
                                                        .map(Optional::of)))))
        .recover(
            failure -> {
              if (failure instanceof DomainException e) {
                LOG.info(
                    "automatic policy "
                        + policy.id()
                        + " leaves user "
                        + user
                        + " without the package for now: "
                        + e.getMessage());
                return Future.succeededFuture(Optional.empty());
              }
              return Future.failedFuture(failure);
            })
        .compose(
            written ->
                written.isEmpty()
                    ? Future.succeededFuture(false)
                    : delivery
                        .deliver(ctx, written.get().assignmentId(), Optional.of(requestId))
                        .map(true));
  }

  private Future<AssignmentRequest> write(
      UnitOfWork uow,
      RequestContext ctx,
      AccessPackage pkg,
      AssignmentPolicy policy,
      PrincipalId user,
      RequestId requestId,
      Instant now) {
    Assignment assignment =
        new Assignment(
            new AssignmentId(ids.newId()),
            pkg.id(),
            policy.id(),
            pkg.catalogId(),
            user,
            Assignment.State.DELIVERING,
            now,
            policy.settings().expiration().endFor(now),
            null,
            null,
            now,
            now);
    AssignmentRequest request =
        new AssignmentRequest(
                requestId,
                AssignmentRequest.Type.SYSTEM_ADD,
                AssignmentRequest.State.SUBMITTED,
                pkg.id(),
                policy.id(),
                pkg.catalogId(),
                ctx.actor().userId(),
                user,
                null,
                "The user matches the automatic policy's rule",
                null,
                List.of(),
                "",
                now,
                null)
            .submitted(now)
            .delivering(assignment.id());
    return uow.assignments()
        .insert(assignment)
        .compose(ok -> uow.requests().insert(request))
        .compose(
            ok ->
                audited(
                    ctx,
                    uow,
                    "request.submit",
                    "assignmentRequest",
                    requestId.value(),
                    null,
                    Audit.snapshot(request)))
        .map(request);
  }

  @Override
  public Future<Boolean> removeIfOutside(AssignmentId id) {
    return removals.removeIfOutside(id);
  }
}
