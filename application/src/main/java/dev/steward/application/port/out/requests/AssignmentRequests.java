package dev.steward.application.port.out.requests;

import dev.steward.application.port.in.requests.RequestFilter;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores assignment requests with their approval stages. */
public interface AssignmentRequests {
  Future<Void> insert(AssignmentRequest request);

  Future<Void> update(AssignmentRequest request);

  Future<Optional<AssignmentRequest>> find(RequestId id);

  /** Finds a request and locks it until the transaction ends. */
  Future<Optional<AssignmentRequest>> findForUpdate(RequestId id);

  /** A request of the target for the package that is still awaiting approval or delivery. */
  Future<Optional<AssignmentRequest>> openFor(PrincipalId target, AccessPackageId pkg);

  /** The newest request whose delivery of this assignment failed, if it is still failed. */
  Future<Optional<AssignmentRequest>> failedFor(dev.steward.domain.AssignmentId assignment);

  /** What to list; each present filter narrows the result. */
  record Query(
      Optional<Set<CatalogId>> catalogs,
      Optional<PrincipalId> target,
      Optional<PrincipalId> requestor,
      Optional<PrincipalId> pendingApprover,
      RequestFilter filter,
      String afterId,
      int limit) {
    /** A query without Graph's list filters. */
    public Query(
        Optional<Set<CatalogId>> catalogs,
        Optional<PrincipalId> target,
        Optional<PrincipalId> requestor,
        Optional<PrincipalId> pendingApprover,
        String afterId,
        int limit) {
      this(catalogs, target, requestor, pendingApprover, RequestFilter.NONE, afterId, limit);
    }
  }

  /** Lists requests, newest id order (by id). */
  Future<List<AssignmentRequest>> list(Query query);

  /** How many requests pass the query's filters, whatever its paging. */
  Future<Long> count(Query query);
}
