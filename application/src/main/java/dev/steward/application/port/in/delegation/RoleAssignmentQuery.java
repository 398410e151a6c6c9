package dev.steward.application.port.in.delegation;

import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import java.util.Optional;
import java.util.Set;

/**
 * Which role assignments to list: each present set restricts the results to its values, and the
 * sets combine with "and".
 *
 * @param afterId the last id of the previous page, or null
 */
public record RoleAssignmentQuery(
    Optional<Set<PrincipalId>> principals,
    Optional<Set<RoleDefinition>> roles,
    Optional<Set<Scope>> scopes,
    String afterId,
    int limit) {
  public static final int MAX_LIMIT = 999;
  public static final int DEFAULT_LIMIT = 100;

  public RoleAssignmentQuery {
    principals = principals.map(Set::copyOf);
    roles = roles.map(Set::copyOf);
    scopes = scopes.map(Set::copyOf);
    // One more than the largest page: the service asks for it to learn whether a page follows.
    if (limit < 1 || limit > MAX_LIMIT + 1) {
      throw DomainException.invalid("$top", "'$top' must be between 1 and " + MAX_LIMIT);
    }
  }

  public static RoleAssignmentQuery all() {
    return new RoleAssignmentQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), null, DEFAULT_LIMIT);
  }

  /** The same query restricted further to the given scopes. */
  public RoleAssignmentQuery withinScopes(Set<Scope> allowed) {
    Set<Scope> narrowed = allowed;
    if (scopes.isPresent()) {
      narrowed = new java.util.HashSet<>();
      for (Scope s : scopes.get()) {
        if (allowed.contains(s)) {
          narrowed.add(s);
        }
      }
    }
    return new RoleAssignmentQuery(principals, roles, Optional.of(narrowed), afterId, limit);
  }

  public RoleAssignmentQuery withLimit(int newLimit) {
    return new RoleAssignmentQuery(principals, roles, scopes, afterId, newLimit);
  }
}
