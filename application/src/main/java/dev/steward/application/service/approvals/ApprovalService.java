package dev.steward.application.service.approvals;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.application.service.ApprovedRequests;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.PolicyEvaluation;
import dev.steward.application.service.RequestSteps;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.Notices;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Where approvals are decided: an approver sees what awaits them and approves or denies the stage
 * in progress; after the last approval the assignment is created and delivered.
 */
public final class ApprovalService extends ServiceBase implements ApproveRequestsUseCase {
  private final DeliverAccessUseCase delivery;
  private final PolicyEvaluation evaluation;
  private final RequestSteps steps;
  private final ApprovedRequests approved;

  public ApprovalService(Essentials essentials, DeliverAccessUseCase delivery) {
    super(essentials);
    this.delivery = delivery;
    this.evaluation = new PolicyEvaluation(essentials.directory());
    this.steps = new RequestSteps(essentials);
    this.approved = new ApprovedRequests(essentials);
  }

  @Override
  public Future<Page<AssignmentRequest>> awaitingMe(RequestContext ctx, String afterId, int limit) {
    AssignmentRequests.Query q =
        new AssignmentRequests.Query(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(ctx.actor().userId()),
            afterId,
            limit + 1);
    return transactions
        .read(uow -> uow.requests().list(q))
        .map(found -> Page.of(found, limit, r -> r.id().value()));
  }

  @Override
  public Future<AssignmentRequest> approval(RequestContext ctx, RequestId id) {
    return steps
        .readable(ctx, id)
        .map(
            r -> {
              if (r.stages().isEmpty()) {
                throw DomainException.notFound(
                    DomainException.Reason.REQUEST_NOT_FOUND, "Approval", id.value());
              }
              return r;
            });
  }

  @Override
  public Future<AssignmentRequest> decide(
      RequestContext ctx,
      RequestId id,
      String stageId,
      AssignmentRequest.Review result,
      String justification) {
    // The target's groups (for separation of duties) are read before the transaction opens, so
    // no row lock waits on the directory.
    return transactions
        .read(uow -> Lookups.request(uow, id, false))
        .compose(pending -> directory.membershipOf(pending.targetId()))
        .compose(
            membership -> decideInTransaction(ctx, id, stageId, result, justification, membership));
  }

  private Future<AssignmentRequest> decideInTransaction(
      RequestContext ctx,
      RequestId id,
      String stageId,
      AssignmentRequest.Review result,
      String justification,
      Membership membership) {
    return transactions
        .inTransaction(
            uow ->
                Lookups.request(uow, id, true)
                    .compose(
                        r -> {
                          AssignmentRequest after =
                              r.decide(
                                  stageId,
                                  ctx.actor().userId(),
                                  result,
                                  justification,
                                  clock.now());
                          Future<AssignmentRequest> next;
                          if (after.state() == AssignmentRequest.State.DELIVERING) {
                            next = approved.approved(ctx, uow, after, Optional.of(membership));
                          } else {
                            if (after.state() == AssignmentRequest.State.DENIED) {
                              access.telemetry().requestSettled(after.type(), after.state());
                            }
                            next = uow.requests().update(after).map(after);
                          }
                          return next.compose(n -> RequestSteps.scheduleStage(uow, n).map(n))
                              .compose(
                                  n ->
                                      // Held for the approved stage's extension, it is approved
                                      // all the same: the requestor hears so now.
                                      notify(
                                              uow,
                                              Notices.decided(
                                                  r, n.isAwaitingCustomExtension() ? after : n))
                                          .map(n))
                              .compose(
                                  n ->
                                      audited(
                                              ctx,
                                              uow,
                                              "approval."
                                                  + result
                                                      .apiName()
                                                      .toLowerCase(java.util.Locale.ROOT),
                                              "assignmentRequest",
                                              id.value(),
                                              Audit.snapshot(r),
                                              Audit.snapshot(n))
                                          .map(n));
                        }))
        .compose(r -> steps.deliverIfDelivering(ctx, delivery, r));
  }
}
