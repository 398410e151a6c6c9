package dev.steward.domain;

/** Identifies an access package. */
public record AccessPackageId(String value) {
  public AccessPackageId {
    value = Guid.require(value, "accessPackageId");
  }

  @Override
  public String toString() {
    return value;
  }
}
