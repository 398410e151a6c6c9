package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/** A directory group added to a catalog, so that the catalog's access packages can grant it. */
public record CatalogResource(
    ResourceId id,
    CatalogId catalogId,
    PrincipalId originId,
    String displayName,
    String description,
    Instant createdDateTime) {
  /** Graph's name for the system a group resource comes from. */
  public static final String ORIGIN_SYSTEM = "AadGroup";

  public CatalogResource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(originId, "originId");
    displayName = displayName == null ? "" : displayName;
    description = description == null ? "" : description;
    Objects.requireNonNull(createdDateTime, "createdDateTime");
  }
}
