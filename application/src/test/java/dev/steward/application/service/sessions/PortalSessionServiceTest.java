package dev.steward.application.service.sessions;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.InMemoryStore;
import dev.steward.application.fakes.MovableClock;
import dev.steward.application.port.in.sessions.PortalSessionsUseCase.Session;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Portal sessions end when idle, when too old, at sign-out and past the limit per user. */
class PortalSessionServiceTest {
  private static final PrincipalId ADA = new PrincipalId("1c000000-0000-4000-8000-000000000001");
  private final InMemoryStore store = new InMemoryStore();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final PortalSessionService sessions =
      new PortalSessionService(store, clock, Duration.ofMinutes(30), Duration.ofHours(8), 10);

  private Session open(PortalSessionService on, PrincipalId user) {
    return await(on.open(user, "ada", Optional.empty()));
  }

  private boolean live(PortalSessionService on, Session s) {
    return await(on.find(s.id())).isPresent();
  }

  @Test
  void aSessionLivesWhileUsedAndEndsAfterItsIdleTime() {
    Session s = open(sessions, ADA);
    clock.advance(Duration.ofMinutes(29));
    assertTrue(live(sessions, s), "used within the idle time");
    clock.advance(Duration.ofMinutes(29));
    assertTrue(live(sessions, s), "the last request restarted the idle time");
    clock.advance(Duration.ofMinutes(30));
    assertFalse(live(sessions, s), "idle for 30 minutes");
  }

  @Test
  void aBusySessionStillEndsAtItsMaximumAge() {
    Session s = open(sessions, ADA);
    for (int i = 0; i < 16; i++) {
      clock.advance(Duration.ofMinutes(29));
      assertTrue(live(sessions, s));
    }
    clock.advance(Duration.ofMinutes(15));
    assertTrue(live(sessions, s), "7 h 59 min old");
    clock.advance(Duration.ofMinutes(2));
    assertFalse(live(sessions, s), "8 h 1 min old");
  }

  @Test
  void onlyTheHashOfTheIdIsKeptAndEachIdIsItsOwn() {
    Session a = open(sessions, ADA);
    Session b = open(sessions, ADA);
    assertNotEquals(a.id(), b.id());
    assertEquals(43, a.id().length(), "256 bits, base64url without padding");
    var kept =
        await(store.read(uow -> uow.sessions().find(PortalSessionService.hash(a.id()))))
            .orElseThrow();
    assertEquals(32, kept.idHash().length);
    assertArrayEquals(PortalSessionService.hash(a.id()), kept.idHash());
    assertFalse(
        new String(kept.idHash(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(a.id()));
    assertTrue(await(sessions.find(null)).isEmpty());
    assertTrue(await(sessions.find("no-such-session")).isEmpty());
    assertTrue(await(sessions.find("x".repeat(10_000))).isEmpty());
  }

  @Test
  void signOutAndANewSignInEndTheSessionTheyReplace() {
    Session kept = open(sessions, ADA);
    Session closed = open(sessions, ADA);
    await(sessions.close(closed.id()));
    assertFalse(live(sessions, closed));
    Session replaced = open(sessions, ADA);
    Session next = await(sessions.open(ADA, "ada", Optional.of(replaced.id())));
    assertFalse(live(sessions, replaced), "signing in again ends the session the browser had");
    assertTrue(live(sessions, next));
    assertTrue(live(sessions, kept));
  }

  @Test
  void purgeForgetsOnlyTheSessionsThatEnded() {
    Session old = open(sessions, ADA);
    clock.advance(Duration.ofMinutes(20));
    Session recent = open(sessions, ADA);
    clock.advance(Duration.ofMinutes(15));
    assertEquals(1, await(sessions.purge()), "the one idle for 35 minutes");
    assertFalse(live(sessions, old));
    assertTrue(live(sessions, recent));
  }

  @Test
  void aUserHoldsAtMostTheConfiguredSessionsAndANewSignInEndsTheOldest() {
    PortalSessionService capped =
        new PortalSessionService(store, clock, Duration.ofMinutes(30), Duration.ofHours(8), 3);
    PrincipalId eve = new PrincipalId(Guid.random());
    List<Session> opened = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      opened.add(open(capped, eve));
    }
    assertFalse(live(capped, opened.get(0)));
    assertFalse(live(capped, opened.get(1)));
    for (int i = 2; i < 5; i++) {
      assertTrue(live(capped, opened.get(i)), "session " + i);
    }
    Session ed = open(capped, new PrincipalId(Guid.random()));
    assertTrue(live(capped, ed), "another user's sessions are not counted against eve");
    assertTrue(live(capped, opened.get(2)));
  }
}
