package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Input Steward could only guess at is refused with 400, never fixed up and accepted. */
class StrictInputOverHttpTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static RunningSteward s;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static Api.Response postBytes(String path, byte[] body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(s.api.base() + path))
                    .header("Authorization", Api.basic("ada"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new Api.Response(r.statusCode(), r.headers(), r.body());
  }

  private static long catalogsNamed(String name) {
    return s.count("SELECT count(*) FROM catalog WHERE display_name = ?", name);
  }

  @Test
  void aPropertyGivenTwiceIsRefusedNotLastOneWins() throws Exception {
    Api.Response r =
        postBytes(
            EM + "/catalogs",
            "{\"displayName\":\"Twice A\",\"displayName\":\"Twice B\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.status(), r.text());
    assertEquals("InvalidModel", r.errorCode());
    assertEquals(0, catalogsNamed("Twice A") + catalogsNamed("Twice B"));
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedNotReplaced() throws Exception {
    byte[] body = "{\"displayName\":\"Bad XX\"}".getBytes(StandardCharsets.US_ASCII);
    body[19] = (byte) 0xff;
    body[20] = (byte) 0xfe;
    Api.Response r = postBytes(EM + "/catalogs", body);
    assertEquals(400, r.status(), r.text());
    assertEquals(0, s.count("SELECT count(*) FROM catalog WHERE display_name LIKE 'Bad %'"));
  }

  @Test
  void aRequestForSomeoneElseMustBeAnAdminAddAndASchedulesIsOnlyForExtensions() {
    String catalog = s.api.createCatalog("ada", "Strict requests");
    Api.GrantingPackage p =
        s.api.packageGrantingMembership(
            "ada", "ada", catalog, "1d000000-0000-4000-8000-000000000006", new JsonObject());
    JsonObject assignment =
        new JsonObject()
            .put("accessPackageId", p.pkg())
            .put("assignmentPolicyId", p.policy())
            .put("targetId", RunningSteward.EVE);
    Api.Response forEve =
        s.api.post(
            "ed",
            EM + "/assignmentRequests",
            new JsonObject().put("requestType", "userAdd").put("assignment", assignment));
    assertEquals(400, forEve.status(), forEve.text());
    assertEquals("InvalidModel", forEve.errorCode());

    Api.Response scheduled =
        s.api.post(
            "ada",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put("assignment", assignment)
                .put(
                    "schedule",
                    new JsonObject()
                        .put(
                            "expiration",
                            new JsonObject().put("endDateTime", "+999999-01-01T00:00:00Z"))));
    assertEquals(400, scheduled.status(), scheduled.text());
    assertEquals(
        0,
        s.count(
            "SELECT count(*) FROM access_package_assignment WHERE target_id = ?::uuid",
            RunningSteward.EVE));
  }

  @Test
  void aStageIdThatIsNotAStageNumberIsAMalformedId() {
    String request = "00000000-0000-4000-8000-0000000000aa";
    for (String stage : List.of("0", "-1", "100000000000000000000", "x")) {
      Api.Response r =
          s.api.patch(
              "paul",
              EM + "/assignmentApprovals/" + request + "/stages/" + stage,
              new JsonObject().put("reviewResult", "Approve"));
      assertEquals(400, r.status(), stage + ": " + r.text());
    }
  }
}
