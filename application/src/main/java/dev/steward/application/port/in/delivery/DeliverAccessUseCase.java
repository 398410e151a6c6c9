package dev.steward.application.port.in.delivery;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Keeps the directory in step with assignments. Not an HTTP use case: requests, approvals,
 * assignments and the scheduler call it after their transaction commits.
 */
public interface DeliverAccessUseCase {
  /** Writes an assignment into the directory and records the outcome on it and its request. */
  Future<Assignment> deliver(RequestContext ctx, AssignmentId id, Optional<RequestId> request);

  /**
   * Takes the user out of the groups that no other assignment of theirs still grants, and records
   * the assignment expired (audited as {@code action}) once the directory has confirmed it.
   */
  Future<Assignment> remove(
      RequestContext ctx, AssignmentId id, Optional<RequestId> request, String action);
}
