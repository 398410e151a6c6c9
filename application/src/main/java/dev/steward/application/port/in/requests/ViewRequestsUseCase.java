package dev.steward.application.port.in.requests;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;

/**
 * Follow requests: one, the caller's own, or all in the catalogs where the caller may view them.
 */
public interface ViewRequestsUseCase {
  /** Which requests of the caller's to list. */
  enum Mine {
    TARGET,
    CREATED_BY
  }

  /** A request, for its requestor, target and approvers and those who may view requests. */
  Future<AssignmentRequest> get(RequestContext ctx, RequestId id);

  /** Requests in the catalogs where the caller may view them. */
  default Future<Page<AssignmentRequest>> list(RequestContext ctx, String afterId, int limit) {
    return list(ctx, RequestFilter.NONE, afterId, limit);
  }

  /** As above, those that pass the filter. */
  Future<Page<AssignmentRequest>> list(
      RequestContext ctx, RequestFilter filter, String afterId, int limit);

  /** How many requests the caller may view pass the filter, across every page. */
  Future<Long> count(RequestContext ctx, RequestFilter filter);

  Future<Page<AssignmentRequest>> mine(RequestContext ctx, Mine on, String afterId, int limit);
}
