package dev.steward.domain;

/** Identifies a catalog. */
public record CatalogId(String value) {
  public CatalogId {
    value = Guid.require(value, "catalogId");
  }

  @Override
  public String toString() {
    return value;
  }
}
