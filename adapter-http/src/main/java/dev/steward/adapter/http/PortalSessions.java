package dev.steward.adapter.http;

import dev.steward.domain.PrincipalId;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The portal's sign-in sessions, held in this process: a random id (the cookie) names who signed
 * in, when, and the CSRF token their changes must carry. A session ends after {@code idle} without
 * a request, after {@code maxAge} whatever happens, at sign-out, or when the process restarts.
 *
 * <p>The id and token are 256 random bits each; a new session gets new ones, so an id planted
 * before sign-in never becomes a signed-in session.
 */
final class PortalSessions {
  /** Sessions kept at most; past it, the least recently used go first. */
  static final int MAX_SESSIONS = 50_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** One signed-in browser. */
  record Session(String id, String csrfToken, PrincipalId userId, String login, long createdNanos) {
    /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
    boolean csrfMatches(String presented) {
      return presented != null
          && MessageDigest.isEqual(
              csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  private static final class Entry {
    final Session session;
    volatile long lastSeenNanos;

    Entry(Session session, long now) {
      this.session = session;
      this.lastSeenNanos = now;
    }
  }

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

  /** Each user's session ids, oldest first; ids of ended sessions are dropped lazily. */
  private final Map<PrincipalId, java.util.Deque<String>> byUser = new ConcurrentHashMap<>();

  private final long idleNanos;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final int maxPerUser;

  PortalSessions(Duration idle, Duration maxAge, int maxPerUser) {
    this(idle, maxAge, System::nanoTime, maxPerUser);
  }

  PortalSessions(Duration idle, Duration maxAge, LongSupplier nanoTime) {
    this(idle, maxAge, nanoTime, Integer.MAX_VALUE);
  }

  PortalSessions(Duration idle, Duration maxAge, LongSupplier nanoTime, int maxPerUser) {
    this.maxPerUser = maxPerUser;
    this.idleNanos = idle.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  Session open(PrincipalId userId, String login) {
    long now = nanoTime.getAsLong();
    if (sessions.size() >= MAX_SESSIONS) {
      purge();
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream()
            .min(Comparator.comparingLong(e -> e.lastSeenNanos))
            .ifPresent(e -> sessions.remove(e.session.id()));
      }
    }
    // One user holds a bounded number of sessions: a new sign-in ends the oldest beyond it.
    java.util.Deque<String> theirs =
        byUser.computeIfAbsent(userId, k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
    if (theirs.size() >= maxPerUser) {
      theirs.removeIf(id -> !sessions.containsKey(id));
      while (theirs.size() >= maxPerUser) {
        sessions.remove(theirs.pollFirst());
      }
    }
    Session s = new Session(randomToken(), randomToken(), userId, login, now);
    theirs.addLast(s.id());
    sessions.put(s.id(), new Entry(s, now));
    return s;
  }

  /** The live session with this id, its idle clock restarted; expired ones are dropped. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Entry e = sessions.get(id);
    if (e == null) {
      return Optional.empty();
    }
    long now = nanoTime.getAsLong();
    if (expired(e, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    e.lastSeenNanos = now;
    return Optional.of(e.session);
  }

  void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Drops every expired session; run now and then so abandoned ones do not pile up. */
  void purge() {
    long now = nanoTime.getAsLong();
    sessions.values().removeIf(e -> expired(e, now));
    byUser.values().forEach(ids -> ids.removeIf(id -> !sessions.containsKey(id)));
    byUser.values().removeIf(java.util.Deque::isEmpty);
  }

  int size() {
    return sessions.size();
  }

  long idleSeconds() {
    return Duration.ofNanos(idleNanos).toSeconds();
  }

  private boolean expired(Entry e, long now) {
    return now - e.lastSeenNanos >= idleNanos || now - e.session.createdNanos() >= maxAgeNanos;
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
