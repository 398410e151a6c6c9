package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.ED;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.OLIVIA;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.MovableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests, approval, delivery into a real LDAP server and expiry, end to end over HTTP; every
 * membership is checked with a separate LDAP connection, not through Steward. Subclasses run it on
 * a directory server of their own.
 */
abstract class DeliveryEndToEndContract {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  protected final MovableClock clock =
      new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));

  /** A real SMTP server: Steward sends every mail of these scenarios through it. */
  protected final TestSmtp smtp = TestSmtp.start();

  @AfterEach
  void stopSmtp() {
    smtp.close();
  }

  protected abstract RunningSteward steward();

  protected abstract Set<String> falconMembers();

  private Api api() {
    return steward().api;
  }

  private record Setup(String catalog, String pkg, String approvalPolicy, String directPolicy) {}

  /** Olivia owns a catalog holding falcon-project; Paul builds the package and two policies. */
  private Setup setUp() {
    Api api = api();
    String catalog = api.createCatalog("ada", "Falcon " + UUID.randomUUID());
    api.assigned("ada", OLIVIA, OWNER_ROLE, catalog);
    Api.Response res =
        api.post(
            "olivia",
            EM + "/resourceRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put("resource", new JsonObject().put("originId", FALCON))
                .put("catalog", new JsonObject().put("id", catalog)));
    assertEquals(201, res.status(), res.text());
    String resource = res.json().getJsonObject("resource").getString("id");
    api.assigned("olivia", PAUL, APM_ROLE, catalog);
    String pkg =
        api.post(
                "paul",
                EM + "/accessPackages",
                new JsonObject()
                    .put("displayName", "Falcon developer")
                    .put("catalog", new JsonObject().put("id", catalog)))
            .json()
            .getString("id");
    Api.Response scope =
        api.post(
            "paul",
            EM + "/accessPackages/" + pkg + "/resourceRoleScopes",
            new JsonObject()
                .put(
                    "role",
                    new JsonObject()
                        .put("originId", "Member_" + FALCON)
                        .put("resource", new JsonObject().put("id", resource)))
                .put("scope", new JsonObject().put("originId", FALCON)));
    assertEquals(201, scope.status(), scope.text());
    Api.Response policy =
        api.post(
            "paul", EM + "/assignmentPolicies", AccessPackageManagersEndToEndTest.seedPolicy(pkg));
    assertEquals(201, policy.status(), policy.text());
    JsonObject direct =
        new JsonObject()
            .put("displayName", "Direct assignment")
            .put("accessPackage", new JsonObject().put("id", pkg))
            .put("allowedTargetScope", "notSpecified")
            .put(
                "expiration",
                new JsonObject().put("type", "afterDuration").put("duration", "P30D"));
    Api.Response directPolicy = api.post("paul", EM + "/assignmentPolicies", direct);
    assertEquals(201, directPolicy.status(), directPolicy.text());
    return new Setup(
        catalog, pkg, policy.json().getString("id"), directPolicy.json().getString("id"));
  }

  private Api.Response requestAs(String login, Setup s) {
    return api()
        .post(
            login,
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "userAdd")
                .put("justification", "Working on Falcon")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("accessPackageId", s.pkg())
                        .put("assignmentPolicyId", s.approvalPolicy())));
  }

  private Api.Response decide(String login, String requestId, String result) {
    return api()
        .patch(
            login,
            EM + "/assignmentApprovals/" + requestId + "/stages/1",
            new JsonObject().put("reviewResult", result).put("justification", "ok"));
  }

  private JsonObject request(String id) {
    return api().get("ada", EM + "/assignmentRequests/" + id).json();
  }

  @Test
  void anEmployeeRequestsTheManagerApprovesTheGroupHoldsThemUntilExpiryAndAdminRemoveWorksToo()
      throws Exception {
    Setup s = setUp();
    Api api = api();
    assertFalse(falconMembers().contains("eve"));

    Api.Response submitted = requestAs("eve", s);
    assertEquals(201, submitted.status(), submitted.text());
    assertEquals("pendingApproval", submitted.json().getString("state"));
    String requestId = submitted.json().getString("id");
    assertFalse(falconMembers().contains("eve"), "nothing is delivered before approval");

    JsonArray awaiting =
        api.get("paul", EM + "/assignmentApprovals/filterByCurrentUser(on='approver')").value();
    assertEquals(requestId, awaiting.getJsonObject(0).getString("id"));
    assertTrue(
        awaiting
            .getJsonObject(0)
            .getJsonArray("stages")
            .getJsonObject(0)
            .getBoolean("assignedToMe"));
    assertEquals(403, decide("eve", requestId, "Approve").status());
    assertEquals(403, decide("ed", requestId, "Approve").status());

    assertEquals(204, decide("paul", requestId, "Approve").status());
    JsonObject delivered = request(requestId);
    assertEquals("delivered", delivered.getString("state"), delivered.encode());
    assertTrue(falconMembers().contains("eve"), "eve is in cn=falcon-project");
    String assignmentId = delivered.getJsonObject("assignment").getString("id");
    JsonObject assignment = api.get("eve", EM + "/assignments/" + assignmentId).json();
    assertEquals("delivered", assignment.getString("state"));
    assertEquals(
        1, api.get("eve", EM + "/assignments/filterByCurrentUser(on='target')").value().size());

    // Thirty days pass: the scheduler takes eve out of the group and the assignment expires.
    clock.advance(Duration.ofDays(29));
    assertEquals(0, steward().steward.runDueWork().expired());
    assertTrue(falconMembers().contains("eve"));
    clock.advance(Duration.ofDays(2));
    assertEquals(1, steward().steward.runDueWork().expired());
    assertFalse(falconMembers().contains("eve"), "expired access is gone from the directory");
    assertEquals(
        "expired", api.get("eve", EM + "/assignments/" + assignmentId).json().getString("state"));

    // A direct assignment, then adminRemove.
    Api.Response direct =
        api.post(
            "paul",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", EVE)
                        .put("accessPackageId", s.pkg())
                        .put("assignmentPolicyId", s.directPolicy())));
    assertEquals(201, direct.status(), direct.text());
    assertEquals("delivered", direct.json().getString("state"));
    assertTrue(falconMembers().contains("eve"));
    String directAssignment = direct.json().getJsonObject("assignment").getString("id");
    Api.Response removed =
        api.post(
            "paul",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminRemove")
                .put("assignment", new JsonObject().put("id", directAssignment)));
    assertEquals(201, removed.status(), removed.text());
    assertEquals("delivered", removed.json().getString("state"));
    assertFalse(falconMembers().contains("eve"));
    assertEquals(
        "expired",
        api.get("paul", EM + "/assignments/" + directAssignment).json().getString("state"));
    assertTrue(
        steward().count("SELECT count(*) FROM audit_record WHERE action = 'assignment.removed'")
            >= 1);
  }

  @Test
  void deniedCanceledAndTimedOutRequestsNeverTouchTheDirectory() throws Exception {
    Setup s = setUp();
    Api api = api();
    Set<String> before = falconMembers();

    String denied = requestAs("ed", s).json().getString("id");
    assertEquals(204, decide("paul", denied, "Deny").status());
    assertEquals("denied", request(denied).getString("state"));
    assertEquals(409, decide("paul", denied, "Approve").status());

    String canceled = requestAs("ed", s).json().getString("id");
    assertEquals(
        200,
        api.post("ed", EM + "/assignmentRequests/" + canceled + "/cancel", new JsonObject())
            .status());
    assertEquals("canceled", request(canceled).getString("state"));

    String timedOut = requestAs("ed", s).json().getString("id");
    clock.advance(Duration.ofDays(8));
    assertEquals(1, steward().steward.runDueWork().deniedOnDeadline());
    assertEquals("denied", request(timedOut).getString("state"));
    assertEquals(409, decide("paul", timedOut, "Approve").status());

    assertEquals(before, falconMembers());
    assertFalse(falconMembers().contains("ed"));
    assertEquals(
        0, api.get("ed", EM + "/assignments/filterByCurrentUser(on='target')").value().size());
    assertEquals(
        3,
        api.get("ed", EM + "/assignmentRequests/filterByCurrentUser(on='target')").value().size());
  }

  @Test
  void requestsOutsideThePolicyOrAgainstSeparationOfDutiesAreRefused() {
    Setup s = setUp();
    Api api = api();
    // fiona is not in engineering.
    Api.Response outside = requestAs("fiona", s);
    assertEquals(403, outside.status());
    assertEquals("RequestorNotInPolicyScope", outside.errorCode());
    // eve is in engineering, which this package now names as incompatible.
    Api.Response ref =
        api.post(
            "paul",
            EM + "/accessPackages/" + s.pkg() + "/incompatibleGroups/$ref",
            new JsonObject()
                .put(
                    "@odata.id",
                    "https://graph.microsoft.com/v1.0/groups/" + RunningSteward.ENGINEERING));
    assertEquals(204, ref.status(), ref.text());
    Api.Response blocked = requestAs("eve", s);
    assertEquals(403, blocked.status());
    assertEquals("IncompatibleAccess", blocked.errorCode());
    Api.Response direct =
        api.post(
            "paul",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", ED)
                        .put("accessPackageId", s.pkg())
                        .put("assignmentPolicyId", s.directPolicy())));
    assertEquals(403, direct.status());
    assertFalse(falconMembers().contains("ed"));
  }

  // ------------------------------------------------------------------ mail

  /** Runs the sender as its timer would, and returns the mails received since the last call. */
  private List<TestSmtp.Received> mailsAfterSending() throws Exception {
    steward().steward.sendNotifications();
    List<TestSmtp.Received> all = smtp.received();
    List<TestSmtp.Received> fresh = all.subList(seen, all.size());
    seen = all.size();
    return List.copyOf(fresh);
  }

  private int seen;

  private static List<String> who(List<TestSmtp.Received> mails) {
    return mails.stream().map(m -> m.to().replace("@example.org", "")).sorted().toList();
  }

  @Test
  void theApproverGetsOneMailNamingRequestorPackageAndJustificationAndTheRequestorLearnsTheOutcome()
      throws Exception {
    Setup s = setUp();
    String requestId = requestAs("eve", s).json().getString("id");

    List<TestSmtp.Received> toApprover = mailsAfterSending();
    assertEquals(List.of("paul"), who(toApprover));
    TestSmtp.Received mail = toApprover.get(0);
    assertTrue(mail.subject().contains("Falcon developer"), mail.subject());
    assertTrue(mail.text().contains("Eve Engineer"), mail.text());
    assertTrue(mail.text().contains("Working on Falcon"), mail.text());
    assertTrue(mail.text().contains("https://steward.example.org/portal/#/approvals"), mail.text());
    assertTrue(mailsAfterSending().isEmpty(), "one mail, sent once");

    assertEquals(204, decide("paul", requestId, "Approve").status());
    List<TestSmtp.Received> outcome = mailsAfterSending();
    assertEquals(List.of("eve", "eve"), who(outcome), "approved, and access granted");
    assertEquals(2, outcome.stream().map(TestSmtp.Received::messageId).distinct().count());

    String denied = requestAs("ed", s).json().getString("id");
    mailsAfterSending();
    assertEquals(204, decide("paul", denied, "Deny").status());
    List<TestSmtp.Received> refusal = mailsAfterSending();
    assertEquals(List.of("ed"), who(refusal));
    assertTrue(refusal.get(0).text().contains("Falcon developer"), refusal.get(0).text());
  }

  @Test
  void aUserWhoseAccessEndsWithinADayIsWarnedOnceAndToldWhenItEnded() throws Exception {
    Setup s = setUp();
    String requestId = requestAs("eve", s).json().getString("id");
    assertEquals(204, decide("paul", requestId, "Approve").status());
    mailsAfterSending();

    clock.advance(Duration.ofDays(16));
    steward().steward.runDueWork();
    assertEquals(List.of("eve"), who(mailsAfterSending()), "fourteen days ahead");
    clock.advance(Duration.ofDays(13).plusHours(1));
    steward().steward.runDueWork();
    List<TestSmtp.Received> dayBefore = mailsAfterSending();
    assertEquals(List.of("eve"), who(dayBefore));
    String assignment =
        api()
            .get("eve", EM + "/assignments/filterByCurrentUser(on='target')")
            .value()
            .getJsonObject(0)
            .getString("id");
    assertEquals(
        "NearExpiry1DayNotificationTriggered",
        api().get("eve", EM + "/assignments/" + assignment).json().getString("status"));
    assertTrue(dayBefore.get(0).text().contains("Falcon developer"), dayBefore.get(0).text());
    steward().steward.runDueWork();
    assertTrue(mailsAfterSending().isEmpty(), "warned once");

    clock.advance(Duration.ofDays(1));
    assertEquals(1, steward().steward.runDueWork().expired());
    assertEquals(List.of("eve"), who(mailsAfterSending()), "access ended");
    assertEquals(
        "ExpiredNotificationTriggered",
        api().get("eve", EM + "/assignments/" + assignment).json().getString("status"));
  }

  @Test
  void aMailServerOutageInTheMiddleLosesNothingAndDuplicatesNothing() throws Exception {
    Setup s = setUp();
    smtp.down();
    String requestId = requestAs("eve", s).json().getString("id");
    assertEquals(204, decide("paul", requestId, "Approve").status());
    var tried = steward().steward.sendNotifications();
    assertEquals(3, tried.retried(), "the approver's mail, the approval and the grant wait");
    assertEquals(0, tried.sent());
    assertEquals(
        3, steward().count("SELECT count(*) FROM outbox WHERE state = 'waiting' AND attempts = 1"));

    smtp.up();
    assertTrue(mailsAfterSending().isEmpty(), "not before the pause has passed");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(List.of("eve", "eve", "paul"), who(mailsAfterSending()));
    clock.advance(Duration.ofHours(6));
    assertTrue(mailsAfterSending().isEmpty(), "every mail exactly once");
    assertEquals(3, steward().count("SELECT count(*) FROM outbox WHERE state = 'done'"));
  }

  @Test
  void theAuditLogShowsTheRequestItsApprovalByTheApproverAndTheDeliveryInOrderPageByPage() {
    Setup s = setUp();
    Api api = api();
    String since = clock.now().toString();
    String requestId = requestAs("eve", s).json().getString("id");
    assertEquals(204, decide("paul", requestId, "Approve").status());
    String assignmentId = request(requestId).getJsonObject("assignment").getString("id");

    // Rita, a Reports Reader, reads everything since, oldest first, two records a page.
    List<JsonObject> seen = new java.util.ArrayList<>();
    String next =
        "/v1.0/auditLogs/directoryAudits?$top=2&$orderby=activityDateTime%20asc&$filter="
            + Api.q("activityDateTime ge " + since);
    int pages = 0;
    while (next != null) {
      Api.Response page = api.get("rita", next);
      assertEquals(200, page.status(), page.text());
      page.value().forEach(o -> seen.add((JsonObject) o));
      next = page.json().getString("@odata.nextLink");
      pages++;
    }
    assertTrue(pages >= 2, "paged through @odata.nextLink");
    List<String> activities = seen.stream().map(a -> a.getString("activityDisplayName")).toList();
    int submitted = activities.indexOf("Create access package assignment request");
    int approved = activities.indexOf("Approve access package assignment request");
    int fulfilled = activities.indexOf("Fulfill access package assignment");
    assertTrue(
        0 <= submitted && submitted < approved && approved < fulfilled, activities.toString());

    JsonObject approval = seen.get(approved);
    JsonObject approver = approval.getJsonObject("initiatedBy").getJsonObject("user");
    assertEquals(PAUL, approver.getString("id"));
    assertEquals("paul", approver.getString("userPrincipalName"));
    assertEquals("Paul Projectlead", approver.getString("displayName"));
    assertEquals("127.0.0.1", approver.getString("ipAddress"));
    assertEquals("EntitlementManagement", approval.getString("category"));
    assertEquals(
        requestId, approval.getJsonArray("targetResources").getJsonObject(0).getString("id"));
    assertEquals(
        EVE,
        seen.get(submitted).getJsonObject("initiatedBy").getJsonObject("user").getString("id"));
    assertEquals(
        assignmentId,
        seen.get(fulfilled).getJsonArray("targetResources").getJsonObject(0).getString("id"));
    assertEquals("success", seen.get(fulfilled).getString("result"));
    assertEquals(
        approval.getString("correlationId"), seen.get(fulfilled).getString("correlationId"));

    // One record by id; the owner of the catalog reads its records, others are refused.
    String approvalId = approval.getString("id");
    assertEquals(approval, api.get("rita", "/v1.0/auditLogs/directoryAudits/" + approvalId).json());
    assertEquals(200, api.get("olivia", "/v1.0/auditLogs/directoryAudits/" + approvalId).status());
    String aboutTheRequest =
        "/v1.0/auditLogs/directoryAudits?$filter="
            + Api.q("targetResources/any(t:t/id eq '" + requestId + "')");
    assertEquals(
        List.of(
            "Approve access package assignment request",
            "Create access package assignment request"),
        api.get("olivia", aboutTheRequest).value().stream()
            .map(o -> ((JsonObject) o).getString("activityDisplayName"))
            .toList(),
        "newest first by default");
    assertEquals(403, api.get("eve", aboutTheRequest).status());
    assertEquals(403, api.get("paul", aboutTheRequest).status());
    assertEquals(
        404,
        api.delete("ada", "/v1.0/auditLogs/directoryAudits/" + approvalId).status(),
        "no route changes or deletes a record");
  }
}
