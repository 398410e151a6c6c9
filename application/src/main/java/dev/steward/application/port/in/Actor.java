package dev.steward.application.port.in;

import dev.steward.domain.PrincipalId;
import java.util.Objects;

/** The authenticated user a request acts as. */
public record Actor(PrincipalId userId, String login) {
  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(login, "login");
  }
}
