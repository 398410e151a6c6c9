package dev.steward.application.port.in.assignments;

import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import java.util.Optional;
import java.util.Set;

/**
 * Which assignments to list: Graph's {@code accessPackage/id}, {@code target/objectId}, {@code
 * state}, {@code assignmentPolicy/id} and {@code catalog/id}, each applied by the store.
 *
 * @param states any of these states (Graph's {@code delivering} covers removals in progress)
 */
public record AssignmentFilter(
    Optional<AccessPackageId> accessPackage,
    Optional<PrincipalId> target,
    Optional<Set<Assignment.State>> states,
    Optional<PolicyId> policy,
    Optional<CatalogId> catalog) {
  public AssignmentFilter {
    states = states.map(Set::copyOf);
  }

  /** Only the assignments of {@code pkg}, when given. */
  public static AssignmentFilter ofPackage(Optional<AccessPackageId> pkg) {
    return new AssignmentFilter(
        pkg, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
