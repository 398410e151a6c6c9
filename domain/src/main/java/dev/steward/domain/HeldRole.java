package dev.steward.domain;

import java.util.Objects;

/**
 * A role a caller holds in a scope, and why.
 *
 * @param via the principal that holds it: the caller itself, or a group the caller belongs to
 * @param assignmentId the role assignment behind it, absent for directory roles
 */
public record HeldRole(
    RoleDefinition role, Scope scope, Source source, PrincipalId via, String assignmentId) {

  /** How the role reached the caller. */
  public enum Source {
    /** A role assignment to the caller itself. */
    DIRECT_ASSIGNMENT,
    /** A role assignment to a group the caller is a member of, directly or through nesting. */
    GROUP_ASSIGNMENT,
    /** Membership of the LDAP group configured for a directory role. */
    DIRECTORY_GROUP
  }

  public HeldRole {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(via, "via");
  }

  /** The held roles that follow from one assignment, for a caller and its groups. */
  public static HeldRole from(RoleAssignment assignment, PrincipalId caller) {
    Source source =
        assignment.principalId().equals(caller)
            ? Source.DIRECT_ASSIGNMENT
            : Source.GROUP_ASSIGNMENT;
    return new HeldRole(
        assignment.role(),
        assignment.scope(),
        source,
        assignment.principalId(),
        assignment.id().value());
  }
}
