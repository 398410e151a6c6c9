package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/** A role on a catalog resource that an access package grants to everyone assigned it. */
public record ResourceRoleScope(
    ResourceRoleScopeId id,
    AccessPackageId accessPackageId,
    ResourceId resourceId,
    PrincipalId groupId,
    ResourceRole role,
    Instant createdDateTime) {
  public ResourceRoleScope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accessPackageId, "accessPackageId");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdDateTime, "createdDateTime");
  }
}
