package dev.steward.application.port.in.approvals;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;

/** Approvers see what awaits them and decide it. */
public interface ApproveRequestsUseCase {
  /** Requests whose current stage the caller may decide. */
  Future<Page<AssignmentRequest>> awaitingMe(RequestContext ctx, String afterId, int limit);

  /** A request's approval (its stages); for its approvers and those who may view requests. */
  Future<AssignmentRequest> approval(RequestContext ctx, RequestId id);

  Future<AssignmentRequest> decide(
      RequestContext ctx,
      RequestId id,
      String stageId,
      AssignmentRequest.Review result,
      String justification);
}
