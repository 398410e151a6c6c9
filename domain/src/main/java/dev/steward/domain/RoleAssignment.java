package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/** A principal holding a role in a scope. */
public record RoleAssignment(
    RoleAssignmentId id,
    PrincipalId principalId,
    PrincipalType principalType,
    RoleDefinition role,
    Scope scope,
    Instant createdDateTime) {
  public RoleAssignment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    role.requireAssignableAt(scope);
  }

  /** The principal, role and scope that may exist only once. */
  public boolean sameGrantAs(RoleAssignment other) {
    return principalId.equals(other.principalId) && role == other.role && scope.equals(other.scope);
  }
}
