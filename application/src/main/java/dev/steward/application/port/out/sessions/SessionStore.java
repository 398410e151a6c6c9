package dev.steward.application.port.out.sessions;

import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Where sign-in sessions are kept, by the hash of their id: the id itself is never stored. */
public interface SessionStore {
  /** A kept session. */
  record StoredSession(
      byte[] idHash, PrincipalId userId, String login, Instant createdAt, Instant lastSeenAt) {}

  /** Makes this transaction the only one changing the user's sessions until it ends. */
  Future<Void> lockUser(PrincipalId userId);

  Future<Void> insert(StoredSession session);

  Future<Optional<StoredSession>> find(byte[] idHash);

  /** Records a request made in the session. */
  Future<Void> touch(byte[] idHash, Instant at);

  Future<Void> delete(byte[] idHash);

  /** Ends all but the newest {@code keep} sessions of the user. */
  Future<Void> keepNewest(PrincipalId userId, int keep);

  /**
   * Deletes sessions idle since before {@code idleBefore} or created before {@code createdBefore}.
   */
  Future<Integer> deleteEnded(Instant idleBefore, Instant createdBefore);
}
