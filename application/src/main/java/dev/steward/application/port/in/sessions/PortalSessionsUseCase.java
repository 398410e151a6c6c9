package dev.steward.application.port.in.sessions;

import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * The portal's sign-in sessions, kept where every instance sees them and a restart keeps them. A
 * session ends after its idle time without a request, at its maximum age whatever happens, at
 * sign-out, or when a new sign-in of the same user goes past the limit per user (oldest first).
 */
public interface PortalSessionsUseCase {
  /**
   * A signed-in browser.
   *
   * @param id the session id as the browser holds it (only its hash is stored)
   */
  record Session(String id, PrincipalId userId, String login, Instant createdAt) {}

  /** Opens a session for a user who has just proven who they are; ends {@code replacing}. */
  Future<Session> open(PrincipalId userId, String login, Optional<String> replacing);

  /** The live session with this id; its idle time starts again. */
  Future<Optional<Session>> find(String id);

  /** Ends the session (nothing when there is none). */
  Future<Void> close(String id);

  /** Forgets the sessions that have ended; any instance may run it at any time. */
  Future<Integer> purge();

  /** How long a session lives without a request. */
  java.time.Duration idle();
}
