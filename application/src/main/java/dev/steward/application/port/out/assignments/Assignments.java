package dev.steward.application.port.out.assignments;

import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores access package assignments. */
public interface Assignments {
  Future<Void> insert(Assignment assignment);

  Future<Void> update(Assignment assignment);

  Future<Optional<Assignment>> find(AssignmentId id);

  /** Finds an assignment and locks it until the transaction ends. */
  Future<Optional<Assignment>> findForUpdate(AssignmentId id);

  /** The target's assignments that are delivering, delivered or failed to deliver. */
  Future<List<Assignment>> activeOf(PrincipalId target);

  /**
   * Holds, until the transaction ends, the right to change what this user holds: separation of
   * duties is checked and the new assignment written under it, so two packages that exclude each
   * other cannot both be granted by two transactions that each saw the other's absence.
   */
  Future<Void> lockHolder(PrincipalId target);

  /** What to list; each present filter narrows the result. */
  record Query(
      Optional<Set<CatalogId>> catalogs,
      Optional<AccessPackageId> accessPackage,
      Optional<PrincipalId> target,
      Optional<Set<Assignment.State>> states,
      Optional<PolicyId> policy,
      String afterId,
      int limit) {
    /** A query on catalogs, package and target only. */
    public Query(
        Optional<Set<CatalogId>> catalogs,
        Optional<AccessPackageId> accessPackage,
        Optional<PrincipalId> target,
        String afterId,
        int limit) {
      this(catalogs, accessPackage, target, Optional.empty(), Optional.empty(), afterId, limit);
    }
  }

  Future<List<Assignment>> list(Query query);

  /** How many assignments pass the query's filters, whatever its paging. */
  Future<Long> count(Query query);
}
