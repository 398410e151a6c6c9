package dev.steward.domain;

/** Identifies a resource in a catalog. */
public record ResourceId(String value) {
  public ResourceId {
    value = Guid.require(value, "resourceId");
  }

  @Override
  public String toString() {
    return value;
  }
}
