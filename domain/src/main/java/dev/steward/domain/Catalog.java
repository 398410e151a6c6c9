package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/** A container of resources and access packages, with its own role holders. */
public record Catalog(
    CatalogId id,
    String displayName,
    String description,
    State state,
    boolean isExternallyVisible,
    Instant createdDateTime,
    Instant modifiedDateTime) {

  public static final int MAX_DISPLAY_NAME = 256;
  public static final int MAX_DESCRIPTION = 1024;

  /** Whether the catalog's packages can be requested. */
  public enum State {
    PUBLISHED("published"),
    UNPUBLISHED("unpublished");

    private final String apiName;

    State(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static State parse(String value) {
      for (State s : values()) {
        if (s.apiName.equals(value)) {
          return s;
        }
      }
      throw DomainException.invalid("state", "'state' must be 'published' or 'unpublished'");
    }
  }

  /** Steward has only user-managed catalogs. */
  public static final String CATALOG_TYPE = "userManaged";

  public Catalog {
    Objects.requireNonNull(id, "id");
    displayName = Text.require(displayName, "displayName", MAX_DISPLAY_NAME, true);
    description =
        Text.require(description == null ? "" : description, "description", MAX_DESCRIPTION, false);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    Objects.requireNonNull(modifiedDateTime, "modifiedDateTime");
  }

  public Scope scope() {
    return Scope.of(id);
  }

  /** A copy with the given changes applied; null leaves a field as it is. */
  public Catalog with(
      String newDisplayName,
      String newDescription,
      State newState,
      Boolean newExternallyVisible,
      Instant now) {
    return new Catalog(
        id,
        newDisplayName != null ? newDisplayName : displayName,
        newDescription != null ? newDescription : description,
        newState != null ? newState : state,
        newExternallyVisible != null ? newExternallyVisible : isExternallyVisible,
        createdDateTime,
        now);
  }
}
