package dev.steward.application.service.duework;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.automation.ReconcileAutomaticAssignmentsUseCase;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.in.duework.RunDueWorkUseCase;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.Notices;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Does the work that has fallen due: expiries (the user leaves the LDAP groups), approval deadlines
 * (the request is denied) and escalations. Items are claimed with a lease, so a second Steward on
 * the same database skips them, and one that dies mid-way leaves them to be retried.
 */
public final class DueWorkService extends ServiceBase implements RunDueWorkUseCase {
  static final Duration LEASE = Duration.ofMinutes(2);
  static final int BATCH = 100;

  private final DeliverAccessUseCase delivery;
  private final dev.steward.application.port.out.Telemetry telemetry;
  private final ReconcileAutomaticAssignmentsUseCase automatic;
  private final dev.steward.application.port.in.reviews.RunAccessReviewsUseCase reviews;
  private final dev.steward.application.service.CustomExtensionCallouts callouts;

  public DueWorkService(Essentials essentials, DeliverAccessUseCase delivery) {
    this(
        essentials,
        delivery,
        ReconcileAutomaticAssignmentsUseCase.NONE,
        dev.steward.application.port.in.reviews.RunAccessReviewsUseCase.NONE);
  }

  /** With automatic policies: their reconciliations and removals are due work too. */
  public DueWorkService(
      Essentials essentials,
      DeliverAccessUseCase delivery,
      ReconcileAutomaticAssignmentsUseCase automatic) {
    this(
        essentials,
        delivery,
        automatic,
        dev.steward.application.port.in.reviews.RunAccessReviewsUseCase.NONE);
  }

  /** With access reviews, whose starts, reminders and ends are due work too. */
  public DueWorkService(
      Essentials essentials,
      DeliverAccessUseCase delivery,
      dev.steward.application.port.in.reviews.RunAccessReviewsUseCase reviews) {
    this(essentials, delivery, ReconcileAutomaticAssignmentsUseCase.NONE, reviews);
  }

  /** With automatic policies and access reviews. */
  public DueWorkService(
      Essentials essentials,
      DeliverAccessUseCase delivery,
      ReconcileAutomaticAssignmentsUseCase automatic,
      dev.steward.application.port.in.reviews.RunAccessReviewsUseCase reviews) {
    super(essentials);
    this.delivery = delivery;
    this.telemetry = essentials.access().telemetry();
    this.automatic = automatic;
    this.reviews = reviews;
    this.callouts = new dev.steward.application.service.CustomExtensionCallouts(essentials);
  }

  @Override
  public Future<Outcome> runDue() {
    Instant now = clock.now();
    return transactions
        .inTransaction(uow -> uow.scheduledWork().claimDue(now, now.plus(LEASE), BATCH))
        .compose(items -> runEach(items, new Outcome(0, 0, 0, 0)));
  }

  /** The age of the oldest item that is due and not yet done, for the scheduler-lag metric. */
  public Future<Duration> lag() {
    Instant now = clock.now();
    return transactions
        .read(uow -> uow.scheduledWork().oldestDue(now))
        .map(oldest -> oldest.map(o -> Duration.between(o, now)).orElse(Duration.ZERO));
  }

  private Future<Outcome> runEach(List<ScheduledWork.Item> items, Outcome so) {
    Future<Outcome> all = Future.succeededFuture(so);
    for (ScheduledWork.Item item : items) {
      all = all.compose(o -> one(item, o).otherwise(failure -> o.plusFailed()));
    }
    return all;
  }

  private Future<Outcome> one(ScheduledWork.Item item, Outcome o) {
    return switch (item.kind()) {
      case EXPIRE_ASSIGNMENT -> expire(item, o);
      case APPROVAL_DEADLINE -> deadline(item, o);
      case APPROVAL_ESCALATION -> escalate(item, o);
      case EXPIRY_WARNING_14_DAYS -> warn(item, o, 14);
      case EXPIRY_WARNING_1_DAY -> warn(item, o, 1);
      case RETRY_DELIVERY -> redeliver(item, o);
      case AUTO_ASSIGNMENT ->
          automatic
              .reconcile(new dev.steward.domain.PolicyId(item.subjectId()))
              // A reconciled policy has moved its item to the next run; a gone one ends it.
              .compose(done -> done.automatic() ? Future.<Void>succeededFuture() : complete(item))
              .map(o);
      case AUTO_REMOVAL ->
          automatic
              .removeIfOutside(new AssignmentId(item.subjectId()))
              .compose(done -> complete(item))
              .map(o);
      case REVIEW_START, REVIEW_END, REVIEW_REMINDER, REVIEW_APPLY, REVIEW_SYNC_POLICY ->
          reviews.runDue(item).map(o);
    };
  }

