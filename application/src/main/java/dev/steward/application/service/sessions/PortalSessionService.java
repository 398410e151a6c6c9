package dev.steward.application.service.sessions;

import dev.steward.application.port.in.sessions.PortalSessionsUseCase;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.sessions.SessionStore.StoredSession;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Portal sessions in the shared store. The browser holds a 256-bit random id; the store holds its
 * SHA-256 only, so reading the table signs nobody in. A request restarts the idle time, written at
 * most once per {@link #touchEvery} so that browsing is not a write per call.
 */
public final class PortalSessionService implements PortalSessionsUseCase {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Transactions transactions;
  private final Clock clock;
  private final Duration idle;
  private final Duration maxAge;
  private final int maxPerUser;
  private final Duration touchEvery;

  public PortalSessionService(
      Transactions transactions, Clock clock, Duration idle, Duration maxAge, int maxPerUser) {
    if (idle.isNegative() || idle.isZero() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("session idle time and maximum age must be positive");
    }
    if (maxPerUser < 1) {
      throw new IllegalArgumentException("a user must be allowed at least one session");
    }
    this.transactions = transactions;
    this.clock = clock;
    this.idle = idle;
    this.maxAge = maxAge;
    this.maxPerUser = maxPerUser;
    Duration tenth = idle.dividedBy(10);
    this.touchEvery = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
  }

  @Override
  public Duration idle() {
    return idle;
  }

  @Override
  public Future<Session> open(PrincipalId userId, String login, Optional<String> replacing) {
    String id = randomId();
    Instant now = clock.now();
    return transactions.inTransaction(
        uow ->
            uow.sessions()
                .lockUser(userId)
                .compose(
                    locked ->
                        replacing.isPresent()
                            ? uow.sessions().delete(hash(replacing.get()))
                            : Future.succeededFuture())
                .compose(ok -> uow.sessions().keepNewest(userId, maxPerUser - 1))
                .compose(
                    ok ->
                        uow.sessions().insert(new StoredSession(hash(id), userId, login, now, now)))
                .map(ok -> new Session(id, userId, login, now)));
  }

  @Override
  public Future<Optional<Session>> find(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] key = hash(id);
    Instant now = clock.now();
    return transactions.read(
        uow ->
            uow.sessions()
                .find(key)
                .compose(
                    found -> {
                      if (found.isEmpty() || ended(found.get(), now)) {
                        return Future.succeededFuture(Optional.<Session>empty());
                      }
                      StoredSession s = found.get();
                      Session live = new Session(id, s.userId(), s.login(), s.createdAt());
                      if (s.lastSeenAt().plus(touchEvery).isAfter(now)) {
                        return Future.succeededFuture(Optional.of(live));
                      }
                      return transactions
                          .inTransaction(w -> w.sessions().touch(key, now))
                          .map(ok -> Optional.of(live));
                    }));
  }

  private boolean ended(StoredSession s, Instant now) {
    return !s.lastSeenAt().plus(idle).isAfter(now) || !s.createdAt().plus(maxAge).isAfter(now);
  }

  @Override
  public Future<Void> close(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Future.succeededFuture();
    }
    return transactions.inTransaction(uow -> uow.sessions().delete(hash(id)));
  }

  @Override
  public Future<Integer> purge() {
    Instant now = clock.now();
    return transactions.inTransaction(
        uow -> uow.sessions().deleteEnded(now.minus(idle), now.minus(maxAge)));
  }

  private static String randomId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a session id. */
  static byte[] hash(String id) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("steward-session:" + id).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
