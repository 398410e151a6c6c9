package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.http.AccessLog;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One access-log line per request, in text or JSON, and never a password, a token or an
 * Authorization header; and no path trick reaches the API without signing in.
 */
class AccessLogTest {
  private static final String SECRET_QUERY = "olivia-demo-pw";

  private static List<String> exercise(AccessLog.Format format) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (RunningSteward s =
        RunningSteward.start(Map.of(), Steward.SYSTEM_CLOCK, new AccessLog(format, lines::add))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> token =
          http.send(
              HttpRequest.newBuilder(URI.create(s.api.base() + "/oauth2/v2.0/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type=password&username=olivia&password=olivia-demo-pw"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String accessToken = new JsonObject(token.body()).getString("access_token");
      assertEquals(200, s.api.send("GET", "/v1.0/me", "Bearer " + accessToken, null).status());
      assertEquals(200, s.api.get("olivia", "/v1.0/me").status());
      assertEquals(
          401, s.api.send("GET", "/v1.0/me", "Basic b2xpdmlhOndyb25nLXNlY3JldA==", null).status());
      assertEquals(200, s.api.get("olivia", "/v1.0/users?$search=" + SECRET_QUERY).status());
      for (String trick :
          List.of("/x/../v1.0/me", "//v1.0/me", "/v1.0/./me", "/health/../v1.0/me", "/%761.0/me")) {
        assertEquals(401, s.api.send("GET", trick, null, null).status(), trick);
      }
      // The body end handler runs just after the response is sent.
      long deadline = System.currentTimeMillis() + 2000;
      while (lines.size() < 10 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      for (String line : lines) {
        assertFalse(line.contains(accessToken), line);
        assertFalse(line.contains("olivia-demo-pw"), line);
        assertFalse(line.contains("wrong-secret"), line);
        assertFalse(line.toLowerCase().contains("authorization"), line);
        assertFalse(line.contains("b2xpdmlh"), line);
      }
      return lines;
    }
  }

  @Test
  void textLinesCarryRequestIdActorRouteStatusAndDurationButNoSecrets() throws Exception {
    List<String> lines = exercise(AccessLog.Format.TEXT);
    assertEquals(10, lines.size(), String.join("\n", lines));
    String me =
        lines.stream()
            .filter(l -> l.contains("actor=olivia") && l.contains("path=/v1.0/me"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        me.matches(
            "access request_id=[0-9a-f-]{36} client=127\\.0\\.0\\.1 actor=olivia method=GET route=/v1.0/me path=/v1.0/me status=200 duration_ms=[0-9.]+"),
        me);
  }

  @Test
  void jsonLinesAreOneObjectEach() throws Exception {
    List<String> lines = exercise(AccessLog.Format.JSON);
    assertEquals(10, lines.size());
    for (String line : lines) {
      JsonObject json = new JsonObject(line);
      assertEquals("access", json.getString("type"));
      assertTrue(json.getInteger("status") >= 200);
      assertTrue(json.getString("requestId").length() == 36);
      assertEquals("127.0.0.1", json.getString("clientAddress"));
      assertEquals("INFO", json.getString("level"));
      assertEquals("steward.access", json.getString("logger"));
      java.time.Instant at = java.time.Instant.parse(json.getString("timestamp"));
      assertTrue(java.time.Duration.between(at, java.time.Instant.now()).toMinutes() < 5);
    }
  }
}
