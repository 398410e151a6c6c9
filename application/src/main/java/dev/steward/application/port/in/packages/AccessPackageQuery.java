package dev.steward.application.port.in.packages;

import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import java.util.Optional;
import java.util.Set;

/**
 * Which access packages to list.
 *
 * @param catalogs only packages in these catalogs; empty for every catalog
 * @param displayNameEquals exact name, case-insensitive
 * @param displayNameContains part of the name, case-insensitive
 * @param afterId the last id of the previous page, or null
 */
public record AccessPackageQuery(
    Optional<Set<CatalogId>> catalogs,
    Optional<String> displayNameEquals,
    Optional<String> displayNameContains,
    String afterId,
    int limit) {
  public AccessPackageQuery {
    catalogs = catalogs.map(Set::copyOf);
    if (limit < 1 || limit > RoleAssignmentQuery.MAX_LIMIT + 1) {
      throw DomainException.invalid(
          "$top", "'$top' must be between 1 and " + RoleAssignmentQuery.MAX_LIMIT);
    }
  }

  public AccessPackageQuery withCatalogs(Optional<Set<CatalogId>> only) {
    return new AccessPackageQuery(only, displayNameEquals, displayNameContains, afterId, limit);
  }

  public AccessPackageQuery withLimit(int newLimit) {
    return new AccessPackageQuery(
        catalogs, displayNameEquals, displayNameContains, afterId, newLimit);
  }
}