  /**
   * Tries a failed delivery (or removal) again, finishing the request that failed with it; while
   * the directory still fails, the item comes back after a pause that doubles up to a minute.
   */
  private Future<Outcome> redeliver(ScheduledWork.Item item, Outcome o) {
    AssignmentId id = new AssignmentId(item.subjectId());
    return transactions
        .read(
            uow ->
                uow.assignments()
                    .find(id)
                    .compose(
                        a ->
                            uow.requests()
                                .failedFor(id)
                                .map(r -> java.util.Map.entry(a, r.map(AssignmentRequest::id)))))
        .compose(
            found -> {
              Optional<Assignment> a = found.getKey();
              if (a.isEmpty() || !failed(a.get())) {
                return complete(item).map(o);
              }
              Future<Assignment> again =
                  a.get().state() == Assignment.State.REMOVING
                      ? delivery.remove(
                          RequestContext.SYSTEM, id, found.getValue(), "assignment.removed")
                      : delivery.deliver(RequestContext.SYSTEM, id, found.getValue());
              return again.compose(
                  after ->
                      failed(after)
                          ? transactions
                              .inTransaction(
                                  uow ->
                                      uow.scheduledWork()
                                          .retryLater(
                                              item, clock.now().plus(retryPause(item.attempts()))))
                              .map(o)
                          : complete(item).map(o));
            });
  }

  private static boolean failed(Assignment a) {
    return a.state() == Assignment.State.DELIVERY_FAILED
        || (a.state() == Assignment.State.REMOVING && a.deliveryError() != null);
  }

  /** 10 s after the first retry, doubling, never more than a minute. */
  static Duration retryPause(int attempts) {
    return Duration.ofSeconds(Math.min(60, 10L << Math.min(Math.max(attempts - 1, 0), 3)));
  }

  /**
   * Tells the user their access ends in {@code days} days, once per end date; an assignment whose
   * end has moved since has its warning moved, and one that ended needs none.
   */
  private Future<Outcome> warn(ScheduledWork.Item item, Outcome o, int days) {
    AssignmentId id = new AssignmentId(item.subjectId());
    Instant now = clock.now();
    return transactions.inTransaction(
        uow ->
            uow.assignments()
                .findForUpdate(id)
                .compose(
                    found -> {
                      Optional<Assignment> a =
                          found.filter(x -> x.isActive() && x.endDateTime() != null);
                      if (a.isEmpty()) {
                        return uow.scheduledWork().complete(item).map(o);
                      }
                      Instant at = a.get().endDateTime().minus(Duration.ofDays(days));
                      if (at.isAfter(now)) {
                        return uow.scheduledWork().schedule(item.kind(), id.value(), at).map(o);
                      }
                      return uow.policies()
                          .find(a.get().policyId())
                          .map(
                              p ->
                                  p.map(
                                          x ->
                                              x.settings()
                                                  .requestorSettings()
                                                  .enableTargetsToSelfUpdateAccess())
                                      .orElse(false))
                          .compose(
                              extendable ->
                                  notifyTarget(
                                      uow,
                                      a.get(),
                                      off -> Notices.endingSoon(a.get(), days, extendable, off)))
                          .compose(
                              ok ->
                                  callouts.atAssignmentStage(
                                      uow,
                                      days == 1
                                          ? CustomExtension.Stage
                                              .ASSIGNMENT_ONE_DAY_BEFORE_EXPIRATION
                                          : CustomExtension.Stage
                                              .ASSIGNMENT_FOURTEEN_DAYS_BEFORE_EXPIRATION,
                                      a.get()))
                          .compose(
                              ok ->
                                  days == 1
                                      ? uow.assignments()
                                          .update(
                                              a.get()
                                                  .withNotificationStatus(
                                                      Assignment.NEAR_EXPIRY_1_DAY, now))
                                      : Future.succeededFuture())
                          .compose(ok -> uow.scheduledWork().complete(item))
                          .map(o);
                    }));
  }

