package dev.steward.application.port.in.directory;

import dev.steward.application.port.in.Actor;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.Optional;

/** Turn directory credentials or a token's subject into an actor. */
public interface AuthenticateUseCase {
  /** Checks a login and password against the directory; empty when they are wrong. */
  Future<Optional<Actor>> withPassword(String login, String password);

  /** Confirms the user behind a verified token still exists; empty when it does not. */
  Future<Optional<Actor>> bySubject(PrincipalId userId);
}
