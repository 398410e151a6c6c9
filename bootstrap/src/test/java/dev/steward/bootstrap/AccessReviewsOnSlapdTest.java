package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.ED;
import static dev.steward.bootstrap.RunningSteward.ENGINEERING;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.OLIVIA;
import static dev.steward.bootstrap.RunningSteward.OSCAR;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access reviews end to end on a real OpenLDAP slapd and Postgres, over HTTP: a package's policy
 * turns reviews on, the instance starts as due work, the manager reviews with the directory's
 * recommendations, a Deny leaves the LDAP group when the instance ends; and a review of a catalog
 * group's members takes out a member added straight into LDAP. Memberships are checked over a
 * separate LDAP connection, not through Steward.
 */
class AccessReviewsOnSlapdTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String DEFINITIONS = "/v1.0/identityGovernance/accessReviews/definitions";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";
  static final String FIONA = RunningSteward.FIONA;

  private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  private final TestSmtp smtp = TestSmtp.start();
  private TestLdap.Slapd slapd;
  private RunningSteward steward;

  @BeforeEach
  void start() {
    TestLdap.requireSlapd();
    slapd = TestLdap.Slapd.start("/demo/demo.ldif");
    Map<String, String> env = new HashMap<>(smtp.settings());
    // Group changes made straight in LDAP count at once for the recommendations.
    env.put("STEWARD_LDAP_MEMBERSHIP_CACHE_SECONDS", "0");
    steward = RunningSteward.onDirectory(slapd.port(), clock, env);
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

  private Set<String> falconMembers() {
    return TestLdap.directMemberLogins(slapd.port(), "falcon-project");
  }

  /** Changes a group straight in LDAP, as an administrator with a directory tool would. */
  private void ldap(ModificationType type, String groupCn, String uid) throws Exception {
    try (LDAPConnection c =
        new LDAPConnection(
            "127.0.0.1", slapd.port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD)) {
      c.modify(
          "cn=" + groupCn + ",ou=groups," + TestLdap.BASE_DN,
          new Modification(type, "member", "uid=" + uid + ",ou=people," + TestLdap.BASE_DN));
    }
  }

  private Api api() {
    return steward.api;
  }

  private static void runDue(RunningSteward s) {
    try {
      s.steward.runDueWork();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record Setup(String catalog, String pkg, String policy, JsonObject policyBody) {}

  /** Olivia owns a catalog with falcon-project; Paul builds a package engineers add themselves. */
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
    JsonObject body =
        new JsonObject()
            .put("displayName", "Engineers add themselves")
            .put("accessPackage", new JsonObject().put("id", pkg))
            .put("allowedTargetScope", "specificDirectoryUsers")
            .put(
                "specificAllowedTargets",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("@odata.type", "#microsoft.graph.groupMembers")
                            .put("groupId", ENGINEERING)))
            .put("requestorSettings", new JsonObject().put("enableTargetsToSelfAddAccess", true));
    Api.Response policy = api.post("paul", EM + "/assignmentPolicies", body);
    assertEquals(201, policy.status(), policy.text());
    return new Setup(catalog, pkg, policy.json().getString("id"), body);
  }

  private void request(String login, Setup s) {
    Api.Response r =
        api()
            .post(
                login,
                EM + "/assignmentRequests",
                new JsonObject()
                    .put("requestType", "userAdd")
                    .put(
                        "assignment",
                        new JsonObject()
                            .put("accessPackageId", s.pkg())
                            .put("assignmentPolicyId", s.policy())));
    assertEquals(201, r.status(), r.text());
    assertEquals("delivered", r.json().getString("state"), r.text());
  }

  private Api.Response put(String login, String path, JsonObject body) {
    return api().send("PUT", path, Api.basic(login), body.encode());
  }

  private static JsonObject reviewSettings(Instant start) {
    return new JsonObject()
        .put("isEnabled", true)
        .put("expirationBehavior", "keepAccess")
        .put("isRecommendationEnabled", true)
        .put("isReviewerJustificationRequired", true)
        .put("isSelfReview", false)
        .put(
            "primaryReviewers",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("@odata.type", "#microsoft.graph.requestorManager")
                        .put("managerLevel", 1)))
        .put(
            "fallbackReviewers",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("@odata.type", "#microsoft.graph.singleUser")
                        .put("userId", OLIVIA)))
        .put(
            "schedule",
            new JsonObject()
                .put("startDateTime", start.toString())
                .put(
                    "expiration",
                    new JsonObject().put("type", "afterDuration").put("duration", "P7D"))
                .put(
                    "recurrence",
                    new JsonObject()
                        .put(
                            "pattern",
                            new JsonObject().put("type", "absoluteMonthly").put("interval", 3))
                        .put("range", new JsonObject().put("type", "noEnd"))));
  }

  private static JsonObject byPrincipal(JsonArray items, String id) {
    for (int i = 0; i < items.size(); i++) {
      if (items.getJsonObject(i).getJsonObject("principal").getString("id").equals(id)) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError("no item for " + id + " in " + items.encode());
  }

  private JsonArray mine(String login, String definition, String instance) {
    Api.Response r =
        api()
            .get(
                login,
                DEFINITIONS
                    + "/"
                    + definition
                    + "/instances/"
                    + instance
                    + "/decisions/filterByCurrentUser(on='reviewer')");
    assertEquals(200, r.status(), r.text());
    return r.value();
  }

  private Api.Response decide(
      String login, String definition, String instance, String item, String decision, String why) {
    JsonObject body = new JsonObject().put("decision", decision);
    if (why != null) {
      body.put("justification", why);
    }
    return api()
        .patch(
            login,
            DEFINITIONS + "/" + definition + "/instances/" + instance + "/decisions/" + item,
            body);
  }

  @Test
  void aPackagesReviewRunsWithDirectoryRecommendationsAndTheDeniedUserLeavesTheLdapGroup()
      throws Exception {
    Setup s = setUp();
    Api api = api();
    request("eve", s);
    request("ed", s);
    assertTrue(falconMembers().containsAll(Set.of("eve", "ed")));
    // Ed moves out of engineering in the directory: he is no longer among the policy's targets.
    ldap(ModificationType.DELETE, "engineering", "ed");

    JsonObject withReviews =
        s.policyBody().copy().put("reviewSettings", reviewSettings(clock.now()));
    Api.Response replaced = put("paul", EM + "/assignmentPolicies/" + s.policy(), withReviews);
    assertEquals(200, replaced.status(), replaced.text());
    assertTrue(replaced.json().getJsonObject("reviewSettings").getBoolean("isEnabled"));

    Api.Response unsupported =
        put(
            "paul",
            EM + "/assignmentPolicies/" + s.policy(),
            s.policyBody()
                .copy()
                .put(
                    "reviewSettings",
                    reviewSettings(clock.now())
                        .put("expirationBehavior", "keepAccess")
                        .put(
                            "schedule",
                            new JsonObject()
                                .put("startDateTime", clock.now().toString())
                                .put(
                                    "recurrence",
                                    new JsonObject()
                                        .put(
                                            "pattern",
                                            new JsonObject()
                                                .put("type", "relativeMonthly")
                                                .put("interval", 1))))));
    assertEquals(400, unsupported.status(), "a recurrence Steward cannot run is refused");

    Api.Response listed =
        api.get(
            "olivia",
            DEFINITIONS
                + "?$filter="
                + Api.q(
                    "contains(scope/microsoft.graph.accessReviewQueryScope/query,'accessPackageAssignments')"));
    assertEquals(200, listed.status(), listed.text());
    assertEquals(1, listed.value().size(), listed.text());
    JsonObject definition = listed.value().getJsonObject(0);
    assertEquals(
        "/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '"
            + s.pkg()
            + "')",
        definition.getJsonObject("scope").getString("query"));
    String def = definition.getString("id");
    assertEquals(400, api.get("olivia", DEFINITIONS + "?$orderby=displayName").status());
    assertEquals(403, api.get("eve", DEFINITIONS + "/" + def).status(), "eve governs nothing");

    // The scheduler starts the instance.
    steward.steward.runDueWork();
    JsonArray instances = api.get("olivia", DEFINITIONS + "/" + def + "/instances").value();
    assertEquals(1, instances.size(), instances.encode());
    assertEquals("InProgress", instances.getJsonObject(0).getString("status"));
    String inst = instances.getJsonObject(0).getString("id");

    // Paul, the users' manager, sees one item per user, with the directory's recommendation.
    JsonArray items = mine("paul", def, inst);
    assertEquals(2, items.size(), items.encode());
    JsonObject eveItem = byPrincipal(items, EVE);
    JsonObject edItem = byPrincipal(items, ED);
    assertEquals("Approve", eveItem.getString("recommendation"));
    assertEquals("Deny", edItem.getString("recommendation"));
    assertEquals("NotReviewed", edItem.getString("decision"));
    assertTrue(mine("olivia", def, inst).isEmpty(), "Olivia is only the fallback");

    steward.steward.sendNotifications();
    assertTrue(
        smtp.received().stream()
            .anyMatch(m -> m.to().startsWith("paul@") && m.subject().contains("Access review")),
        "the reviewer is mailed when the review starts");

    // Only reviewers decide; the justification is required.
    String edId = edItem.getString("id");
    assertEquals(403, decide("olivia", def, inst, edId, "Deny", "owner").status());
    assertEquals(403, decide("ed", def, inst, edId, "Approve", "me").status());
    assertEquals(400, decide("paul", def, inst, edId, "Deny", null).status());
    assertEquals(204, decide("paul", def, inst, edId, "Deny", "moved to finance").status());
    assertEquals(
        "Deny",
        api.get("paul", DEFINITIONS + "/" + def + "/instances/" + inst + "/decisions/" + edId)
            .json()
            .getString("decision"));

    // The instance ends: Ed's Deny goes through the normal removal; Eve, unreviewed, stays.
    clock.advance(Duration.ofDays(8));
    steward.steward.runDueWork();
    Set<String> members = falconMembers();
    assertFalse(members.contains("ed"), "the denied user left cn=falcon-project");
    assertTrue(members.contains("eve"), "keepAccess: the unreviewed user stays");
    JsonObject instance = api.get("olivia", DEFINITIONS + "/" + def + "/instances/" + inst).json();
    assertEquals("Applied", instance.getString("status"));
    JsonArray all =
        api.get("olivia", DEFINITIONS + "/" + def + "/instances/" + inst + "/decisions").value();
    assertEquals("AppliedSuccessfully", byPrincipal(all, ED).getString("applyResult"));
    assertEquals("New", byPrincipal(all, EVE).getString("applyResult"));
    assertEquals("NotReviewed", byPrincipal(all, EVE).getString("decision"));
    JsonArray edAssignments =
        api.get("ed", EM + "/assignments/filterByCurrentUser(on='target')").value();
    assertEquals("expired", edAssignments.getJsonObject(0).getString("state"));

    // The catalog's owner reads it all back in the audit log.
    JsonArray decided =
        api.get(
                "olivia",
                "/v1.0/auditLogs/directoryAudits?$filter="
                    + Api.q("activityDisplayName eq 'Record access review decision'"))
            .value();
    assertEquals(1, decided.size(), decided.encode());
    JsonArray removed =
        api.get(
                "olivia",
                "/v1.0/auditLogs/directoryAudits?$filter="
                    + Api.q("activityDisplayName eq 'Remove access package assignment'"))
            .value();
    assertTrue(
        removed.stream()
            .map(JsonObject.class::cast)
            .anyMatch(a -> "Denied in an access review".equals(a.getString("resultReason"))),
        removed.encode());
  }

  @Test
  void aGroupReviewDenyTakesAMemberAddedStraightInLdapOutOfTheGroup() throws Exception {
    Setup s = setUp();
    Api api = api();
    ldap(ModificationType.ADD, "falcon-project", "fiona");
    assertTrue(falconMembers().contains("fiona"));
    JsonObject body =
        new JsonObject()
            .put("displayName", "Who is in Falcon?")
            .put("descriptionForReviewers", "Deny anyone you do not know")
            .put(
                "scope",
                new JsonObject()
                    .put("@odata.type", "#microsoft.graph.accessReviewQueryScope")
                    .put("query", "/groups/" + FALCON + "/transitiveMembers")
                    .put("queryType", "MicrosoftGraph"))
            .put(
                "reviewers",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("query", "/users/" + OSCAR)
                            .put("queryType", "MicrosoftGraph")))
            .put(
                "settings",
                new JsonObject()
                    .put("instanceDurationInDays", 3)
                    .put("recommendationsEnabled", true)
                    .put("justificationRequiredOnApproval", false)
                    .put("autoApplyDecisionsEnabled", true)
                    .put("defaultDecisionEnabled", false));
    assertEquals(
        403,
        api.post("paul", DEFINITIONS, body).status(),
        "an access package manager does not manage the catalog's groups");
    assertEquals(
        400,
        api.post("olivia", DEFINITIONS, body.copy().put("surprise", true)).status(),
        "unknown properties are refused");
    Api.Response created = api.post("olivia", DEFINITIONS, body);
    assertEquals(201, created.status(), created.text());
    String def = created.json().getString("id");
    assertEquals(
        400,
        api.get("olivia", DEFINITIONS + "/" + def + "/instances?$top=5").status(),
        "an option the route does not declare");
    assertEquals(
        400, api.get("olivia", DEFINITIONS + "?$filter=" + Api.q("displayName eq 'x'")).status());

    // A second Steward on the same database: both schedulers run at once, and the instance starts
    // exactly once. Then the first stops for good; the second carries on from what Postgres holds.
    Map<String, String> env = new HashMap<>(smtp.settings());
    env.putAll(
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
            "0"));
    RunningSteward second = steward.another(env);
    try {
      RunningSteward first = steward;
      RunningSteward other = second;
      java.util.concurrent.CompletableFuture<?> one =
          java.util.concurrent.CompletableFuture.runAsync(() -> runDue(first));
      java.util.concurrent.CompletableFuture<?> two =
          java.util.concurrent.CompletableFuture.runAsync(() -> runDue(other));
      one.get(60, java.util.concurrent.TimeUnit.SECONDS);
      two.get(60, java.util.concurrent.TimeUnit.SECONDS);
      steward.close();
      steward = second;
      second = null;
    } finally {
      if (second != null) {
        second.close();
      }
    }
    api = api();
    JsonArray started = api.get("olivia", DEFINITIONS + "/" + def + "/instances").value();
    assertEquals(1, started.size(), started.encode());
    String inst = started.getJsonObject(0).getString("id");
    JsonArray items = mine("oscar", def, inst);
    JsonObject fionaItem = byPrincipal(items, FIONA);
    byPrincipal(items, PAUL);
    assertEquals(
        204, decide("oscar", def, inst, fionaItem.getString("id"), "Deny", "unknown").status());
    assertEquals(
        403,
        api.post("paul", DEFINITIONS + "/" + def + "/instances/" + inst + "/stop", new JsonObject())
            .status());
    assertEquals(
        204,
        api.post(
                "olivia",
                DEFINITIONS + "/" + def + "/instances/" + inst + "/stop",
                new JsonObject())
            .status());
    steward.steward.runDueWork();

    Set<String> members = falconMembers();
    assertFalse(members.contains("fiona"), "taken out of cn=falcon-project itself");
    assertTrue(members.contains("paul"), "not reviewed, kept");
    JsonArray all =
        api.get("olivia", DEFINITIONS + "/" + def + "/instances/" + inst + "/decisions").value();
    assertEquals("AppliedSuccessfully", byPrincipal(all, FIONA).getString("applyResult"));
    assertEquals(
        List.of("Applied"),
        List.of(
            api.get("olivia", DEFINITIONS + "/" + def + "/instances/" + inst)
                .json()
                .getString("status")));
  }
}
