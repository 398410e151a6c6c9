package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a password guesser, a token forger with the key, and a slow client get: 429s without the
 * directory being asked, 401s for tokens Steward would never issue, and closed sockets.
 */
class SignInAndConnectionLimitsTest {
  private static final String SECRET = "a-test-signing-key-of-at-least-32-bytes!!";
  private static final List<String> ACCESS =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private static RunningSteward s;

  @BeforeAll
  static void start() {
    s =
        RunningSteward.start(
            Map.of(
                "STEWARD_JWT_SECRET", SECRET,
                "STEWARD_SIGNIN_MAX_FAILURES_PER_ACCOUNT", "10",
                "STEWARD_HTTP_HEADER_TIMEOUT_SECONDS", "1",
                "STEWARD_HTTP_MAX_CONNECTIONS_PER_CLIENT", "20"),
            Steward.SYSTEM_CLOCK,
            new dev.steward.adapter.http.AccessLog(
                dev.steward.adapter.http.AccessLog.Format.TEXT, ACCESS::add));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static int meWithPassword(String login, String password) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    return s.api.send("GET", "/v1.0/me", basic, null).status();
  }

  @Test
  void thirtyWrongPasswordsForOneAccountGetTooManyRequestsAndTheLoginIsLogged() {
    int refused = 0;
    int throttled = 0;
    for (int i = 0; i < 30; i++) {
      int status = meWithPassword("carl", "guess-" + i);
      if (status == 401) {
        refused++;
      } else if (status == 429) {
        throttled++;
      }
    }
    assertEquals(10, refused, "ten wrong passwords are checked");
    assertEquals(20, throttled, "the rest are refused without asking the directory");
    Api.Response token = s.api.token("carl", "carl-demo-pw");
    assertEquals(429, token.status(), "even the right password waits out the window");
    assertNotNull(token.headers().firstValue("Retry-After").orElse(null));
    assertEquals(
        200, meWithPassword("olivia", "olivia-demo-pw"), "other accounts are not affected");
    assertTrue(
        ACCESS.stream().anyMatch(l -> l.contains("actor=!carl") && l.contains("status=429")),
        "the access log names the login under attack");
  }

  private static String token(JsonObject header, JsonObject claims) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signing =
        b64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return signing
        + "."
        + b64.encodeToString(mac.doFinal(signing.getBytes(StandardCharsets.UTF_8)));
  }

  private static int meWithToken(String token) {
    return s.api.send("GET", "/v1.0/me", "Bearer " + token, null).status();
  }

  @Test
  void tokensSignedWithTheKeyButUnlikeStewardsOwnAreRefused() throws Exception {
    long now = Instant.now().getEpochSecond();
    JsonObject header = new JsonObject().put("alg", "HS256").put("typ", "JWT");
    JsonObject claims =
        new JsonObject()
            .put("sub", RunningSteward.EVE)
            .put("iss", "steward")
            .put("aud", "https://graph.microsoft.com")
            .put("iat", now);
    assertEquals(200, meWithToken(token(header, claims.copy().put("exp", now + 600))));
    assertEquals(401, meWithToken(token(header, claims)), "no exp");
    assertEquals(
        401, meWithToken(token(header, claims.copy().put("exp", now + 365 * 86_400))), "a year");
    assertEquals(
        401, meWithToken(token(header, claims.copy().put("exp", "tomorrow"))), "exp as text");
    assertEquals(
        401,
        meWithToken(
            token(
                header.copy().put("crit", new io.vertx.core.json.JsonArray().add("x")),
                claims.copy().put("exp", now + 600).put("x", 1))),
        "an extension Steward does not know");
  }

  @Test
  void aSocketThatNeverFinishesItsHeadersIsClosed() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", s.steward.port())) {
      slow.setSoTimeout(10_000);
      OutputStream out = slow.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = slow.getInputStream();
      assertEquals(-1, in.read(), "closed, with nothing answered");
      assertTrue(
          System.nanoTime() - start < 8_000_000_000L, "within the header timeout, not later");
    }
  }

  @Test
  void oneClientMayHoldOnlySoManyConnections() throws Exception {
    List<Socket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 25; i++) {
        held.add(new Socket("127.0.0.1", s.steward.port()));
      }
      // Well within the one-second header timeout: only the connections over the limit are gone
      // (this test's own HTTP client may hold a few more, so "over the limit" starts a little
      // earlier).
      Thread.sleep(200);
      int closed = 0;
      for (Socket socket : held) {
        socket.setSoTimeout(20);
        try {
          if (socket.getInputStream().read() == -1) {
            closed++;
          }
        } catch (java.net.SocketTimeoutException stillOpen) {
          // held open, as it may be
        } catch (java.net.SocketException reset) {
          closed++;
        }
      }
      assertTrue(closed >= 5 && closed < 25, closed + " of 25 connections closed at once");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
