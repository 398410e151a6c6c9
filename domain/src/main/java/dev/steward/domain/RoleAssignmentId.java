package dev.steward.domain;

/** Identifies one role assignment. */
public record RoleAssignmentId(String value) {
  public RoleAssignmentId {
    value = Guid.require(value, "roleAssignmentId");
  }

  @Override
  public String toString() {
    return value;
  }
}
