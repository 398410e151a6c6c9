package dev.steward.domain;

/** Identifies an assignment policy. */
public record PolicyId(String value) {
  public PolicyId {
    value = Guid.require(value, "policyId");
  }

  @Override
  public String toString() {
    return value;
  }
}
