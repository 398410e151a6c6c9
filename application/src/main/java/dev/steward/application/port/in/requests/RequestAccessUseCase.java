package dev.steward.application.port.in.requests;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Instant;

/** Ask for access, give it directly, extend it, give it up or take it away; cancel or retry. */
public interface RequestAccessUseCase {
  /**
   * A request as submitted. Adds name the package, the policy and (for adminAdd) the target;
   * removals and extensions name the assignment.
   */
  record SubmitRequest(
      AssignmentRequest.Type type,
      AccessPackageId accessPackage,
      PolicyId policy,
      PrincipalId target,
      AssignmentId assignment,
      String justification,
      Instant requestedEnd) {}

  Future<AssignmentRequest> submit(RequestContext ctx, SubmitRequest request);

  Future<AssignmentRequest> cancel(RequestContext ctx, RequestId id);

  /** Delivers again a request whose delivery failed. */
  Future<AssignmentRequest> reprocess(RequestContext ctx, RequestId id);
}
