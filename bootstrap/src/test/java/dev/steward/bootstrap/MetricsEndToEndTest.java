package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.EVE;
import static dev.steward.bootstrap.RunningSteward.FIONA;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import dev.steward.application.fakes.MovableClock;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What operators see: the metrics the dashboard and alerts query all exist in a live scrape, the
 * domain counters move with the work, promtool accepts the output, and readiness reports each
 * dependency.
 */
class MetricsEndToEndTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final Path OPERATIONS = Path.of("..", "docs", "operations");
  private static final MovableClock CLOCK =
      new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  private static EmbeddedLdapServer ldap;
  private static RunningSteward s;
  private static String scrape;

  @BeforeAll
  static void workThenScrape() throws Exception {
    ldap = TestLdap.inMemory("/demo/demo.ldif");
    s = RunningSteward.onDirectory(ldap.port(), CLOCK);
    Api api = s.api;
    String catalog = api.createCatalog("ada", "Metrics");
    api.assigned("ada", PAUL, APM_ROLE, catalog);
    assertEquals(403, api.assign("paul", FIONA, APM_ROLE, catalog).status());
    Api.GrantingPackage granting =
        api.packageGrantingMembership(
            "ada",
            "paul",
            catalog,
            "1d000000-0000-4000-8000-000000000006",
            new JsonObject()
                .put(
                    "expiration",
                    new JsonObject().put("type", "afterDuration").put("duration", "P1D")));
    String pkg = granting.pkg();
    String policy = granting.policy();
    Api.Response added =
        api.post(
            "paul",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", EVE)
                        .put("accessPackageId", pkg)
                        .put("assignmentPolicyId", policy)));
    assertEquals("delivered", added.json().getString("state"), added.text());
    CLOCK.advance(Duration.ofDays(2));
    assertEquals(1, s.steward.runDueWork().expired());
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.steward.managementPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    scrape = r.body();
  }

  @AfterAll
  static void stop() {
    s.close();
    ldap.close();
  }

  private static Set<String> exportedNames() {
    Set<String> names = new HashSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  @Test
  void everyMetricTheDashboardAndAlertsQueryIsExported() throws Exception {
    String queries =
        Files.readString(OPERATIONS.resolve("grafana-dashboard.json"), StandardCharsets.UTF_8)
            + Files.readString(OPERATIONS.resolve("alerts.yml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\\b((?:steward|vertx|jvm|process)_[a-z0-9_]+)").matcher(queries);
    Set<String> queried = new TreeSet<>();
    while (m.find()) {
      queried.add(m.group(1));
    }
    assertTrue(queried.size() > 10, "the dashboard queries metrics: " + queried);
    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(exportedNames());
    assertTrue(missing.isEmpty(), "queried but not exported: " + missing);
  }

  @Test
  void theDomainCountersMoveWithTheWork() {
    assertTrue(
        scrape.contains(
            "steward_role_assignment_changes_total{action=\"add\",outcome=\"success\",role=\"Access package manager\"} 1.0"),
        scrape);
    assertTrue(
        scrape.contains(
            "steward_role_assignment_changes_total{action=\"add\",outcome=\"UnAuthorized\",role=\"Access package manager\"} 1.0"));
    assertTrue(
        scrape.contains(
            "steward_authorization_denials_total{task=\"manageAccessPackageManagers\"} 1.0"));
    assertTrue(
        scrape.contains("steward_deliveries_total{operation=\"add\",outcome=\"succeeded\"} 1.0"));
    assertTrue(
        scrape.contains(
            "steward_deliveries_total{operation=\"remove\",outcome=\"succeeded\"} 1.0"));
    assertTrue(scrape.contains("steward_expirations_total 1.0"));
    assertTrue(
        scrape.contains(
            "steward_assignment_requests_total{state=\"delivered\",type=\"adminAdd\"} 1.0"));
    assertTrue(
        scrape.contains(
            "steward_ldap_operations_seconds_count{kind=\"authenticate\",outcome=\"success\"}"));
    assertTrue(
        scrape.contains("route=\"/v1.0/roleManagement/entitlementManagement/roleAssignments\""),
        "HTTP metrics carry the route template");
  }

  @Test
  void promtoolFindsNothingToComplainAbout() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/promtool"));
    dev.steward.application.testing.Prerequisites.require(
        installed, "promtool checks: promtool is not installed (apt-get install prometheus)");
    Path file = Files.createTempFile("steward-metrics", ".txt");
    Files.writeString(file, scrape);
    String check = runCheck(file);
    assertEquals("rc=0", check.trim(), check);
    assertTrue(run(OPERATIONS, "promtool", "check", "rules", "alerts.yml").contains("rc=0"));
    assertTrue(run(OPERATIONS, "promtool", "test", "rules", "alerts_test.yml").contains("rc=0"));
  }

  /** {@code promtool check metrics} reads the scrape on standard input. */
  private static String runCheck(Path file) throws Exception {
    Process p =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out + "rc=" + p.exitValue();
  }

  private static String run(Path dir, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out + "rc=" + p.exitValue();
  }

  @Test
  void readinessReportsEachDependencyAndFallsWhenLdapStopsOnlyWhenAskedTo() throws Exception {
    Api.Response ready = s.api.send("GET", "/health/ready", null, null);
    assertEquals(200, ready.status());
    EmbeddedLdapServer other = TestLdap.inMemory("/demo/demo.ldif");
    EmbeddedLdapServer third = TestLdap.inMemory("/demo/demo.ldif");
    try (RunningSteward second = RunningSteward.onDirectory(other.port(), CLOCK);
        RunningSteward strict =
            RunningSteward.onDirectory(
                third.port(), CLOCK, Map.of("STEWARD_HEALTH_READY_INCLUDES_DEPENDENCIES", "on"))) {
      other.close();
      third.close();
      // By default a (shared) directory's outage leaves the instance in the pool, degraded.
      Api.Response degraded = second.api.send("GET", "/health/ready", null, null);
      assertEquals(200, degraded.status(), degraded.text());
      assertEquals("DEGRADED", degraded.json().getString("status"));
      assertEquals("DOWN", degraded.json().getJsonObject("checks").getString("ldap"));
      assertEquals("UP", degraded.json().getJsonObject("checks").getString("postgres"));
      Api.Response down = second.api.send("GET", "/health/dependencies", null, null);
      assertEquals(503, down.status(), down.text());
      assertEquals("DOWN", down.json().getJsonObject("checks").getString("ldap"));
      // Asked to, readiness falls with it.
      Api.Response strictReady = strict.api.send("GET", "/health/ready", null, null);
      assertEquals(503, strictReady.status(), strictReady.text());
      assertEquals("DOWN", strictReady.json().getString("status"));
      assertEquals(200, second.api.send("GET", "/health/live", null, null).status());
    }
  }
}
