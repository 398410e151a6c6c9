package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.ED;
import static dev.steward.bootstrap.RunningSteward.OLIVIA;
import static dev.steward.bootstrap.RunningSteward.PRIYA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.steward.adapter.ldap.TestLdap;
import dev.steward.application.fakes.MovableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Automatic policies and requestor questions end to end: a real OpenLDAP slapd whose users' {@code
 * departmentNumber} the test sets with a connection of its own, embedded Postgres, HTTP, and a real
 * SMTP server. Reconciliation runs through the due-work path the scheduler's timer uses, with the
 * test's clock moved instead of sleeping.
 */
class AutomaticAssignmentOnSlapdTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";
  static final String FINANCE = "1d000000-0000-4000-8000-000000000007";
  static final String SYSTEM = "00000000-0000-0000-0000-000000000000";

  private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  private final TestSmtp smtp = TestSmtp.start();
  private TestLdap.Slapd slapd;
  private RunningSteward steward;
  private Api api;

  @BeforeEach
  void start() throws Exception {
    TestLdap.requireSlapd();
    slapd = TestLdap.Slapd.start("/demo/demo.ldif");
    department("ed", "Sales");
    department("priya", "Sales");
    department("fiona", "Engineering");
    steward = RunningSteward.onDirectory(slapd.port(), clock, smtp.settings());
    api = steward.api;
  }

  @AfterEach
  void stop() {
    if (steward != null) {
      steward.close();
    }
    if (slapd != null) {
      slapd.close();
    }
    smtp.close();
  }

  /** Sets a user's departmentNumber straight in slapd, as an HR feed would. */
  private void department(String uid, String value) throws Exception {
    try (LDAPConnection c =
        new LDAPConnection(
            "127.0.0.1", slapd.port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD)) {
      c.modify(
          "uid=" + uid + ",ou=people," + TestLdap.BASE_DN,
          new Modification(ModificationType.REPLACE, "departmentNumber", value));
    }
  }

  private Set<String> members(String groupCn) {
    return TestLdap.directMemberLogins(slapd.port(), groupCn);
  }

  private static Set<String> plus(Set<String> base, String... more) {
    Set<String> out = new java.util.HashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }

  private static JsonObject automatic(String pkg, String rule, String grace) {
    return new JsonObject()
        .put("displayName", "Everyone in the rule")
        .put("accessPackage", new JsonObject().put("id", pkg))
        .put("allowedTargetScope", "specificDirectoryUsers")
        .put(
            "specificAllowedTargets",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("@odata.type", "#microsoft.graph.attributeRuleMembers")
                        .put("description", "rule")
                        .put("membershipRule", rule)))
        .put(
            "automaticRequestSettings",
            new JsonObject()
                .put("requestAccessForAllowedTargets", true)
                .put("removeAccessWhenTargetLeavesAllowedTargets", true)
                .put("gracePeriodBeforeAccessRemoval", grace));
  }

  private JsonArray requestsOf(String pkg, String type) {
    return api.get(
            "ada",
            EM
                + "/assignmentRequests?$filter="
                + Api.q("requestType eq '" + type + "' and accessPackage/id eq '" + pkg + "'"))
        .json()
        .getJsonArray("value");
  }

  private Api.GrantingPackage falconPackage() {
    String catalog = api.createCatalog("ada", "Sales " + UUID.randomUUID());
    return api.packageGrantingMembership("ada", "ada", catalog, FALCON, new JsonObject());
  }

  @Test
  void anAutomaticPolicyDeliversEverySalesUserAndRemovesLeaversAfterTheGracePeriod()
      throws Exception {
    Api.GrantingPackage p = falconPackage();
    Api.Response created =
        api.post(
            "ada",
            EM + "/assignmentPolicies",
            automatic(p.pkg(), "user.department -eq \"Sales\"", "P1D"));
    assertEquals(201, created.status(), created.text());
    assertEquals(
        "P1D",
        created
            .json()
            .getJsonObject("automaticRequestSettings")
            .getString("gracePeriodBeforeAccessRemoval"));

    Set<String> before = members("falcon-project");
    assertFalse(before.contains("ed") || before.contains("priya"));
    steward.steward.runDueWork();
    assertEquals(plus(before, "ed", "priya"), members("falcon-project"));
    JsonArray adds = requestsOf(p.pkg(), "systemAdd");
    assertEquals(2, adds.size(), adds.encode());
    for (Object o : adds) {
      JsonObject r = (JsonObject) o;
      assertEquals("delivered", r.getString("state"));
      assertEquals(SYSTEM, r.getJsonObject("requestor").getString("objectId"));
    }

    // Running again (the next interval) raises nothing twice.
    clock.advance(Duration.ofMinutes(6));
    steward.steward.runDueWork();
    assertEquals(2, requestsOf(p.pkg(), "systemAdd").size());

    // Priya moves to Engineering: she keeps access through the grace period, then loses it.
    department("priya", "Engineering");
    clock.advance(Duration.ofMinutes(6));
    steward.steward.runDueWork();
    assertTrue(members("falcon-project").contains("priya"));
    assertEquals(0, requestsOf(p.pkg(), "systemRemove").size());

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    steward.steward.runDueWork();
    assertEquals(plus(before, "ed"), members("falcon-project"));
    JsonArray removes = requestsOf(p.pkg(), "systemRemove");
    assertEquals(1, removes.size(), removes.encode());
    assertEquals(PRIYA, removes.getJsonObject(0).getJsonObject("assignment").getString("targetId"));
    assertEquals(SYSTEM, removes.getJsonObject(0).getJsonObject("requestor").getString("objectId"));
    assertTrue(
        steward.count(
                "SELECT count(*) FROM audit_record WHERE action = 'request.submit'"
                    + " AND actor_id = '"
                    + SYSTEM
                    + "'")
            >= 3);
  }

  @Test
  void twoInstancesReconcilingAtOnceRaiseEachAddOnce() throws Exception {
    Map<String, String> sameDirectory =
        Map.of(
            "STEWARD_LDAP_HOST",
            "127.0.0.1",
            "STEWARD_LDAP_PORT",
            Integer.toString(slapd.port()),
            "STEWARD_LDAP_BIND_DN",
            TestLdap.SERVICE_DN,
            "STEWARD_LDAP_BIND_PASSWORD",
            TestLdap.SERVICE_PASSWORD,
            "STEWARD_LDAP_BASE_DN",
            TestLdap.BASE_DN,
            "STEWARD_SCHEDULER_INTERVAL_SECONDS",
            "0");
    try (RunningSteward other = steward.another(sameDirectory)) {
      Api.GrantingPackage p = falconPackage();
      assertEquals(
          201,
          api.post(
                  "ada",
                  EM + "/assignmentPolicies",
                  automatic(p.pkg(), "user.department -eq \"Sales\"", "PT0S"))
              .status());
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var a = pool.submit(() -> steward.steward.runDueWork());
        var b = pool.submit(() -> other.steward.runDueWork());
        a.get();
        b.get();
      } finally {
        pool.shutdown();
      }
      // Whichever claimed the policy's item did the work; a second pass on either adds nothing.
      other.steward.runDueWork();
      steward.steward.runDueWork();
      assertEquals(2, requestsOf(p.pkg(), "systemAdd").size());
      assertEquals(
          2,
          steward.count(
              "SELECT count(*) FROM access_package_assignment WHERE access_package_id = ?::uuid",
              p.pkg()));
    }
  }

  @Test
  void aSecondAutomaticPolicyARequestUnderOneAndAMalformedRuleAreRefused() {
    Api.GrantingPackage p = falconPackage();
    Api.Response first =
        api.post(
            "ada",
            EM + "/assignmentPolicies",
            automatic(p.pkg(), "user.department -eq \"Sales\"", "PT0S"));
    assertEquals(201, first.status(), first.text());
    String policy = first.json().getString("id");

    Api.Response second =
        api.post(
            "ada",
            EM + "/assignmentPolicies",
            automatic(p.pkg(), "user.department -eq \"Engineering\"", "PT0S"));
    assertEquals(409, second.status(), second.text());

    Api.Response request =
        api.post(
            "ada",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", ED)
                        .put("accessPackageId", p.pkg())
                        .put("assignmentPolicyId", policy)));
    assertEquals(403, request.status(), request.text());
    assertTrue(request.text().contains("automatic"), request.text());

    Api.Response selfRequest =
        api.post(
            "ed",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "userAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("accessPackageId", p.pkg())
                        .put("assignmentPolicyId", policy)));
    assertEquals(403, selfRequest.status(), selfRequest.text());

    Api.Response systemByHand =
        api.post(
            "ada",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "systemAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", ED)
                        .put("accessPackageId", p.pkg())
                        .put("assignmentPolicyId", policy)));
    assertEquals(400, systemByHand.status(), systemByHand.text());

    String other = falconPackage().pkg();
    Api.Response malformed =
        api.post(
            "ada",
            EM + "/assignmentPolicies",
            automatic(other, "(user.department -eq \"Sales\"", "PT0S"));
    assertEquals(400, malformed.status(), malformed.text());
    assertTrue(malformed.text().contains("position 29"), malformed.text());

    Api.Response unmapped =
        api.post(
            "ada",
            EM + "/assignmentPolicies",
            automatic(other, "user.shoeSize -eq \"42\"", "PT0S"));
    assertEquals(400, unmapped.status(), unmapped.text());
    assertTrue(unmapped.text().contains("user.shoeSize"), unmapped.text());

    Api.Response unknownField =
        api.post(
            "ada",
            EM + "/assignmentPolicies",
            automatic(other, "user.department -eq \"Sales\"", "PT0S")
                .put(
                    "automaticRequestSettings",
                    new JsonObject().put("requestAccessForAllowedTargets", true).put("x", 1)));
    assertEquals(400, unknownField.status(), unknownField.text());
  }

  @Test
  void aRuleValueWithLdapMetacharactersMatchesNobody() throws Exception {
    department("fiona", "*)(uid=*");
    Api.GrantingPackage p = falconPackage();
    assertEquals(
        201,
        api.post(
                "ada",
                EM + "/assignmentPolicies",
                automatic(p.pkg(), "user.department -eq \"*)(uid=*\"", "PT0S"))
            .status());
    Api.GrantingPackage q = falconPackage();
    assertEquals(
        201,
        api.post(
                "ada",
                EM + "/assignmentPolicies",
                automatic(q.pkg(), "user.department -eq \"Sales)(|(uid=*\"", "PT0S"))
            .status());
    steward.steward.runDueWork();
    assertEquals(0, requestsOf(q.pkg(), "systemAdd").size(), "no user has that literal value");
    // Only the user whose department is literally that text, never everyone.
    JsonArray adds = requestsOf(p.pkg(), "systemAdd");
    assertEquals(1, adds.size(), adds.encode());
    assertEquals(
        RunningSteward.FIONA,
        adds.getJsonObject(0).getJsonObject("assignment").getString("targetId"));
  }

  // ---------------------------------------------------------------- questions

  private static JsonObject questionsPolicy(String pkg) {
    return new JsonObject()
        .put("displayName", "Ask first")
        .put("description", "Answer two questions")
        .put("accessPackage", new JsonObject().put("id", pkg))
        .put("allowedTargetScope", "allDirectoryUsers")
        .put("requestorSettings", new JsonObject().put("enableTargetsToSelfAddAccess", true))
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
                                                .put("userId", OLIVIA))))))
        .put(
            "questions",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                        .put("sequence", 1)
                        .put("isRequired", true)
                        .put("text", "Cost centre")
                        .put("isSingleLineQuestion", true)
                        .put("regexPattern", "CC-[0-9]{4}"))
                .add(
                    new JsonObject()
                        .put("@odata.type", "#microsoft.graph.accessPackageMultipleChoiceQuestion")
                        .put("sequence", 2)
                        .put("isRequired", true)
                        .put("text", "Region")
                        .put(
                            "choices",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("actualValue", "emea")
                                        .put("text", "Europe"))
                                .add(
                                    new JsonObject()
                                        .put("actualValue", "amer")
                                        .put("text", "Americas")))
                        .put("allowsMultipleSelection", false)));
  }

  private Api.Response request(String pkg, String policy, JsonArray answers) {
    return api.post(
        "ed",
        EM + "/assignmentRequests",
        new JsonObject()
            .put("requestType", "userAdd")
            .put(
                "assignment",
                new JsonObject().put("accessPackageId", pkg).put("assignmentPolicyId", policy))
            .put("answers", answers));
  }

  private static JsonObject answer(String questionId, String value) {
    return new JsonObject()
        .put("@odata.type", "#microsoft.graph.accessPackageAnswerString")
        .put("value", value)
        .put("answeredQuestion", new JsonObject().put("id", questionId));
  }

  @Test
  void aPolicysQuestionsRefuseMissingOrInvalidAnswersAndShowValidOnesToTheApprover() {
    String catalog = api.createCatalog("ada", "Finance " + UUID.randomUUID());
    Api.GrantingPackage p =
        api.packageGrantingMembership("ada", "ada", catalog, FINANCE, new JsonObject());
    Api.Response created = api.post("ada", EM + "/assignmentPolicies", questionsPolicy(p.pkg()));
    assertEquals(201, created.status(), created.text());
    String policy = created.json().getString("id");
    JsonArray questions = created.json().getJsonArray("questions");
    String text = questions.getJsonObject(0).getString("id");
    String choice = questions.getJsonObject(1).getString("id");

    // The request form's source: the policy ed may request under, with its questions.
    Api.Response requirements =
        api.post(
            "ed",
            EM + "/accessPackages/" + p.pkg() + "/getApplicablePolicyRequirements",
            new JsonObject());
    assertEquals(200, requirements.status(), requirements.text());
    JsonArray value = requirements.json().getJsonArray("value");
    assertEquals(1, value.size(), value.encode());
    JsonObject req = value.getJsonObject(0);
    assertEquals(policy, req.getString("policyId"));
    assertEquals("Ask first", req.getString("policyDisplayName"));
    assertTrue(req.getBoolean("isApprovalRequiredForAdd"));
    assertEquals(2, req.getJsonArray("questions").size());

    Api.Response missing = request(p.pkg(), policy, new JsonArray().add(answer(choice, "emea")));
    assertEquals(400, missing.status(), missing.text());
    assertTrue(missing.text().contains("Cost centre"), missing.text());
    Api.Response badText =
        request(
            p.pkg(),
            policy,
            new JsonArray().add(answer(text, "CC-12")).add(answer(choice, "emea")));
    assertEquals(400, badText.status(), badText.text());
    assertTrue(badText.text().contains("Cost centre"), badText.text());
    Api.Response badChoice =
        request(
            p.pkg(),
            policy,
            new JsonArray().add(answer(text, "CC-1234")).add(answer(choice, "apac")));
    assertEquals(400, badChoice.status(), badChoice.text());
    assertTrue(badChoice.text().contains("Region"), badChoice.text());
    Api.Response unknownField =
        request(
            p.pkg(),
            policy,
            new JsonArray()
                .add(answer(text, "CC-1234").put("score", 3))
                .add(answer(choice, "emea")));
    assertEquals(400, unknownField.status(), unknownField.text());

    Api.Response ok =
        request(
            p.pkg(),
            policy,
            new JsonArray().add(answer(text, "CC-1234")).add(answer(choice, "amer")));
    assertEquals(201, ok.status(), ok.text());
    assertEquals("pendingApproval", ok.json().getString("state"));
    String id = ok.json().getString("id");

    JsonArray seen =
        api.get("olivia", EM + "/assignmentRequests/" + id).json().getJsonArray("answers");
    assertEquals(2, seen.size(), seen.encode());
    assertEquals("CC-1234", seen.getJsonObject(0).getString("value"));
    assertEquals(
        "Cost centre", seen.getJsonObject(0).getJsonObject("answeredQuestion").getString("text"));
    assertEquals("Americas", seen.getJsonObject(1).getString("displayValue"));

    List<TestSmtp.Received> mails = sendMail();
    TestSmtp.Received toOlivia =
        mails.stream().filter(m -> m.to().startsWith("olivia")).findFirst().orElseThrow();
    assertTrue(toOlivia.text().contains("Cost centre: CC-1234"), toOlivia.text());
    assertTrue(toOlivia.text().contains("Region: Americas"), toOlivia.text());
  }

  @Test
  void requirementsAreEmptyWhereTheCallerMayNotRequest() {
    Api.GrantingPackage p = falconPackage();
    assertEquals(
        201,
        api.post(
                "ada",
                EM + "/assignmentPolicies",
                automatic(p.pkg(), "user.department -eq \"Sales\"", "PT0S"))
            .status());
    Api.Response r =
        api.post(
            "ed",
            EM + "/accessPackages/" + p.pkg() + "/getApplicablePolicyRequirements",
            new JsonObject());
    assertEquals(200, r.status(), r.text());
    assertEquals(0, r.json().getJsonArray("value").size());
    Api.Response withBody =
        api.post(
            "ed",
            EM + "/accessPackages/" + p.pkg() + "/getApplicablePolicyRequirements",
            new JsonObject().put("x", 1));
    assertEquals(400, withBody.status(), withBody.text());
  }

  private List<TestSmtp.Received> sendMail() {
    try {
      steward.steward.sendNotifications();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return smtp.received();
  }
}
