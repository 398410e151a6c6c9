package dev.steward.application.port.out.directory;

import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleDefinition;
import java.util.Map;
import java.util.Set;

/**
 * The groups a user is in, directly or through nested groups, and the directory roles that
 * membership gives, each with the configured group it comes from.
 */
public record Membership(Set<PrincipalId> groups, Map<RoleDefinition, PrincipalId> directoryRoles) {
  public Membership {
    groups = Set.copyOf(groups);
    directoryRoles = Map.copyOf(directoryRoles);
  }

  public static Membership none() {
    return new Membership(Set.of(), Map.of());
  }
}
