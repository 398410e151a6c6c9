package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Portal sessions end when idle, when too old, and at sign-out; tokens are checked exactly. */
class PortalSessionsTest {
  private static final PrincipalId ADA = new PrincipalId("1c000000-0000-4000-8000-000000000001");
  private final AtomicLong now = new AtomicLong(1_000);
  private final PortalSessions sessions =
      new PortalSessions(Duration.ofMinutes(30), Duration.ofHours(8), now::get);

  private void pass(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aSessionLivesWhileUsedAndEndsAfterItsIdleTime() {
    var s = sessions.open(ADA, "ada");
    pass(Duration.ofMinutes(29));
    assertTrue(sessions.find(s.id()).isPresent(), "used within the idle time");
    pass(Duration.ofMinutes(29));
    assertTrue(sessions.find(s.id()).isPresent(), "the last request restarted the idle clock");
    pass(Duration.ofMinutes(30));
    assertTrue(sessions.find(s.id()).isEmpty(), "idle for 30 minutes");
    assertEquals(0, sessions.size(), "an expired session is dropped when seen");
  }

  @Test
  void aBusySessionStillEndsAtItsMaximumAge() {
    var s = sessions.open(ADA, "ada");
    for (int i = 0; i < 16; i++) {
      pass(Duration.ofMinutes(29));
      sessions.find(s.id());
    }
    assertTrue(sessions.find(s.id()).isPresent(), "7 h 44 min old");
    pass(Duration.ofMinutes(20));
    assertTrue(sessions.find(s.id()).isEmpty(), "8 h 4 min old");
  }

  @Test
  void signOutEndsASessionAndPurgeDropsTheExpired() {
    var kept = sessions.open(ADA, "ada");
    var closed = sessions.open(ADA, "ada");
    sessions.close(closed.id());
    assertTrue(sessions.find(closed.id()).isEmpty());
    sessions.open(ADA, "ada");
    pass(Duration.ofMinutes(20));
    sessions.find(kept.id());
    pass(Duration.ofMinutes(15));
    sessions.purge();
    assertEquals(1, sessions.size(), "only the session used 15 minutes ago is left");
    assertTrue(sessions.find(null).isEmpty());
    assertTrue(sessions.find("no-such-session").isEmpty());
  }

  @Test
  void eachSessionHasItsOwnRandomIdAndCsrfToken() {
    var a = sessions.open(ADA, "ada");
    var b = sessions.open(ADA, "ada");
    assertNotEquals(a.id(), b.id());
    assertNotEquals(a.csrfToken(), b.csrfToken());
    assertNotEquals(a.id(), a.csrfToken());
    assertEquals(43, a.id().length(), "256 bits, base64url without padding");
    assertTrue(a.csrfMatches(a.csrfToken()));
    assertFalse(a.csrfMatches(b.csrfToken()));
    assertFalse(a.csrfMatches(null));
    assertFalse(a.csrfMatches(""));
    assertFalse(a.csrfMatches(a.csrfToken().substring(1)));
  }

  @Test
  void pastTheLimitTheLeastRecentlyUsedSessionGoes() {
    var first = sessions.open(ADA, "ada");
    pass(Duration.ofSeconds(1));
    for (int i = 1; i < PortalSessions.MAX_SESSIONS; i++) {
      sessions.open(ADA, "ada");
    }
    pass(Duration.ofSeconds(1));
    var newest = sessions.open(ADA, "ada");
    assertEquals(PortalSessions.MAX_SESSIONS, sessions.size());
    assertTrue(sessions.find(first.id()).isEmpty(), "the oldest made room");
    assertTrue(sessions.find(newest.id()).isPresent());
  }

  @Test
  void aUserHoldsAtMostTheConfiguredSessionsAndANewSignInEndsTheOldest() {
    AtomicLong clock = new AtomicLong();
    PortalSessions capped =
        new PortalSessions(Duration.ofMinutes(30), Duration.ofHours(8), clock::get, 3);
    PrincipalId user = new PrincipalId(Guid.random());
    List<PortalSessions.Session> opened = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.addAndGet(1_000);
      opened.add(capped.open(user, "eve"));
    }
    assertTrue(capped.find(opened.get(0).id()).isEmpty());
    assertTrue(capped.find(opened.get(1).id()).isEmpty());
    assertTrue(capped.find(opened.get(4).id()).isPresent());
    assertEquals(3, capped.size());
    capped.open(new PrincipalId(Guid.random()), "ed");
    assertEquals(4, capped.size(), "another user's sessions are not counted against eve");
  }
}
