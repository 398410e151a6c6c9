package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a request's life that submitting, approving and following requests share: the
 * approval deadlines of the current stage, the new assignment, an approved extension, the audit
 * record, and who may see a request.
 */
public final class RequestSteps extends ServiceBase {
  public RequestSteps(Essentials essentials) {
    super(essentials);
  }

  public static Future<Void> scheduleStage(UnitOfWork uow, AssignmentRequest r) {
    Optional<AssignmentRequest.Stage> stage = r.currentStage();
    if (stage.isEmpty()) {
      return uow.scheduledWork()
          .cancel(ScheduledWork.Kind.APPROVAL_DEADLINE, r.id().value())
          .compose(
              ok ->
                  uow.scheduledWork()
                      .cancel(ScheduledWork.Kind.APPROVAL_ESCALATION, r.id().value()));
    }
    Future<Void> deadline =
        uow.scheduledWork()
            .schedule(
                ScheduledWork.Kind.APPROVAL_DEADLINE, r.id().value(), stage.get().dueDateTime());
    return stage.get().escalateDateTime() == null || stage.get().escalated()
        ? deadline.compose(
            ok ->
                uow.scheduledWork().cancel(ScheduledWork.Kind.APPROVAL_ESCALATION, r.id().value()))
        : deadline.compose(
            ok ->
                uow.scheduledWork()
                    .schedule(
                        ScheduledWork.Kind.APPROVAL_ESCALATION,
                        r.id().value(),
                        stage.get().escalateDateTime()));
  }

  public Future<Void> audited(
      RequestContext ctx, UnitOfWork uow, String action, AssignmentRequest r) {
    return audited(ctx, uow, action, "assignmentRequest", r.id().value(), null, Audit.snapshot(r));
  }

  public Future<AssignmentRequest> reload(RequestId id) {
    return transactions.read(uow -> Lookups.request(uow, id, false));
  }

  public Assignment newAssignment(
      AccessPackage pkg, AssignmentPolicy policy, PrincipalId target, Instant now) {
    return new Assignment(
        new AssignmentId(ids.newId()),
        pkg.id(),
        policy.id(),
        pkg.catalogId(),
        target,
        Assignment.State.DELIVERING,
        now,
        policy.settings().expiration().endFor(now),
        null,
        null,
        now,
        now);
  }

  /** Moves the assignment's end and its expiry work; the request is then delivered. */
  public Future<AssignmentRequest> extend(
      RequestContext ctx, UnitOfWork uow, AssignmentRequest request) {
    Instant now = clock.now();
    return Lookups.orNotFound(
            uow.assignments().findForUpdate(request.assignmentId()),
            DomainException.Reason.ASSIGNMENT_NOT_FOUND,
            "Assignment",
            request.assignmentId().value())
        .compose(
            before -> {
              Assignment after = before.withEnd(request.requestedEnd(), now);
              AssignmentRequest done = request.delivered(after.id(), now);
              access.telemetry().requestSettled(done.type(), done.state());
              return uow.assignments()
                  .update(after)
                  .compose(
                      ok ->
                          uow.scheduledWork()
                              .schedule(
                                  ScheduledWork.Kind.EXPIRE_ASSIGNMENT,
                                  after.id().value(),
                                  after.endDateTime()))
                  .compose(ok -> uow.requests().update(done))
                  .compose(
                      ok ->
                          audited(
                              ctx,
                              uow,
                              "assignment.extended",
                              "assignment",
                              after.id().value(),
                              Audit.snapshot(before),
                              Audit.snapshot(after)))
                  .map(done);
            });
  }

  public Future<Void> authorizeOnAssignment(
      RequestContext ctx,
      UnitOfWork uow,
      AssignmentRequest.Type type,
      Assignment a,
      boolean selfAllowed) {
    if (type.byAdministrator()) {
      return access
          .require(ctx.actor(), uow.roleAssignments(), Task.MANAGE_ASSIGNMENTS, a.scope())
          .mapEmpty();
    }
    if (!a.targetId().equals(ctx.actor().userId())) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "Users may only change their own assignments");
    }
    if (!selfAllowed) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_ALLOWED,
          "This policy does not let users do this themselves");
    }
    return Future.succeededFuture();
  }

  /** A request, if the caller is its requestor, target or an approver, or may view requests. */
  public Future<AssignmentRequest> readable(RequestContext ctx, RequestId id) {
    return transactions.read(
        uow ->
            Lookups.request(uow, id, false)
                .compose(
                    r -> {
                      PrincipalId me = ctx.actor().userId();
                      boolean involved =
                          r.requestorId().equals(me)
                              || r.targetId().equals(me)
                              || r.stages().stream().anyMatch(s -> s.approvers().contains(me));
                      return involved
                          ? Future.succeededFuture(r)
                          : access
                              .require(
                                  ctx.actor(),
                                  uow.roleAssignments(),
                                  Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
                                  r.scope())
                              .map(r);
                    }));
  }

  /** The catalogs whose assignments and requests the caller may view; empty means all. */
  public Future<Optional<Set<CatalogId>>> viewable(RequestContext ctx, UnitOfWork uow) {
    return access.catalogsAllowing(
        ctx.actor(), uow.roleAssignments(), Task.VIEW_ASSIGNMENTS_AND_REQUESTS);
  }

  /** After commit: a request that is delivering is written to the directory and read again. */
  public Future<AssignmentRequest> deliverIfDelivering(
      RequestContext ctx, DeliverAccessUseCase delivery, AssignmentRequest r) {
    return r.state() == AssignmentRequest.State.DELIVERING && r.assignmentId() != null
        ? delivery.deliver(ctx, r.assignmentId(), Optional.of(r.id())).compose(a -> reload(r.id()))
        : Future.succeededFuture(r);
  }
}
