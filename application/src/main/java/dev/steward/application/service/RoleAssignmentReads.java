package dev.steward.application.service;

import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.Transactions;
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

/**
 * Role assignments read outside a unit of work: each read takes a connection of its own, and only
 * when it is made. A use case whose reads the {@link HeldRoleCache} answers from memory takes no
 * connection at all. Reads are not made in a transaction anyway, so two reads through this see what
 * two reads on one connection would. A write through this is a transaction of its own, on the same
 * transactions (so the held-role cache hears of it); use cases that change roles and check rules
 * around the change use a unit of work instead.
 */
public final class RoleAssignmentReads implements RoleAssignments {
  private final Transactions transactions;

  public RoleAssignmentReads(Transactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public Future<Void> add(RoleAssignment assignment) {
    return transactions.inTransaction(uow -> uow.roleAssignments().add(assignment));
  }

  @Override
  public Future<Void> remove(RoleAssignmentId id) {
    return transactions.inTransaction(uow -> uow.roleAssignments().remove(id));
  }

  @Override
  public Future<Optional<RoleAssignment>> find(RoleAssignmentId id) {
    return transactions.read(uow -> uow.roleAssignments().find(id));
  }

  @Override
  public Future<List<RoleAssignment>> query(RoleAssignmentQuery query) {
    return transactions.read(uow -> uow.roleAssignments().query(query));
  }

  @Override
  public Future<Long> count(RoleAssignmentQuery query) {
    return transactions.read(uow -> uow.roleAssignments().count(query));
  }

  @Override
  public Future<List<RoleAssignment>> heldBy(Collection<PrincipalId> principals) {
    return transactions.read(uow -> uow.roleAssignments().heldBy(principals));
  }

  @Override
  public Future<List<RoleAssignment>> inScope(Scope scope) {
    return transactions.read(uow -> uow.roleAssignments().inScope(scope));
  }

  @Override
  public Future<Long> countOwners(CatalogId catalog) {
    return transactions.read(uow -> uow.roleAssignments().countOwners(catalog));
  }
}
