package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/** A bundle of resource roles in a catalog that users request or are assigned together. */
public record AccessPackage(
    AccessPackageId id,
    CatalogId catalogId,
    String displayName,
    String description,
    boolean isHidden,
    Instant createdDateTime,
    Instant modifiedDateTime) {
  public AccessPackage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(catalogId, "catalogId");
    displayName = Text.require(displayName, "displayName", Catalog.MAX_DISPLAY_NAME, true);
    description =
        Text.require(
            description == null ? "" : description, "description", Catalog.MAX_DESCRIPTION, false);
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    Objects.requireNonNull(modifiedDateTime, "modifiedDateTime");
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  /** A copy with the given changes; null leaves a field as it is. */
  public AccessPackage with(String newName, String newDescription, Boolean hidden, Instant now) {
    return new AccessPackage(
        id,
        catalogId,
        newName != null ? newName : displayName,
        newDescription != null ? newDescription : description,
        hidden != null ? hidden : isHidden,
        createdDateTime,
        now);
  }
}
