package dev.steward.domain;

import java.util.Objects;

/**
 * A directory user or group as Steward sees it.
 *
 * @param login the user's login (uid, sAMAccountName) or the group's common name
 * @param mail may be empty
 * @param userPrincipalName the user's principal name where the directory has one (AD), else empty
 * @param description the group's description, may be empty
 */
public record Principal(
    PrincipalId id,
    PrincipalType type,
    String displayName,
    String login,
    String mail,
    String userPrincipalName,
    String description) {
  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    displayName = displayName == null ? "" : displayName;
    login = login == null ? "" : login;
    mail = mail == null ? "" : mail;
    userPrincipalName = userPrincipalName == null ? "" : userPrincipalName;
    description = description == null ? "" : description;
  }

  /** A principal without a separate principal name or description. */
  public Principal(
      PrincipalId id, PrincipalType type, String displayName, String login, String mail) {
    this(id, type, displayName, login, mail, "", "");
  }

  public boolean isUser() {
    return type == PrincipalType.USER;
  }
}
