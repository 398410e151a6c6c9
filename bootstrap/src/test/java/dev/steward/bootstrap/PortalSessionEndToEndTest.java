package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's session over plain HTTP: what the cookie looks like, that every change made with it
 * needs the CSRF token and a same-site origin, that it ends at sign-out and when idle, and that
 * refused changes change nothing.
 */
class PortalSessionEndToEndTest {
  private static final String CATALOGS = Api.CATALOGS;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RunningSteward s;
  private static RunningSteward quick;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
    quick =
        RunningSteward.start(
            Map.of(
                "STEWARD_PORTAL_SESSION_IDLE_SECONDS", "1",
                "STEWARD_PORTAL_SESSION_MAX_SECONDS", "60"));
  }

  @AfterAll
  static void stop() {
    s.close();
    quick.close();
  }

  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String code() {
      return json().getJsonObject("error").getString("code");
    }
  }

  /** A signed-in browser: its cookie and its CSRF token. */
  record Session(String cookie, String csrf) {}

  private static Reply send(
      RunningSteward on, String method, String path, Map<String, String> headers, String body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(on.api.base() + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Session signIn(RunningSteward on, String login) {
    Reply r =
        send(
            on,
            "POST",
            "/portal/session",
            Map.of("Content-Type", "application/json"),
            new JsonObject().put("username", login).put("password", login + "-demo-pw").encode());
    assertEquals(200, r.status(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Session(
        setCookie.substring(0, setCookie.indexOf(';')), r.json().getString("csrfToken"));
  }

  private long catalogs() {
    return s.count("SELECT count(*) FROM catalog");
  }

  private static String newCatalog(String name) {
    return new JsonObject().put("displayName", name).encode();
  }

  private static Reply signInWith(String contentType, String body) {
    return send(s, "POST", "/portal/session", Map.of("Content-Type", contentType), body);
  }

  /** Creates a catalog with the session's cookie and the given CSRF token (or none). */
  private static Reply createCatalog(Session session, String csrf, String name) {
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("Cookie", session.cookie());
    headers.put("Content-Type", "application/json");
    if (csrf != null) {
      headers.put("X-CSRF-Token", csrf);
    }
    return send(s, "POST", CATALOGS, headers, newCatalog(name));
  }

  @Test
  void signingInSetsAStrictHttpOnlyCookieThatAuthenticates() {
    Reply r =
        send(
            s,
            "POST",
            "/portal/session",
            Map.of("Content-Type", "application/json"),
            "{\"username\":\"olivia\",\"password\":\"olivia-demo-pw\"}");
    assertEquals(200, r.status(), r.body());
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("steward_session="), cookie);
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/"), cookie);
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("olivia", r.json().getJsonObject("user").getString("login"));

    Session session =
        new Session(cookie.substring(0, cookie.indexOf(';')), r.json().getString("csrfToken"));
    Reply me = send(s, "GET", "/v1.0/me", Map.of("Cookie", session.cookie()), null);
    assertEquals(200, me.status(), me.body());
    assertEquals("olivia", me.json().getString("userPrincipalName"));
    Reply current = send(s, "GET", "/portal/session", Map.of("Cookie", session.cookie()), null);
    assertEquals(session.csrf(), current.json().getString("csrfToken"));
  }

  @Test
  void aWrongPasswordOrAFormPostDoesNotSignIn() {
    Reply wrong =
        signInWith("application/json", "{\"username\":\"olivia\",\"password\":\"guess\"}");
    assertEquals(401, wrong.status());
    assertEquals("InvalidCredentials", wrong.code());
    assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

    // A page on another site can post a form, but not JSON: a form is refused.
    Reply form =
        signInWith("application/x-www-form-urlencoded", "username=olivia&password=olivia-demo-pw");
    assertEquals(415, form.status());
    assertTrue(form.headers().firstValue("Set-Cookie").isEmpty());

    Reply empty = signInWith("application/json", "[]");
    assertEquals(400, empty.status());
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    Session olivia = signIn(s, "olivia");
    long before = catalogs();
    Reply missing = createCatalog(olivia, null, "No token");
    assertEquals(403, missing.status());
    assertEquals("CsrfTokenInvalid", missing.code());
    Reply wrong = createCatalog(olivia, signIn(s, "olivia").csrf(), "Another session's token");
    assertEquals(403, wrong.status());
    assertEquals("CsrfTokenInvalid", wrong.code());
    assertEquals(before, catalogs());

    Reply right = createCatalog(olivia, olivia.csrf(), "With the token");
    assertEquals(201, right.status(), right.body());
    assertEquals(before + 1, catalogs());
  }

  @Test
  void aChangeFromAnotherSiteIsRefusedWhateverItCarries() {
    Session olivia = signIn(s, "olivia");
    long before = catalogs();
    for (Map<String, String> site :
        List.of(Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Origin", "http://evil.example"))) {
      Map<String, String> headers = new java.util.HashMap<>(site);
      headers.put("Cookie", olivia.cookie());
      headers.put("Content-Type", "application/json");
      headers.put("X-CSRF-Token", olivia.csrf());
      Reply r = send(s, "POST", CATALOGS, headers, newCatalog("Cross-site"));
      assertEquals(403, r.status(), site.toString());
      assertEquals("CrossSiteRequestRefused", r.code());

      // Basic credentials a browser remembered are no way round it either.
      Map<String, String> basic = new java.util.HashMap<>(site);
      basic.put("Authorization", Api.basic("olivia"));
      basic.put("Content-Type", "application/json");
      assertEquals(403, send(s, "POST", CATALOGS, basic, newCatalog("Cross-site")).status());
    }
    assertEquals(before, catalogs());
    // Reading from the same site with the same headers is fine.
    assertEquals(
        200,
        send(
                s,
                "GET",
                CATALOGS,
                Map.of("Cookie", olivia.cookie(), "Sec-Fetch-Site", "same-origin"),
                null)
            .status());
  }

  @Test
  void signingOutEndsTheSession() {
    Session olivia = signIn(s, "olivia");
    Reply noToken = send(s, "DELETE", "/portal/session", Map.of("Cookie", olivia.cookie()), null);
    assertEquals(403, noToken.status(), "signing someone out needs the token too");
    Reply out =
        send(
            s,
            "DELETE",
            "/portal/session",
            Map.of("Cookie", olivia.cookie(), "X-CSRF-Token", olivia.csrf()),
            null);
    assertEquals(204, out.status());
    assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
    Reply after = send(s, "GET", "/v1.0/me", Map.of("Cookie", olivia.cookie()), null);
    assertEquals(401, after.status());
    assertTrue(after.headers().firstValue("WWW-Authenticate").isPresent());
    // The portal's own calls get no Basic challenge, which would pop up the browser's box.
    Reply portal =
        send(
            s, "GET", "/v1.0/me", Map.of("Cookie", olivia.cookie(), "X-Steward-Portal", "1"), null);
    assertEquals(401, portal.status());
    assertFalse(portal.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @Test
  void aSessionWorksOnEveryInstanceAndOutlivesTheOneThatOpenedIt() {
    RunningSteward first = s.another(Map.of());
    RunningSteward second = s.another(Map.of());
    try {
      Session ada = signIn(first, "ada");
      assertEquals(
          200, send(second, "GET", "/v1.0/me", Map.of("Cookie", ada.cookie()), null).status());
      // The CSRF token handed out by one instance is the one every other instance expects.
      Reply created =
          send(
              second,
              "POST",
              CATALOGS,
              Map.of(
                  "Cookie",
                  ada.cookie(),
                  "Content-Type",
                  "application/json",
                  "X-CSRF-Token",
                  ada.csrf()),
              newCatalog("Made on the second instance"));
      assertEquals(201, created.status(), created.body());
      first.close();
      RunningSteward third = s.another(Map.of());
      try {
        assertEquals(
            200,
            send(third, "GET", "/portal/session", Map.of("Cookie", ada.cookie()), null).status(),
            "the session outlives the instance that opened it");
        assertEquals(
            204,
            send(
                    third,
                    "DELETE",
                    "/portal/session",
                    Map.of("Cookie", ada.cookie(), "X-CSRF-Token", ada.csrf()),
                    null)
                .status());
        assertEquals(
            401,
            send(second, "GET", "/v1.0/me", Map.of("Cookie", ada.cookie()), null).status(),
            "signed out on one instance is signed out on all");
      } finally {
        third.close();
      }
    } finally {
      first.close();
      second.close();
    }
    // Only the hash of a session id is in the database.
    assertEquals(
        0,
        s.count(
            "SELECT count(*) FROM portal_session WHERE encode(id_hash, 'escape') LIKE '%' || ?"
                + " || '%'",
            "ada"));
  }

  @Test
  void anIdleSessionExpires() throws InterruptedException {
    Session ada = signIn(quick, "ada");
    assertEquals(
        200, send(quick, "GET", "/v1.0/me", Map.of("Cookie", ada.cookie()), null).status());
    Thread.sleep(1_500);
    assertEquals(
        401, send(quick, "GET", "/v1.0/me", Map.of("Cookie", ada.cookie()), null).status());
    assertEquals(
        401, send(quick, "GET", "/portal/session", Map.of("Cookie", ada.cookie()), null).status());
  }

  @Test
  void thePortalIsServedWithAStrictContentSecurityPolicy() {
    Reply root = send(s, "GET", "/", Map.of(), null);
    assertEquals(302, root.status());
    assertEquals("/portal/", root.headers().firstValue("Location").orElse(""));
    Reply index = send(s, "GET", "/portal/", Map.of(), null);
    assertEquals(200, index.status());
    assertTrue(index.body().contains("<script src=\"portal.js\"></script>"));
    String csp = index.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals(200, send(s, "GET", "/portal/portal.js", Map.of(), null).status());
    assertEquals(404, send(s, "GET", "/portal/../pom.xml", Map.of(), null).status());
  }
}
