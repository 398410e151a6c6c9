package dev.steward.domain;

/** Identifies an assignment request (and its approval). */
public record RequestId(String value) {
  public RequestId {
    value = Guid.require(value, "requestId");
  }

  @Override
  public String toString() {
    return value;
  }
}
