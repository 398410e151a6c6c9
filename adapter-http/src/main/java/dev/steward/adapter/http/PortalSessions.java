package dev.steward.adapter.http;

import dev.steward.application.port.in.sessions.PortalSessionsUseCase;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The portal's sessions as the HTTP side sees them: the cookie's id, who signed in, and the CSRF
 * token their changes must carry. The sessions themselves are kept by {@link
 * PortalSessionsUseCase}, where every instance sees them and a restart keeps them.
 *
 * <p>The CSRF token is derived from the session id (SHA-256 under a label of its own), so every
 * instance computes the same token without storing it, and neither the token nor the stored hash of
 * the id leads back to the id. A new sign-in gets a new id, so an id planted before sign-in never
 * becomes a signed-in session.
 */
final class PortalSessions {
  /** One signed-in browser. */
  record Session(String id, PrincipalId userId, String login) {
    String csrfToken() {
      return derive("steward-csrf:" + id);
    }

    /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
    boolean csrfMatches(String presented) {
      return presented != null
          && MessageDigest.isEqual(
              csrfToken().getBytes(StandardCharsets.US_ASCII),
              presented.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private final PortalSessionsUseCase sessions;

  PortalSessions(PortalSessionsUseCase sessions) {
    this.sessions = sessions;
  }

  /** Opens a session, ending the one the browser came with (if any). */
  Future<Session> open(PrincipalId userId, String login, String replacing) {
    return sessions
        .open(userId, login, Optional.ofNullable(replacing))
        .map(s -> new Session(s.id(), s.userId(), s.login()));
  }

  Future<Optional<Session>> find(String id) {
    return sessions.find(id).map(o -> o.map(s -> new Session(s.id(), s.userId(), s.login())));
  }

  Future<Void> close(String id) {
    return sessions.close(id);
  }

  Future<Integer> purge() {
    return sessions.purge();
  }

  long idleSeconds() {
    return sessions.idle().toSeconds();
  }

  private static String derive(String text) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
