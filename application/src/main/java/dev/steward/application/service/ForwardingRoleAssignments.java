package dev.steward.application.service;

import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Role assignments that pass every call on; subclasses change the calls they care about. */
abstract class ForwardingRoleAssignments implements RoleAssignments {
  private final RoleAssignments inner;

  ForwardingRoleAssignments(RoleAssignments inner) {
    this.inner = inner;
  }

  @Override
  public Future<Void> add(RoleAssignment assignment) {
    return inner.add(assignment);
  }

  @Override
  public Future<Optional<RoleAssignment>> find(RoleAssignmentId id) {
    return inner.find(id);
  }

  @Override
  public Future<Void> remove(RoleAssignmentId id) {
    return inner.remove(id);
  }

  @Override
  public Future<List<RoleAssignment>> query(RoleAssignmentQuery query) {
    return inner.query(query);
  }

  @Override
  public Future<Long> count(RoleAssignmentQuery query) {
    return inner.count(query);
  }

  @Override
  public Future<List<RoleAssignment>> heldBy(Collection<PrincipalId> principals) {
    return inner.heldBy(principals);
  }

  @Override
  public Future<List<RoleAssignment>> inScope(Scope scope) {
    return inner.inScope(scope);
  }

  @Override
  public Future<Long> countOwners(CatalogId catalog) {
    return inner.countOwners(catalog);
  }
}
