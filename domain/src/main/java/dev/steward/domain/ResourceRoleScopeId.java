package dev.steward.domain;

/** Identifies a resource role granted by an access package. */
public record ResourceRoleScopeId(String value) {
  public ResourceRoleScopeId {
    value = Guid.require(value, "resourceRoleScopeId");
  }

  @Override
  public String toString() {
    return value;
  }
}
