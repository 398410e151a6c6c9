package dev.steward.application.port.in.assignments;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import io.vertx.core.Future;
import java.util.Optional;

/** Who holds which access package, and putting failed deliveries right. */
public interface ViewAssignmentsUseCase {
  default Future<Page<Assignment>> list(
      RequestContext ctx, Optional<AccessPackageId> accessPackage, String afterId, int limit) {
    return list(ctx, AssignmentFilter.ofPackage(accessPackage), afterId, limit);
  }

  /** The assignments the caller may view that pass the filter, a page at a time. */
  Future<Page<Assignment>> list(
      RequestContext ctx, AssignmentFilter filter, String afterId, int limit);

  /** How many assignments the caller may view pass the filter, across every page. */
  Future<Long> count(RequestContext ctx, AssignmentFilter filter);

  /** The caller's own assignments. */
  Future<Page<Assignment>> mine(RequestContext ctx, String afterId, int limit);

  Future<Assignment> get(RequestContext ctx, AssignmentId id);

  /**
   * Existing overlaps: assignments of {@code accessPackage} whose users also hold {@code
   * incompatible}.
   */
  Future<java.util.List<Assignment>> additionalAccess(
      RequestContext ctx, AccessPackageId accessPackage, AccessPackageId incompatible);

  /** Repeats a failed delivery or removal in the directory. */
  Future<Assignment> reprocess(RequestContext ctx, AssignmentId id);
}
