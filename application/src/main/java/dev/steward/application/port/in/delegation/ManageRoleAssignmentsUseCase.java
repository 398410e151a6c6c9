package dev.steward.application.port.in.delegation;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.util.Optional;

/** Delegate and revoke roles: who holds which role in which catalog. */
public interface ManageRoleAssignmentsUseCase {
  /** Give a principal a role in a scope. */
  record AssignRole(PrincipalId principalId, RoleDefinition role, Scope scope) {}

  /** An assignment with its principal, when the caller asked for it and the directory has it. */
  record RoleAssignmentView(RoleAssignment assignment, Optional<Principal> principal) {}

  Future<RoleAssignment> assign(RequestContext ctx, AssignRole command);

  Future<Void> remove(RequestContext ctx, RoleAssignmentId id);

  Future<RoleAssignmentView> get(RequestContext ctx, RoleAssignmentId id, boolean withPrincipal);

  /** The assignments matching the query in the scopes the caller may view. */
  Future<Page<RoleAssignmentView>> list(
      RequestContext ctx, RoleAssignmentQuery query, boolean withPrincipal);

  /** How many assignments match the query in the scopes the caller may view, across pages. */
  Future<Long> count(RequestContext ctx, RoleAssignmentQuery query);
}
