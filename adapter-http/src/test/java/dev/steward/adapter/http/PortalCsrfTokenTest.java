package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.PrincipalId;
import org.junit.jupiter.api.Test;

/** A session's CSRF token: the same on every instance, its own per session, checked exactly. */
class PortalCsrfTokenTest {
  private static final PrincipalId ADA = new PrincipalId("1c000000-0000-4000-8000-000000000001");

  @Test
  void eachSessionHasItsOwnTokenWhichIsNotItsId() {
    var a = new PortalSessions.Session("an-id-of-43-characters-aaaaaaaaaaaaaaaaaaaa", ADA, "ada");
    var again = new PortalSessions.Session(a.id(), ADA, "ada");
    var b = new PortalSessions.Session("an-id-of-43-characters-bbbbbbbbbbbbbbbbbbbb", ADA, "ada");
    assertEquals(a.csrfToken(), again.csrfToken(), "every instance derives the same token");
    assertNotEquals(a.csrfToken(), b.csrfToken());
    assertNotEquals(a.id(), a.csrfToken());
    assertTrue(a.csrfMatches(a.csrfToken()));
    assertFalse(a.csrfMatches(b.csrfToken()));
    assertFalse(a.csrfMatches(null));
    assertFalse(a.csrfMatches(""));
    assertFalse(a.csrfMatches(a.csrfToken().substring(1)));
  }
}
