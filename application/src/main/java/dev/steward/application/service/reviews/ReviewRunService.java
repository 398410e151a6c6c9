package dev.steward.application.service.reviews;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.in.reviews.RunAccessReviewsUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.PolicyEvaluation;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDecision.ApplyResult;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.ReviewNotices;
import dev.steward.domain.ReviewRecommendations;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs access reviews as due work: starts each instance when its time comes (the items to review,
 * their reviewers and the directory's recommendation, resolved then), reminds reviewers a day
 * before the end, and at the end completes the instance and applies it. A Deny on a package
 * assignment goes through the ordinary removal (directory, audit, mail); a Deny on a group member
 * takes the member out of the LDAP group, reported applied only when the directory confirms it.
 */
public final class ReviewRunService extends ServiceBase implements RunAccessReviewsUseCase {
  static final int MAX_ITEMS = 10_000;
  static final Duration REMIND_BEFORE_END = Duration.ofDays(1);

  private final DeliverAccessUseCase delivery;
  private final int noLogonDays;
  private final dev.steward.application.service.PolicyReviews policyReviews;

  /**
   * @param noLogonDays after how many days without a logon (where the directory records one, as AD
   *     does) the recommendation is Deny; 0 turns that off
   */
  public ReviewRunService(Essentials essentials, DeliverAccessUseCase delivery, int noLogonDays) {
    super(essentials);
    this.delivery = delivery;
    this.noLogonDays = noLogonDays;
    this.policyReviews = new dev.steward.application.service.PolicyReviews(audit, ids);
  }

  @Override
  public Future<Void> runDue(ScheduledWork.Item item) {
    return switch (item.kind()) {
      case REVIEW_START -> start(item);
      case REVIEW_END -> end(item);
      case REVIEW_REMINDER -> remind(item);
      case REVIEW_SYNC_POLICY -> follow(item);
      case REVIEW_APPLY ->
          apply(RequestContext.SYSTEM, item.subjectId()).compose(ok -> complete(item));
      default -> Future.failedFuture(new IllegalArgumentException("not review work: " + item));
    };
  }

  /** Gives a policy saved before reviews ran the definition its review settings ask for. */
  private Future<Void> follow(ScheduledWork.Item item) {
    return transactions.inTransaction(
        uow ->
            uow.policies()
                .find(new dev.steward.domain.PolicyId(item.subjectId()))
                .compose(
                    p ->
                        p.isEmpty()
                            ? Future.<Void>succeededFuture()
                            : policyReviews.follow(
                                RequestContext.SYSTEM, uow, p.get(), clock.now()))
                .compose(ok -> uow.scheduledWork().complete(item)));
  }

  private Future<Void> complete(ScheduledWork.Item item) {
    return transactions.inTransaction(uow -> uow.scheduledWork().complete(item));
  }

  // ------------------------------------------------------------------ starting

  /** What one instance will hold, gathered from the store and the directory before it is saved. */
  private record Item(
      Principal principal,
      String resourceId,
      String resourceName,
      Set<PrincipalId> reviewers,
      ReviewRecommendations.Advice advice) {}

  private Future<Void> start(ScheduledWork.Item item) {
    Instant now = clock.now();
    return transactions
        .read(uow -> uow.accessReviews().findDefinition(item.subjectId(), false))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return complete(item);
              }
              AccessReviewDefinition d = found.get();
              Optional<Integer> index = d.schedule().firstNotEndedBy(d.started(), now);
              if (index.isEmpty()) {
                return complete(item);
              }
              Instant at = d.schedule().startOf(index.get()).orElseThrow();
              if (at.isAfter(now)) {
                return transactions.inTransaction(
                    uow ->
                        uow.scheduledWork()
                            .complete(item)
                            .compose(
                                ok ->
                                    uow.scheduledWork()
                                        .schedule(ScheduledWork.Kind.REVIEW_START, d.id(), at)));
              }
              return gather(d).compose(items -> save(item, d, index.get(), at, items));
            });
  }

  private Future<List<Item>> gather(AccessReviewDefinition d) {
    Reviewers reviewers = new Reviewers(directory);
    if (d.kind() == AccessReviewDefinition.Kind.GROUP_MEMBERS) {
      PrincipalId group = new PrincipalId(d.resourceId());
      return directory
          .find(group)
          .compose(
              g ->
                  directory
                      .membersOf(group, MAX_ITEMS)
                      .compose(
                          members -> {
                            String name = g.map(Principal::displayName).orElse("");
                            Future<List<Item>> all = Future.succeededFuture(new ArrayList<>());
                            for (Principal m : members) {
                              if (!m.isUser()) {
                                continue;
                              }
                              all =
                                  all.compose(
                                      list ->
                                          item(d, reviewers, m, d.resourceId(), name, null)
                                              .map(i -> add(list, i)));
                            }
                            return all;
                          }));
    }
    return transactions
        .read(uow -> packageFacts(uow, d))
        .compose(
            facts -> {
              String name =
                  facts.pkg().map(dev.steward.domain.AccessPackage::displayName).orElse("");
              Future<List<Item>> all = Future.succeededFuture(new ArrayList<>());
              for (Assignment a : facts.assignments()) {
                if (!a.isActive()
                    || (d.policyId().isPresent() && !d.policyId().get().equals(a.policyId()))) {
                  continue;
                }
                Principal gone =
                    new Principal(a.targetId(), dev.steward.domain.PrincipalType.USER, "", "", "");
                all =
                    all.compose(
                        list ->
                            directory
                                .find(a.targetId())
                                .compose(
                                    p ->
                                        item(
                                            d,
                                            reviewers,
                                            p.orElse(gone),
                                            a.id().value(),
                                            name,
                                            facts.policy().orElse(null)))
                                .map(i -> add(list, i)));
              }
              return all;
            });
  }

  /** What a package review starts from: the package's assignments, the package and the policy. */
  private record PackageFacts(
      List<Assignment> assignments,
      Optional<dev.steward.domain.AccessPackage> pkg,
      Optional<AssignmentPolicy> policy) {}

  private static Future<PackageFacts> packageFacts(UnitOfWork uow, AccessReviewDefinition d) {
    AccessPackageId pkg = new AccessPackageId(d.resourceId());
    Future<List<Assignment>> assignments =
        uow.assignments()
            .list(
                new Assignments.Query(
                    Optional.empty(), Optional.of(pkg), Optional.empty(), null, MAX_ITEMS));
    return assignments.compose(
        list ->
            uow.accessPackages()
                .find(pkg)
                .compose(
                    p ->
                        (d.policyId().isPresent()
                                ? uow.policies().find(d.policyId().get())
                                : Future.succeededFuture(Optional.<AssignmentPolicy>empty()))
                            .map(policy -> new PackageFacts(list, p, policy))));
  }

  private static List<Item> add(List<Item> list, Item i) {
    list.add(i);
    return list;
  }

  private Future<Item> item(
      AccessReviewDefinition d,
      Reviewers reviewers,
      Principal user,
      String resourceId,
      String resourceName,
      AssignmentPolicy policy) {
    return reviewers
        .of(d, user.id())
        .compose(
            who ->
                recommend(d, user.id(), policy)
                    .map(advice -> new Item(user, resourceId, resourceName, who, advice)));
  }

  /** The directory's advice on one user; NoInfoAvailable when the definition turns it off. */
  Future<ReviewRecommendations.Advice> recommend(
      AccessReviewDefinition d, PrincipalId user, AssignmentPolicy policy) {
    if (!d.recommendationsEnabled()) {
      return Future.succeededFuture(
          new ReviewRecommendations.Advice(
              AccessReviewDecision.Recommendation.NO_INFO, "Recommendations are off"));
    }
    Future<Optional<Boolean>> inTargets =
        policy == null
                || policy.settings().allowedTargetScope()
                    == AssignmentPolicy.TargetScope.NOT_SPECIFIED
            ? Future.succeededFuture(Optional.empty())
            : directory
                .membershipOf(user)
                .map(m -> Optional.of(PolicyEvaluation.inScope(policy.settings(), user, m)));
    return directory
        .accountOf(user)
        .compose(
            account ->
                inTargets.map(
                    in ->
                        ReviewRecommendations.recommend(
                            new ReviewRecommendations.Facts(
                                account.isPresent(),
                                account.map(Directory.AccountState::disabled).orElse(false),
                                in,
                                account.flatMap(Directory.AccountState::lastLogon)),
                            noLogonDays,
                            clock.now())));
  }

  private Future<Void> save(
      ScheduledWork.Item work,
      AccessReviewDefinition seen,
      int index,
      Instant start,
      List<Item> items) {
    Instant now = clock.now();
    return transactions.inTransaction(
        uow ->
            uow.accessReviews()
                .findDefinition(seen.id(), true)
                .compose(
                    locked -> {
                      if (locked.isEmpty() || locked.get().started() > index) {
                        // Deleted meanwhile, or this instance already started.
                        return uow.scheduledWork().complete(work);
                      }
                      AccessReviewDefinition d = locked.get().withStarted(index + 1, now);
                      AccessReviewInstance instance =
                          new AccessReviewInstance(
                              ids.newId(),
                              d.id(),
                              d.catalogId(),
                              index,
                              start,
                              start.plus(d.schedule().duration()),
                              AccessReviewInstance.Status.IN_PROGRESS,
                              null);
                      List<AccessReviewDecision> decisions = new ArrayList<>();
                      Set<PrincipalId> everyReviewer = new HashSet<>();
                      for (Item i : items) {
                        everyReviewer.addAll(i.reviewers());
                        decisions.add(
                            new AccessReviewDecision(
                                ids.newId(),
                                instance.id(),
                                d.id(),
                                i.principal().id(),
                                i.principal().displayName(),
                                i.principal().login(),
                                i.resourceId(),
                                i.resourceName(),
                                i.reviewers(),
                                i.advice().recommendation(),
                                i.advice().reason(),
                                AccessReviewDecision.Verdict.NOT_REVIEWED,
                                "",
                                null,
                                null,
                                ApplyResult.NEW,
                                null,
                                null));
                      }
                      Instant remindAt = instance.endDateTime().minus(REMIND_BEFORE_END);
                      return uow.accessReviews()
                          .updateDefinition(d)
                          .compose(ok -> uow.accessReviews().insertInstance(instance))
                          .compose(ok -> uow.accessReviews().insertDecisions(decisions))
                          .compose(ok -> uow.scheduledWork().complete(work))
                          .compose(
                              ok ->
                                  uow.scheduledWork()
                                      .schedule(
                                          ScheduledWork.Kind.REVIEW_END,
                                          instance.id(),
                                          instance.endDateTime()))
                          .compose(
                              ok ->
                                  remindAt.isAfter(now)
                                      ? uow.scheduledWork()
                                          .schedule(
                                              ScheduledWork.Kind.REVIEW_REMINDER,
                                              instance.id(),
                                              remindAt)
                                      : Future.<Void>succeededFuture())
                          .compose(
                              ok ->
                                  d.nextStart()
                                      .map(
                                          at ->
                                              uow.scheduledWork()
                                                  .schedule(
                                                      ScheduledWork.Kind.REVIEW_START, d.id(), at))
                                      .orElseGet(Future::succeededFuture))
                          .compose(
                              ok -> notify(uow, ReviewNotices.started(d, instance, everyReviewer)))
                          .compose(
                              ok ->
                                  audited(
                                      RequestContext.SYSTEM,
                                      uow,
                                      "accessReview.instanceStarted",
                                      "accessReviewInstance",
                                      instance.id(),
                                      null,
                                      ReviewSnapshots.of(instance, decisions.size())));
                    }));
  }

  // ------------------------------------------------------------------ reminding

  private Future<Void> remind(ScheduledWork.Item item) {
    return transactions.inTransaction(
        uow ->
            uow.accessReviews()
                .findInstance(item.subjectId(), false)
                .compose(
                    found ->
                        found.isEmpty() || !found.get().inProgress()
                            ? Future.<Void>succeededFuture()
                            : remindIn(uow, found.get()))
                .compose(ok -> uow.scheduledWork().complete(item)));
  }

  /** Records a reminder to each reviewer who still has an item to decide. */
  Future<Void> remindIn(UnitOfWork uow, AccessReviewInstance instance) {
    return uow.accessReviews()
        .findDefinition(instance.definitionId(), false)
        .compose(
            d ->
                uow.accessReviews()
                    .decisionsOf(instance.id(), Optional.empty(), null, MAX_ITEMS)
                    .compose(
                        decisions -> {
                          Set<PrincipalId> waiting = new HashSet<>();
                          decisions.stream()
                              .filter(
                                  x -> x.decision() == AccessReviewDecision.Verdict.NOT_REVIEWED)
                              .forEach(x -> waiting.addAll(x.reviewers()));
                          return d.isEmpty()
                              ? Future.<Void>succeededFuture()
                              : notify(
                                  uow,
                                  ReviewNotices.reminder(d.get(), instance, waiting, clock.now()));
                        }));
  }

  // ------------------------------------------------------------------ ending and applying

  private Future<Void> end(ScheduledWork.Item item) {
    Instant now = clock.now();
    return transactions
        .inTransaction(
            uow ->
                uow.accessReviews()
                    .findInstance(item.subjectId(), true)
                    .compose(
                        found -> {
                          if (found.isEmpty()) {
                            return Future.succeededFuture(Optional.<AccessReviewInstance>empty());
                          }
                          AccessReviewInstance i = found.get();
                          if (i.inProgress() && i.endDateTime().isAfter(now)) {
                            return Future.succeededFuture(Optional.<AccessReviewInstance>empty());
                          }
                          return (i.inProgress()
                                  ? completeIn(RequestContext.SYSTEM, uow, i)
                                  : Future.succeededFuture(i))
                              .map(Optional::of);
                        }))
        .compose(
            ended -> {
              if (ended.isEmpty()) {
                return transactions
                    .read(uow -> uow.accessReviews().findInstance(item.subjectId(), false))
                    .compose(
                        again ->
                            again.isPresent() && again.get().inProgress()
                                ? transactions.inTransaction(
                                    uow ->
                                        uow.scheduledWork()
                                            .schedule(
                                                ScheduledWork.Kind.REVIEW_END,
                                                again.get().id(),
                                                again.get().endDateTime()))
                                : complete(item));
              }
              AccessReviewInstance i = ended.get();
              if (i.status() == AccessReviewInstance.Status.APPLIED) {
                return complete(item);
              }
              return transactions
                  .read(uow -> uow.accessReviews().findDefinition(i.definitionId(), false))
                  .compose(
                      d ->
                          d.isPresent() && d.get().autoApply()
                              ? apply(RequestContext.SYSTEM, i.id())
                              : Future.<Void>succeededFuture())
                  .compose(ok -> complete(item));
            });
  }

  /** Completes a running instance in the caller's transaction: no more decisions. */
  Future<AccessReviewInstance> completeIn(
      RequestContext ctx, UnitOfWork uow, AccessReviewInstance running) {
    AccessReviewInstance done = running.completed(clock.now());
    return uow.accessReviews()
        .updateInstance(done)
        .compose(ok -> uow.scheduledWork().cancel(ScheduledWork.Kind.REVIEW_REMINDER, done.id()))
        .compose(
            ok ->
                audited(
                    ctx,
                    uow,
                    "accessReview.instanceCompleted",
                    "accessReviewInstance",
                    done.id(),
                    ReviewSnapshots.of(running, -1),
                    ReviewSnapshots.of(done, -1)))
        .map(done);
  }

  /**
   * Applies a completed instance: each item that removes access (a Deny, or an unreviewed item
   * under removeAccess or a Deny recommendation it accepts) is carried out and its result recorded;
   * items already applied successfully are left alone, so applying again retries only failures.
   */
  Future<Void> apply(RequestContext ctx, String instanceId) {
    return transactions
        .read(uow -> toApply(uow, instanceId))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture();
              }
              AccessReviewDefinition d = found.get().definition();
              Future<Void> each = Future.succeededFuture();
              for (AccessReviewDecision x : found.get().decisions()) {
                if (!x.removes(d.behaviour())
                    || x.applyResult() == ApplyResult.APPLIED_SUCCESSFULLY
                    || x.applyResult() == ApplyResult.APPLIED_SUCCESSFULLY_BUT_OBJECT_NOT_FOUND
                    || x.applyResult() == ApplyResult.APPLY_NOT_SUPPORTED) {
                  continue;
                }
                each =
                    each.compose(
                        ok ->
                            carryOut(ctx, d, x)
                                .recover(
                                    failure ->
                                        Future.succeededFuture(
                                            ApplyResult.APPLIED_WITH_UNKNOWN_FAILURE))
                                .compose(result -> recordApplied(ctx, d, x, result)));
              }
              return each.compose(ok -> markApplied(ctx, instanceId));
            });
  }

  /** A completed instance to apply: its definition and every item. */
  private record ToApply(AccessReviewDefinition definition, List<AccessReviewDecision> decisions) {}

  private static Future<Optional<ToApply>> toApply(UnitOfWork uow, String instanceId) {
    return uow.accessReviews()
        .findInstance(instanceId, false)
        .compose(
            i ->
                i.isEmpty()
                    ? Future.succeededFuture(Optional.<AccessReviewDefinition>empty())
                    : uow.accessReviews().findDefinition(i.get().definitionId(), false))
        .compose(
            d ->
                d.isEmpty()
                    ? Future.succeededFuture(Optional.<ToApply>empty())
                    : uow.accessReviews()
                        .decisionsOf(instanceId, Optional.empty(), null, MAX_ITEMS)
                        .map(all -> Optional.of(new ToApply(d.get(), all))));
  }

  private Future<Void> markApplied(RequestContext ctx, String instanceId) {
    return transactions.inTransaction(
        uow ->
            uow.accessReviews()
                .findInstance(instanceId, true)
                .compose(
                    now -> {
                      if (now.isEmpty()
                          || now.get().status() == AccessReviewInstance.Status.APPLIED) {
                        return Future.<Void>succeededFuture();
                      }
                      AccessReviewInstance applied = now.get().applied(clock.now());
                      return uow.accessReviews()
                          .updateInstance(applied)
                          .compose(
                              done ->
                                  audited(
                                      ctx,
                                      uow,
                                      "accessReview.instanceApplied",
                                      "accessReviewInstance",
                                      instanceId,
                                      ReviewSnapshots.of(now.get(), -1),
                                      ReviewSnapshots.of(applied, -1)));
                    }));
  }

  /** Does what one item's outcome asks of the directory, and says truthfully what happened. */
  private Future<ApplyResult> carryOut(
      RequestContext ctx, AccessReviewDefinition d, AccessReviewDecision x) {
    if (d.kind() == AccessReviewDefinition.Kind.PACKAGE_ASSIGNMENTS) {
      AssignmentId id = new AssignmentId(x.resourceId());
      return transactions
          .read(uow -> uow.assignments().find(id))
          .compose(
              a -> {
                if (a.isEmpty() || a.get().state() == Assignment.State.EXPIRED) {
                  return Future.succeededFuture(
                      ApplyResult.APPLIED_SUCCESSFULLY_BUT_OBJECT_NOT_FOUND);
                }
                return delivery
                    .remove(ctx, id, Optional.empty(), "assignment.removedByReview")
                    .map(
                        after ->
                            after.state() == Assignment.State.EXPIRED
                                ? ApplyResult.APPLIED_SUCCESSFULLY
                                : ApplyResult.APPLIED_WITH_UNKNOWN_FAILURE);
              });
    }
    PrincipalId group = new PrincipalId(d.resourceId());
    return directory
        .find(x.principalId())
        .compose(
            user -> {
              if (user.isEmpty()) {
                return Future.succeededFuture(
                    ApplyResult.APPLIED_SUCCESSFULLY_BUT_OBJECT_NOT_FOUND);
              }
              return directory
                  .removeFromGroup(group, x.principalId(), ResourceRole.MEMBER)
                  .compose(ok -> directory.membersOf(group, MAX_ITEMS))
                  .map(
                      members ->
                          members.stream().anyMatch(m -> m.id().equals(x.principalId()))
                              // Still a member through a nested group: not ours to take out.
                              ? ApplyResult.APPLY_NOT_SUPPORTED
                              : ApplyResult.APPLIED_SUCCESSFULLY);
            });
  }

  private Future<Void> recordApplied(
      RequestContext ctx, AccessReviewDefinition d, AccessReviewDecision x, ApplyResult result) {
    return transactions.inTransaction(
        uow -> {
          AccessReviewDecision after = x.applied(result, ctx.actor().userId(), clock.now());
          return uow.accessReviews()
              .updateDecision(after)
              .compose(
                  ok ->
                      audited(
                          ctx,
                          uow,
                          "accessReview.decisionApplied",
                          "accessReviewInstanceDecisionItem",
                          x.id(),
                          ReviewSnapshots.of(x, d.catalogId()),
                          ReviewSnapshots.of(after, d.catalogId())));
        });
  }
}
