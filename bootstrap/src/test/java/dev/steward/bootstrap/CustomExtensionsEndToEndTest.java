package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.ED;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static dev.steward.bootstrap.RunningSteward.PRIYA;
import static dev.steward.bootstrap.RunningSteward.READER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steward.application.fakes.MovableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom extensions end to end: Steward on embedded Postgres and LDAP calls a real HTTP receiver
 * this test runs, and the receiver answers through the resume action, signing as the Standard
 * Webhooks specification says — the signatures checked and made here with the test's own HMAC.
 */
class CustomExtensionsEndToEndTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  /** One webhook as the receiver saw it. */
  record Hook(String path, String id, String timestamp, String signature, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private static final List<Hook> hooks = new CopyOnWriteArrayList<>();
  private static final AtomicInteger grantedFailuresLeft = new AtomicInteger();
  private static final MovableClock clock =
      new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  private static HttpServer receiver;
  private static String hooksBase;
  private static int ldapPort;
  private static RunningSteward steward;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hooks/", CustomExtensionsEndToEndTest::receive);
    receiver.start();
    hooksBase = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
    // The embedded directory on a port the test knows, so it can read memberships itself.
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      ldapPort = free.getLocalPort();
    }
    steward =
        RunningSteward.start(
            Map.of(
                "STEWARD_EMBEDDED_LDAP_PORT", Integer.toString(ldapPort),
                "STEWARD_WEBHOOK_ALLOWED_URLS", hooksBase,
                "STEWARD_WEBHOOK_ALLOW_PLAIN_HTTP", "true",
                "STEWARD_WEBHOOK_INTERVAL_SECONDS", "0",
                "STEWARD_WEBHOOK_TIMEOUT_SECONDS", "5",
                "STEWARD_SCHEDULER_INTERVAL_SECONDS", "0"),
            clock);
    api = steward.api;
  }

  @AfterAll
  static void stop() {
    steward.close();
    receiver.stop(0);
  }

  private static void receive(HttpExchange ex) throws java.io.IOException {
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = ex.getRequestURI().getPath();
    hooks.add(
        new Hook(
            path,
            ex.getRequestHeaders().getFirst("webhook-id"),
            ex.getRequestHeaders().getFirst("webhook-timestamp"),
            ex.getRequestHeaders().getFirst("webhook-signature"),
            body));
    int status = path.endsWith("/granted") && grantedFailuresLeft.getAndDecrement() > 0 ? 503 : 202;
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  // ---- the test's own Standard Webhooks signing ----

  private static String hmac(String secret, String id, String timestamp, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertSignedBy(String secret, Hook hook) throws Exception {
    assertEquals(hmac(secret, hook.id(), hook.timestamp(), hook.body()), hook.signature());
  }

  /** Posts an answer to the resume action, signed with {@code secret} and without a sign-in. */
  private static Api.Response resumeSigned(String secret, String requestId, JsonObject answer)
      throws Exception {
    String body = answer.encode();
    String id = "msg_" + UUID.randomUUID();
    String timestamp = Long.toString(clock.now().getEpochSecond());
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(api.base() + EM + "/assignmentRequests/" + requestId + "/resume"))
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp)
            .header("webhook-signature", hmac(secret, id, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> res =
        HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    return new Api.Response(res.statusCode(), res.headers(), res.body());
  }

  private static JsonObject answer(Hook call, String state) {
    JsonObject data =
        new JsonObject()
            .put("@odata.type", "microsoft.graph.accessPackageAssignmentRequestCallbackData")
            .put("stage", call.json().getJsonObject("data").getString("stage"))
            .put(
                "customExtensionStageInstanceId",
                call.json().getJsonObject("data").getString("customExtensionStageInstanceId"))
            .put("customExtensionStageInstanceDetail", "checked by the test's receiver");
    if (state != null) {
      data.put("state", state);
    }
    return new JsonObject()
        .put("source", "Receiver")
        .put("type", "microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestCreated")
        .put("data", data);
  }

  // ---- building blocks ----

  private static JsonObject extension(String name, String path, String timeout) {
    JsonObject x =
        new JsonObject()
            .put("@odata.type", "#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension")
            .put("displayName", name)
            .put("description", "the test's receiver")
            .put(
                "endpointConfiguration",
                new JsonObject()
                    .put("@odata.type", "#microsoft.graph.httpRequestEndpoint")
                    .put("targetUrl", hooksBase + path));
    if (timeout != null) {
      x.put(
          "callbackConfiguration",
          new JsonObject()
              .put("@odata.type", "#microsoft.graph.customExtensionCallbackConfiguration")
              .put("timeoutDuration", timeout));
    }
    return x;
  }

  private static Api.Response createExtension(String login, String catalog, JsonObject x) {
    return api.post(login, EM + "/catalogs/" + catalog + "/customWorkflowExtensions", x);
  }

  private static JsonObject stageSetting(String stage, String extensionId) {
    return new JsonObject()
        .put("stage", stage)
        .put("customExtension", new JsonObject().put("id", extensionId));
  }

  /** Policy settings: Paul approves in one stage; the given extensions at their stages. */
  private static JsonObject approvedByPaul(JsonArray stageSettings) {
    return new JsonObject()
        .put(
            "requestApprovalSettings",
            new JsonObject()
                .put("isApprovalRequiredForAdd", true)
                .put(
                    "stages",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("durationBeforeAutomaticDenial", "P7D")
                                .put(
                                    "primaryApprovers",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("@odata.type", "#microsoft.graph.singleUser")
                                                .put("userId", PAUL))))))
        .put("customExtensionStageSettings", stageSettings);
  }

  private static Api.Response adminAdd(Api.GrantingPackage p, String target) {
    return api.post(
        "olivia",
        EM + "/assignmentRequests",
        new JsonObject()
            .put("requestType", "adminAdd")
            .put(
                "assignment",
                new JsonObject()
                    .put("targetId", target)
                    .put("accessPackageId", p.pkg())
                    .put("assignmentPolicyId", p.policy())));
  }

  private static JsonObject request(String id) {
    Api.Response r = api.get("olivia", EM + "/assignmentRequests/" + id);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  private static List<String> awaitingPaul() {
    Api.Response mine =
        api.get("paul", EM + "/assignmentApprovals/filterByCurrentUser(on='approver')");
    assertEquals(200, mine.status(), mine.text());
    return mine.value().stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static List<Hook> hooksAt(String path) {
    return hooks.stream().filter(h -> h.path().endsWith(path)).toList();
  }

  private static String catalogWithReader() {
    String catalog = api.createCatalog("olivia", "Badges " + UUID.randomUUID());
    api.assigned("olivia", PRIYA, READER_ROLE, catalog);
    return catalog;
  }

  /** The logins directly in falcon-project, read from the directory, not through Steward. */
  private static java.util.Set<String> falconMembers() {
    return dev.steward.adapter.ldap.TestLdap.directMemberLogins(
        ldapPort, "falcon-project", "uid=olivia,ou=people,dc=example,dc=org", "olivia-demo-pw");
  }

  private static long assignmentsOf(String target, String pkg) {
    return steward.count(
        "SELECT count(*) FROM access_package_assignment WHERE target_id = ?::uuid"
            + " AND access_package_id = ?::uuid",
        target,
        pkg);
  }

  private static Api.Response approveAsPaul(String requestId) {
    return api.patch(
        "paul",
        EM + "/assignmentApprovals/" + requestId + "/stages/1",
        new JsonObject().put("reviewResult", "Approve").put("justification", "badge ok"));
  }

  // ---- the scenarios ----

  @Test
  void aWaitingExtensionAtApprovalHoldsTheApprovedRequestOutOfTheDirectoryUntilItsAnswer()
      throws Exception {
    String catalog = catalogWithReader();
    Api.Response x =
        createExtension("olivia", catalog, extension("Provision", "provision", "PT1H"));
    assertEquals(201, x.status(), x.text());
    String secret = x.json().getString("signingSecret");
    Api.GrantingPackage p =
        api.packageGrantingMembership(
            "olivia",
            "olivia",
            catalog,
            FALCON,
            approvedByPaul(
                new JsonArray()
                    .add(stageSetting("assignmentRequestApproved", x.json().getString("id")))));

    Api.Response submitted = adminAdd(p, RunningSteward.UMA);
    assertEquals(201, submitted.status(), submitted.text());
    String requestId = submitted.json().getString("id");
    assertEquals("pendingApproval", submitted.json().getString("state"));
    steward.steward.sendWebhooks();
    assertTrue(
        hooksAt("/provision").stream().noneMatch(h -> h.body().contains(requestId)),
        "nothing is called before the approval");

    Api.Response approved = approveAsPaul(requestId);
    assertEquals(204, approved.status(), approved.text());
    JsonObject held = request(requestId);
    assertEquals("submitted", held.getString("state"));
    assertEquals("WaitingForCustomExtension", held.getString("status"));
    assertFalse(falconMembers().contains("uma"), "not delivered before the answer");
    assertEquals(0, assignmentsOf(RunningSteward.UMA, p.pkg()));
    assertFalse(awaitingPaul().contains(requestId), "approved: no longer Paul's to decide");

    steward.steward.sendWebhooks();
    Hook call =
        hooksAt("/provision").stream()
            .filter(h -> h.body().contains(requestId))
            .findFirst()
            .orElseThrow();
    assertSignedBy(secret, call);
    assertEquals(
        "microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestApproved",
        call.json().getString("type"));
    JsonObject data = call.json().getJsonObject("data");
    assertEquals("assignmentRequestApproved", data.getString("stage"));
    assertEquals(
        "/identityGovernance/entitlementManagement/assignmentRequests/" + requestId + "/resume",
        data.getString("callbackUriPath"));
    JsonObject stage = data.getJsonObject("approval").getJsonArray("stages").getJsonObject(0);
    assertEquals("Approve", stage.getString("reviewResult"));
    assertEquals("badge ok", stage.getString("justification"));
    assertEquals(PAUL, stage.getJsonObject("reviewedBy").getString("id"));

    // An answer naming the created stage does not release a call made at approval.
    JsonObject wrongStage = answer(call, null);
    wrongStage.getJsonObject("data").put("stage", "assignmentRequestCreated");
    Api.Response refused = resumeSigned(secret, requestId, wrongStage);
    assertEquals(400, refused.status(), refused.text());
    assertEquals("submitted", request(requestId).getString("state"));

    Api.Response resumed = resumeSigned(secret, requestId, answer(call, null));
    assertEquals(204, resumed.status(), resumed.text());
    assertEquals("delivered", request(requestId).getString("state"));
    assertTrue(falconMembers().contains("uma"), "delivered into the directory");
    assertEquals(1, assignmentsOf(RunningSteward.UMA, p.pkg()));
    Api.Response replay = resumeSigned(secret, requestId, answer(call, null));
    assertEquals(409, replay.status(), replay.text());

    // A second request, answered denied after its approval, ends denied and is never delivered.
    String second = adminAdd(p, RunningSteward.CARL).json().getString("id");
    assertEquals(204, approveAsPaul(second).status());
    steward.steward.sendWebhooks();
    Hook secondCall =
        hooksAt("/provision").stream()
            .filter(h -> h.body().contains(second))
            .findFirst()
            .orElseThrow();
    Api.Response denied = resumeSigned(secret, second, answer(secondCall, "denied"));
    assertEquals(204, denied.status(), denied.text());
    JsonObject r = request(second);
    assertEquals("denied", r.getString("state"));
    assertEquals("DeniedByCustomExtension", r.getString("status"));
    steward.steward.runDueWork();
    assertFalse(falconMembers().contains("carl"));
    assertEquals(0, assignmentsOf(RunningSteward.CARL, p.pkg()));
  }

  @Test
  void aPolicyMayWaitAtApprovalButNotWhenAccessIsGranted() {
    String catalog = catalogWithReader();
    Api.Response x = createExtension("olivia", catalog, extension("Wait", "wait", "PT1H"));
    assertEquals(201, x.status(), x.text());
    Api.GrantingPackage p =
        api.packageGrantingMembership(
            "olivia",
            "olivia",
            catalog,
            FALCON,
            approvedByPaul(
                new JsonArray()
                    .add(stageSetting("assignmentRequestApproved", x.json().getString("id")))));
    JsonObject atGranted =
        approvedByPaul(
                new JsonArray()
                    .add(stageSetting("assignmentRequestGranted", x.json().getString("id"))))
            .put("displayName", "waits when granted")
            .put("accessPackage", new JsonObject().put("id", p.pkg()))
            .put("allowedTargetScope", "notSpecified");
    Api.Response refused = api.post("olivia", EM + "/assignmentPolicies", atGranted);
    assertEquals(400, refused.status(), refused.text());
    assertTrue(refused.text().contains("assignmentRequestApproved"), refused.text());
  }

  @Test
  void aWaitingExtensionHoldsTheRequestUntilACorrectlySignedAnswerThenApprovalAndDeliveryFollow()
      throws Exception {
    String catalog = catalogWithReader();
    Api.Response checked =
        createExtension("olivia", catalog, extension("HR check", "check", "PT1H"));
    assertEquals(201, checked.status(), checked.text());
    String secret = checked.json().getString("signingSecret");
    assertTrue(secret.startsWith("whsec_"), secret);
    String checkId = checked.json().getString("id");
    assertEquals(
        "#microsoft.graph.httpRequestEndpoint",
        checked.json().getJsonObject("endpointConfiguration").getString("@odata.type"));
    Api.Response granted = createExtension("olivia", catalog, extension("Badge", "granted", null));
    assertEquals(201, granted.status(), granted.text());
    String grantedSecret = granted.json().getString("signingSecret");

    // The secret is shown once: neither a read nor a listing, by owner or reader, shows it again.
    Api.Response read =
        api.get("olivia", EM + "/catalogs/" + catalog + "/customWorkflowExtensions/" + checkId);
    assertEquals(200, read.status(), read.text());
    assertFalse(read.json().containsKey("signingSecret"));
    assertEquals(
        "PT1H", read.json().getJsonObject("callbackConfiguration").getString("timeoutDuration"));
    Api.Response listed =
        api.get("priya", EM + "/catalogs/" + catalog + "/customWorkflowExtensions");
    assertEquals(200, listed.status(), listed.text());
    assertEquals(2, listed.value().size());
    assertFalse(listed.text().contains("whsec_"));
    assertEquals(
        0,
        steward.count(
            "SELECT count(*) FROM audit_record WHERE coalesce(after::text, '') LIKE '%whsec_%'"
                + " OR coalesce(before::text, '') LIKE '%whsec_%'"));
    assertEquals(
        2,
        steward.count(
            "SELECT count(*) FROM audit_record WHERE action = 'customExtension.create'"
                + " AND target_id IN (?, ?)",
            checkId,
            granted.json().getString("id")));

    Api.GrantingPackage p =
        api.packageGrantingMembership(
            "olivia",
            "olivia",
            catalog,
            FALCON,
            approvedByPaul(
                new JsonArray()
                    .add(stageSetting("assignmentRequestCreated", checkId))
                    .add(
                        stageSetting("assignmentRequestGranted", granted.json().getString("id")))));
    Api.Response policy = api.get("olivia", EM + "/assignmentPolicies/" + p.policy());
    assertEquals(
        checkId,
        policy
            .json()
            .getJsonArray("customExtensionStageSettings")
            .getJsonObject(0)
            .getJsonObject("customExtension")
            .getString("id"));

    Api.Response inUse =
        api.delete("olivia", EM + "/catalogs/" + catalog + "/customWorkflowExtensions/" + checkId);
    assertEquals(400, inUse.status(), "a policy still calls it: " + inUse.text());
    assertEquals("InvalidDeleteResourceHasEntitlements", inUse.errorCode());

    Api.Response submitted = adminAdd(p, EVE);
    assertEquals(201, submitted.status(), submitted.text());
    String requestId = submitted.json().getString("id");
    assertEquals("submitted", submitted.json().getString("state"));
    assertEquals("WaitingForCustomExtension", submitted.json().getString("status"));
    assertFalse(awaitingPaul().contains(requestId), "held out of the approver's list");

    steward.steward.sendWebhooks();
    List<Hook> calls = hooksAt("/check");
    assertEquals(1, calls.size());
    Hook call = calls.get(0);
    assertSignedBy(secret, call);
    JsonObject data = call.json().getJsonObject("data");
    assertEquals(
        "microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestCreated",
        call.json().getString("type"));
    assertEquals("assignmentRequestCreated", data.getString("stage"));
    assertEquals(requestId, data.getString("accessPackageAssignmentRequestId"));
    assertEquals(
        "/identityGovernance/entitlementManagement/assignmentRequests/" + requestId + "/resume",
        data.getString("callbackUriPath"));
    assertEquals(p.pkg(), data.getJsonObject("accessPackage").getString("id"));
    assertEquals(catalog, data.getJsonObject("accessPackageCatalog").getString("id"));
    assertEquals("Olivia Owner", data.getJsonObject("requestor").getString("displayName"));
    assertEquals(EVE, data.getJsonObject("assignment").getJsonObject("target").getString("id"));

    // A wrong signature, or none with no sign-in, is refused; the request stays held.
    Api.Response forged = resumeSigned(grantedSecret, requestId, answer(call, null));
    assertEquals(403, forged.status(), forged.text());
    Api.Response anonymous =
        api.send(
            "POST",
            EM + "/assignmentRequests/" + requestId + "/resume",
            null,
            answer(call, null).encode());
    assertEquals(401, anonymous.status(), anonymous.text());
    Api.Response byReader =
        api.post("priya", EM + "/assignmentRequests/" + requestId + "/resume", answer(call, null));
    assertEquals(403, byReader.status(), byReader.text());
    assertEquals("submitted", request(requestId).getString("state"));
    assertFalse(awaitingPaul().contains(requestId));

    Api.Response resumed = resumeSigned(secret, requestId, answer(call, null));
    assertEquals(204, resumed.status(), resumed.text());
    assertEquals("pendingApproval", request(requestId).getString("state"));
    assertTrue(awaitingPaul().contains(requestId), "the approver sees it once it is resumed");
    Api.Response replay = resumeSigned(secret, requestId, answer(call, null));
    assertEquals(409, replay.status(), "a call is answered once: " + replay.text());

    Api.Response approved =
        api.patch(
            "paul",
            EM + "/assignmentApprovals/" + requestId + "/stages/1",
            new JsonObject().put("reviewResult", "Approve").put("justification", "badge ok"));
    assertEquals(204, approved.status(), approved.text());
    assertEquals("delivered", request(requestId).getString("state"));

    // The granted-stage hook: the receiver fails twice, and each retry carries the same id.
    grantedFailuresLeft.set(2);
    assertEquals(1, steward.steward.sendWebhooks().retried());
    clock.advance(Duration.ofSeconds(16));
    assertEquals(1, steward.steward.sendWebhooks().retried());
    clock.advance(Duration.ofSeconds(31));
    assertEquals(1, steward.steward.sendWebhooks().sent());
    List<Hook> grants = hooksAt("/granted");
    assertEquals(3, grants.size());
    assertEquals(1, grants.stream().map(Hook::id).distinct().count(), "one webhook-id: " + grants);
    for (Hook g : grants) {
      assertSignedBy(grantedSecret, g);
      assertEquals("assignmentRequestGranted", g.json().getJsonObject("data").getString("stage"));
    }
    assertEquals(0, steward.steward.sendWebhooks().sent(), "nothing is sent twice once accepted");
    assertEquals(
        1,
        steward.count(
            "SELECT count(*) FROM outbox WHERE channel = 'webhook' AND state = 'done'"
                + " AND id = ?::uuid AND attempts = 3",
            grants.get(0).id()));

    // The request's history shows each call and its answer.
    Api.Response history =
        api.get(
            "olivia", EM + "/assignmentRequests/" + requestId + "/customExtensionCalloutInstances");
    assertEquals(200, history.status(), history.text());
    JsonArray callouts = history.value();
    assertEquals(2, callouts.size(), history.text());
    assertEquals("callbackReceived", callouts.getJsonObject(0).getString("status"));
    assertEquals("checked by the test's receiver", callouts.getJsonObject(0).getString("detail"));
    assertEquals("calloutSent", callouts.getJsonObject(1).getString("status"));
    assertEquals("assignmentRequestGranted", callouts.getJsonObject(1).getString("stage"));

    // The audit log names the answer and who gave it: the extension, not a signed-in user.
    Api.Response audits =
        api.get(
            "olivia",
            "/v1.0/auditLogs/directoryAudits?$filter="
                + Api.q(
                    "targetResources/any(t:t/id eq '"
                        + requestId
                        + "') and activityDisplayName eq 'Resume access package assignment request'"));
    assertEquals(200, audits.status(), audits.text());
    assertEquals(1, audits.value().size(), audits.text());
    assertEquals(
        "customExtension:" + checkId,
        audits
            .value()
            .getJsonObject(0)
            .getJsonObject("initiatedBy")
            .getJsonObject("app")
            .getString("displayName"));
  }

  @Test
  void anAnswerWithStateDeniedEndsTheRequestDenied() throws Exception {
    String catalog = catalogWithReader();
    Api.Response x = createExtension("olivia", catalog, extension("Veto", "veto", "PT2H"));
    assertEquals(201, x.status(), x.text());
    Api.GrantingPackage p =
        api.packageGrantingMembership(
            "olivia",
            "olivia",
            catalog,
            FALCON,
            approvedByPaul(
                new JsonArray()
                    .add(stageSetting("assignmentRequestCreated", x.json().getString("id")))));
    String requestId = adminAdd(p, ED).json().getString("id");
    steward.steward.sendWebhooks();
    Hook call =
        hooksAt("/veto").stream()
            .filter(h -> h.body().contains(requestId))
            .findFirst()
            .orElseThrow();
    Api.Response denied =
        resumeSigned(x.json().getString("signingSecret"), requestId, answer(call, "denied"));
    assertEquals(204, denied.status(), denied.text());
    JsonObject r = request(requestId);
    assertEquals("denied", r.getString("state"));
    assertEquals("DeniedByCustomExtension", r.getString("status"));
    assertFalse(awaitingPaul().contains(requestId));

    // Graph spells the other end Canceled: the held request is canceled.
    String another = adminAdd(p, RunningSteward.GIL).json().getString("id");
    steward.steward.sendWebhooks();
    Hook second =
        hooksAt("/veto").stream().filter(h -> h.body().contains(another)).findFirst().orElseThrow();
    Api.Response canceled =
        resumeSigned(x.json().getString("signingSecret"), another, answer(second, "Canceled"));
    assertEquals(204, canceled.status(), canceled.text());
    assertEquals("canceled", request(another).getString("state"));
    Api.Response unknown =
        resumeSigned(x.json().getString("signingSecret"), another, answer(second, "approved"));
    assertEquals(400, unknown.status(), "a state Steward does not act on is refused");
  }

  @Test
  void noAnswerBeforeTheTimeoutEndsTheRequestFailedSayingSo() throws Exception {
    String catalog = catalogWithReader();
    Api.Response x = createExtension("olivia", catalog, extension("Slow", "slow", "PT10M"));
    Api.GrantingPackage p =
        api.packageGrantingMembership(
            "olivia",
            "olivia",
            catalog,
            FALCON,
            approvedByPaul(
                new JsonArray()
                    .add(stageSetting("assignmentRequestCreated", x.json().getString("id")))));
    String requestId = adminAdd(p, RunningSteward.FIONA).json().getString("id");
    steward.steward.sendWebhooks();
    Hook call =
        hooksAt("/slow").stream()
            .filter(h -> h.body().contains(requestId))
            .findFirst()
            .orElseThrow();
    assertEquals(0, steward.steward.timeOutCustomExtensions(), "not yet due");
    clock.advance(Duration.ofMinutes(11));
    assertEquals(1, steward.steward.timeOutCustomExtensions());
    JsonObject r = request(requestId);
    assertEquals("deliveryFailed", r.getString("state"));
    assertEquals("CustomExtensionCallbackTimedOut", r.getString("status"));
    Api.Response late =
        resumeSigned(x.json().getString("signingSecret"), requestId, answer(call, null));
    assertEquals(409, late.status(), late.text());
    assertEquals(
        "callbackTimedOut",
        api.get(
                "olivia",
                EM + "/assignmentRequests/" + requestId + "/customExtensionCalloutInstances")
            .value()
            .getJsonObject(0)
            .getString("status"));
  }

  @Test
  void anExtensionOutsideTheAllowListIsRefusedAndOnlyThoseWhoManageTheCatalogChangeExtensions() {
    String catalog = catalogWithReader();
    for (String target :
        List.of(
            "https://evil.example.com/hooks/x",
            hooksBase.replace("127.0.0.1", "127.0.0.1.evil.test") + "x",
            hooksBase.replace("/hooks/", "/other/x"),
            hooksBase + "../admin")) {
      JsonObject x = extension("Outside", "x", null);
      x.getJsonObject("endpointConfiguration").put("targetUrl", target);
      Api.Response refused = createExtension("olivia", catalog, x);
      assertEquals(400, refused.status(), target + ": " + refused.text());
    }
    assertEquals(
        0,
        api.get("olivia", EM + "/catalogs/" + catalog + "/customWorkflowExtensions")
            .value()
            .size());

    // Readers read; they do not create, change or delete. Strangers to the catalog do nothing.
    Api.Response byReader = createExtension("priya", catalog, extension("Mine", "mine", null));
    assertEquals(403, byReader.status(), byReader.text());
    Api.Response created = createExtension("olivia", catalog, extension("Mine", "mine", null));
    String id = created.json().getString("id");
    String path = EM + "/catalogs/" + catalog + "/customWorkflowExtensions/" + id;
    assertEquals(200, api.get("priya", path).status());
    assertEquals(403, api.get("eve", path).status());
    assertEquals(
        403, api.patch("priya", path, new JsonObject().put("displayName", "Hers")).status());
    assertEquals(403, api.delete("priya", path).status());

    // Unknown fields and Logic App endpoints are refused, not ignored.
    JsonObject auth =
        extension("Auth", "a", null).put("authenticationConfiguration", new JsonObject());
    assertEquals(400, createExtension("olivia", catalog, auth).status());
    JsonObject logicApp = extension("Logic", "l", null);
    logicApp
        .getJsonObject("endpointConfiguration")
        .put("@odata.type", "#microsoft.graph.logicAppTriggerEndpointConfiguration");
    assertEquals(400, createExtension("olivia", catalog, logicApp).status());

    Api.Response renamed = api.patch("olivia", path, new JsonObject().put("displayName", "Badges"));
    assertEquals(200, renamed.status(), renamed.text());
    assertEquals("Badges", renamed.json().getString("displayName"));
    Api.Response put =
        api.send(
            "PUT",
            path,
            Api.basic("olivia"),
            new JsonObject()
                .put(
                    "@odata.type",
                    "#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension")
                .put("description", "as Graph v1.0 updates")
                .encode());
    assertEquals(200, put.status(), put.text());
    assertEquals("Badges", put.json().getString("displayName"), "what is not given stays");
    assertEquals("as Graph v1.0 updates", put.json().getString("description"));
    assertNull(renamed.json().getValue("signingSecret"));
    assertEquals(204, api.delete("olivia", path).status());
    assertEquals(404, api.get("olivia", path).status());
    assertEquals(
        3,
        steward.count(
            "SELECT count(*) FROM audit_record WHERE target_id = ? AND action IN"
                + " ('customExtension.update', 'customExtension.delete')",
            id),
        "two updates and the deletion");
  }

  @Test
  void theGraphSdkCreatesReadsAndListsAWaitingExtension() throws Exception {
    String catalog = catalogWithReader();
    var graph = api.graph("olivia");
    var draft = new com.microsoft.graph.models.AccessPackageAssignmentRequestWorkflowExtension();
    draft.setDisplayName("Through the SDK");
    draft.setDescription("made by the Graph Java SDK");
    var endpoint = new com.microsoft.graph.models.HttpRequestEndpoint();
    endpoint.setTargetUrl(hooksBase + "sdk");
    draft.setEndpointConfiguration(endpoint);
    var callback = new com.microsoft.graph.models.CustomExtensionCallbackConfiguration();
    callback.setTimeoutDuration(com.microsoft.kiota.PeriodAndDuration.parse("PT2H"));
    draft.setCallbackConfiguration(callback);
    var created =
        graph
            .identityGovernance()
            .entitlementManagement()
            .catalogs()
            .byAccessPackageCatalogId(catalog)
            .customWorkflowExtensions()
            .post(draft);
    var made =
        org.junit.jupiter.api.Assertions.assertInstanceOf(
            com.microsoft.graph.models.AccessPackageAssignmentRequestWorkflowExtension.class,
            created);
    assertEquals("Through the SDK", made.getDisplayName());
    assertEquals(
        hooksBase + "sdk",
        ((com.microsoft.graph.models.HttpRequestEndpoint) made.getEndpointConfiguration())
            .getTargetUrl());
    assertEquals(
        java.time.Duration.ofHours(2),
        made.getCallbackConfiguration().getTimeoutDuration().getDuration());
    var listed =
        graph
            .identityGovernance()
            .entitlementManagement()
            .catalogs()
            .byAccessPackageCatalogId(catalog)
            .customWorkflowExtensions()
            .get();
    assertEquals(1, listed.getValue().size());
    assertEquals(made.getId(), listed.getValue().get(0).getId());
  }
}
