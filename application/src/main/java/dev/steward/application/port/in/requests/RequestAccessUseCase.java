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
      Instant requestedEnd,
      java.util.List<dev.steward.domain.Answer> answers) {
    /** A request without answers. */
    public SubmitRequest(
        AssignmentRequest.Type type,
        AccessPackageId accessPackage,
        PolicyId policy,
        PrincipalId target,
        AssignmentId assignment,
        String justification,
        Instant requestedEnd) {
      this(
          type,
          accessPackage,
          policy,
          target,
          assignment,
          justification,
          requestedEnd,
          java.util.List.of());
    }

    public SubmitRequest {
      answers = answers == null ? java.util.List.of() : java.util.List.copyOf(answers);
    }
  }

  Future<AssignmentRequest> submit(RequestContext ctx, SubmitRequest request);

  Future<AssignmentRequest> cancel(RequestContext ctx, RequestId id);

  /** Delivers again a request whose delivery failed. */
  Future<AssignmentRequest> reprocess(RequestContext ctx, RequestId id);
}
