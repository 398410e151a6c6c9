package dev.steward.domain;

/** Identifies a directory user or group (its LDAP entryUUID). */
public record PrincipalId(String value) {
  public PrincipalId {
    value = Guid.require(value, "principalId");
  }

  @Override
  public String toString() {
    return value;
  }
}
