package dev.steward.application.service.requests;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.PolicyEvaluation;
import dev.steward.application.service.RequestSteps;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.Notices;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Extending an assignment: the userExtend request, up to the policy's longest expiration. */
final class ExtensionRequests extends ServiceBase {
  private final PolicyEvaluation evaluation;
  private final RequestSteps steps;

  ExtensionRequests(Essentials essentials) {
    super(essentials);
    this.evaluation = new PolicyEvaluation(essentials.directory());
    this.steps = new RequestSteps(essentials);
  }

  /**
   * A request for more time: within the policy's limit, through its approval when it asks for one.
   */
  Future<AssignmentRequest> submit(
      RequestContext ctx, SubmitRequest cmd, SubmitRequestService.Context c) {
    Assignment a = c.assignment().orElseThrow();
    AssignmentPolicy.Settings s = c.policy().settings();
    Instant now = clock.now();
    Instant longest = s.expiration().endFor(now);
    Instant wanted = cmd.requestedEnd() != null ? cmd.requestedEnd() : longest;
    if (a.endDateTime() == null) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_ALLOWED,
          "The assignment never expires; there is nothing to extend");
    }
    if (wanted == null || (longest != null && wanted.isAfter(longest))) {
      throw DomainException.invalid(
          "schedule.expiration.endDateTime",
          "an extension cannot pass the policy's end, " + longest);
    }
    if (!wanted.isAfter(a.endDateTime())) {
      throw DomainException.invalid(
          "schedule.expiration.endDateTime",
          "the new end must be after the current end, " + a.endDateTime());
    }
    boolean approval = s.requestApprovalSettings().isApprovalRequiredForUpdate();
    return (approval
            ? evaluation.resolveStages(s, ctx.actor().userId(), a.targetId())
            : Future.succeededFuture(List.<AssignmentRequest.Stage>of()))
        .compose(
            stages ->
                transactions.inTransaction(
                    uow ->
                        steps
                            .authorizeOnAssignment(
                                ctx,
                                uow,
                                cmd.type(),
                                a,
                                s.requestorSettings().enableTargetsToSelfUpdateAccess())
                            .compose(
                                ok -> {
                                  if (!a.isActive()) {
                                    throw new DomainException(
                                        DomainException.Reason.REQUEST_NOT_ALLOWED,
                                        "Only an active assignment can be extended");
                                  }
                                  AssignmentRequest request =
                                      new AssignmentRequest(
                                              new RequestId(ids.newId()),
                                              cmd.type(),
                                              AssignmentRequest.State.SUBMITTED,
                                              a.accessPackageId(),
                                              a.policyId(),
                                              a.catalogId(),
                                              ctx.actor().userId(),
                                              a.targetId(),
                                              a.id(),
                                              cmd.justification(),
                                              wanted,
                                              stages,
                                              "",
                                              now,
                                              null)
                                          .submitted(now);
                                  if (request.state() == AssignmentRequest.State.PENDING_APPROVAL) {
                                    return uow.requests()
                                        .insert(request)
                                        .compose(done -> RequestSteps.scheduleStage(uow, request))
                                        .compose(done -> notify(uow, Notices.stageStarted(request)))
                                        .compose(
                                            done ->
                                                steps.audited(ctx, uow, "request.submit", request))
                                        .map(request);
                                  }
                                  return uow.requests()
                                      .insert(request)
                                      .compose(done -> steps.extend(ctx, uow, request));
                                })));
  }
}
