package dev.steward.domain;

import java.util.Objects;

/**
 * A directory user or group as Steward sees it.
 *
 * @param login the user's login (uid) or the group's common name
 * @param mail may be empty
 */
public record Principal(
    PrincipalId id, PrincipalType type, String displayName, String login, String mail) {
  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    displayName = displayName == null ? "" : displayName;
    login = login == null ? "" : login;
    mail = mail == null ? "" : mail;
  }

  public boolean isUser() {
    return type == PrincipalType.USER;
  }
}