  private Future<Outcome> expire(ScheduledWork.Item item, Outcome o) {
    AssignmentId id = new AssignmentId(item.subjectId());
    Instant now = clock.now();
    return transactions
        .read(uow -> uow.assignments().find(id))
        .compose(
            found -> {
              Optional<Assignment> a = found.filter(x -> x.state() != Assignment.State.EXPIRED);
              if (a.isEmpty()) {
                return complete(item).map(o);
              }
              if (a.get().endDateTime() == null || a.get().endDateTime().isAfter(now)) {
                // Extended since the item was set: move it rather than expire early.
                return transactions
                    .inTransaction(
                        uow ->
                            a.get().endDateTime() == null
                                ? uow.scheduledWork().complete(item)
                                : uow.scheduledWork()
                                    .schedule(
                                        ScheduledWork.Kind.EXPIRE_ASSIGNMENT,
                                        id.value(),
                                        a.get().endDateTime()))
                    .map(o);
              }
              return delivery
                  .remove(RequestContext.SYSTEM, id, Optional.empty(), "assignment.expired")
                  .map(
                      after -> {
                        if (after.state() != Assignment.State.EXPIRED) {
                          throw new IllegalStateException(
                              "removal failed: " + after.deliveryError());
                        }
                        telemetry.expirationProcessed();
                        return o.plusExpired();
                      });
            });
  }

  private Future<Void> complete(ScheduledWork.Item item) {
    return transactions.inTransaction(uow -> uow.scheduledWork().complete(item));
  }

  private Future<Outcome> deadline(ScheduledWork.Item item, Outcome o) {
    RequestId id = new RequestId(item.subjectId());
    Instant now = clock.now();
    return transactions.inTransaction(
        uow ->
            uow.requests()
                .findForUpdate(id)
                .compose(
                    found -> {
                      Optional<AssignmentRequest.Stage> stage =
                          found.flatMap(AssignmentRequest::currentStage);
                      if (stage.isEmpty() || stage.get().dueDateTime().isAfter(now)) {
                        return uow.scheduledWork().complete(item).map(o);
                      }
                      AssignmentRequest denied = found.get().timedOut(now);
                      telemetry.requestSettled(denied.type(), denied.state());
                      return uow.requests()
                          .update(denied)
                          .compose(ok -> notify(uow, Notices.timedOut(denied)))
                          .compose(ok -> uow.scheduledWork().complete(item))
                          .compose(
                              ok ->
                                  uow.scheduledWork()
                                      .cancel(ScheduledWork.Kind.APPROVAL_ESCALATION, id.value()))
                          .compose(
                              ok ->
                                  audited(
                                      RequestContext.SYSTEM,
                                      uow,
                                      "request.deniedOnDeadline",
                                      "assignmentRequest",
                                      id.value(),
                                      Audit.snapshot(found.get()),
                                      Audit.snapshot(denied)))
                          .map(ok -> o.plusDenied());
                    }));
  }

  private Future<Outcome> escalate(ScheduledWork.Item item, Outcome o) {
    RequestId id = new RequestId(item.subjectId());
    return transactions.inTransaction(
        uow ->
            uow.requests()
                .findForUpdate(id)
                .compose(
                    found -> {
                      Optional<AssignmentRequest.Stage> stage =
                          found.flatMap(AssignmentRequest::currentStage);
                      if (stage.isEmpty() || stage.get().escalated()) {
                        return uow.scheduledWork().complete(item).map(o);
                      }
                      AssignmentRequest escalated = found.get().escalated();
                      return uow.requests()
                          .update(escalated)
                          .compose(ok -> notify(uow, Notices.escalated(escalated)))
                          .compose(ok -> uow.scheduledWork().complete(item))
                          .compose(
                              ok ->
                                  audited(
                                      RequestContext.SYSTEM,
                                      uow,
                                      "request.escalated",
                                      "assignmentRequest",
                                      id.value(),
                                      Audit.snapshot(found.get()),
                                      Audit.snapshot(escalated)))
                          .map(ok -> o.plusEscalated());
                    }));
  }
}
