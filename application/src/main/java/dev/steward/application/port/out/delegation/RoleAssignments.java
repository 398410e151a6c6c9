package dev.steward.application.port.out.delegation;

import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores who holds which role in which scope. */
public interface RoleAssignments {
  /**
   * Adds an assignment; fails with {@code ALREADY_ASSIGNED} when the same principal, role and scope
   * exist already.
   */
  Future<Void> add(RoleAssignment assignment);

  Future<Optional<RoleAssignment>> find(RoleAssignmentId id);

  Future<Void> remove(RoleAssignmentId id);

  /** Lists assignments matching a query, ordered by id. */
  Future<List<RoleAssignment>> query(RoleAssignmentQuery query);

  /** How many assignments match a query, whatever its paging. */
  Future<Long> count(RoleAssignmentQuery query);

  /** Every assignment held by any of the given principals, in any scope. */
  Future<List<RoleAssignment>> heldBy(Collection<PrincipalId> principals);

  /** Every assignment in one scope. */
  Future<List<RoleAssignment>> inScope(dev.steward.domain.Scope scope);

  /** Counts the owner assignments of a catalog. */
  Future<Long> countOwners(CatalogId catalog);
}
