package dev.steward.domain;

/** What kind of directory object a principal is. */
public enum PrincipalType {
  USER("#microsoft.graph.user"),
  GROUP("#microsoft.graph.group");

  private final String odataType;

  PrincipalType(String odataType) {
    this.odataType = odataType;
  }

  public String odataType() {
    return odataType;
  }
}
