package dev.steward.domain;

/** Identifies an access package assignment. */
public record AssignmentId(String value) {
  public AssignmentId {
    value = Guid.require(value, "assignmentId");
  }

  @Override
  public String toString() {
    return value;
  }
}
