// Automatic assignment at scale: an automatic policy's rule over a directory of many users.
// Measures (1) the rule's LDAP search alone — time and LDAP round trips — and (2) whole
// reconciliations through a running Steward (embedded Postgres, the directory given): the first,
// which raises and delivers a systemAdd for every match (in runs of 200), and then steady-state
// reconciliations where nothing changed. Run by bench/reconcile.sh with the Steward jar on the
// class path: java -cp steward.jar bench/Reconcile.java LDAP_PORT USERS MATCHES
import dev.steward.adapter.ldap.DirectoryType;
import dev.steward.adapter.ldap.LdapAttributeRules;
import dev.steward.adapter.ldap.LdapDirectory;
import dev.steward.adapter.ldap.LdapSettings;
import dev.steward.adapter.ldap.UserAttributeMap;
import dev.steward.bootstrap.Config;
import dev.steward.bootstrap.Steward;
import dev.steward.domain.MembershipRule;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Reconcile {
  static final String BASE = "dc=example,dc=org";
  static final String BIND = "cn=steward,dc=example,dc=org";
  static final String PASSWORD = "bench-service-pw";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";
  static final String RULE = "user.department -eq \"Sales\"";

  public static void main(String[] args) throws Exception {
    int ldapPort = Integer.parseInt(args[0]);
    int users = Integer.parseInt(args[1]);
    int matches = Integer.parseInt(args[2]);
    searchAlone(ldapPort, users, matches);
    throughSteward(ldapPort, users, matches);
    System.exit(0);
  }

  /** The rule's paged search, five times: median time and round trips of one. */
  static void searchAlone(int ldapPort, int users, int matches) throws Exception {
    Vertx vertx = Vertx.vertx();
    LdapDirectory ldap =
        new LdapDirectory(
            vertx, LdapSettings.openLdapDefaults("127.0.0.1", ldapPort, BIND, PASSWORD, BASE));
    LdapAttributeRules rules =
        new LdapAttributeRules(ldap, UserAttributeMap.defaults(DirectoryType.OPENLDAP));
    MembershipRule rule = MembershipRule.parse(RULE, "rule");
    List<Long> millis = new ArrayList<>();
    long trips = 0;
    int found = 0;
    for (int i = 0; i < 5; i++) {
      long before = ldap.readRequests();
      long start = System.nanoTime();
      found = rules.usersMatching(rule).await().size();
      millis.add((System.nanoTime() - start) / 1_000_000);
      trips = ldap.readRequests() - before;
    }
    Collections.sort(millis);
    System.out.printf(
        "rule search alone: %d of %d users match; median %d ms (min %d, max %d); %d LDAP round"
            + " trips per search%n",
        found, users, millis.get(2), millis.get(0), millis.get(4), trips);
    if (found != matches) {
      throw new IllegalStateException("expected " + matches + " matches, found " + found);
    }
    ldap.close();
    vertx.close().await();
  }

  static void throughSteward(int ldapPort, int users, int matches) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("STEWARD_DATA_DIR", Files.createTempDirectory("steward-reconcile").toString());
    env.put("STEWARD_HTTP_PORT", "0");
    env.put("STEWARD_MANAGEMENT_PORT", "0");
    env.put("STEWARD_LDAP_HOST", "127.0.0.1");
    env.put("STEWARD_LDAP_PORT", Integer.toString(ldapPort));
    env.put("STEWARD_LDAP_BIND_DN", BIND);
    env.put("STEWARD_LDAP_BIND_PASSWORD", PASSWORD);
    env.put("STEWARD_LDAP_BASE_DN", BASE);
    env.put("STEWARD_JWT_SECRET", "the-reconciliation-benchmark-signing-key");
    env.put("STEWARD_SCHEDULER_INTERVAL_SECONDS", "0");
    env.put("STEWARD_AUTO_ASSIGNMENT_INTERVAL_SECONDS", "1");
    env.put("STEWARD_SHUTDOWN_GRACE_SECONDS", "0");
    try (Steward steward = Steward.start(new Config(env))) {
      String api = "http://127.0.0.1:" + steward.port() + "/v1.0/identityGovernance/entitlementManagement";
      String catalog = post(api + "/catalogs", new JsonObject().put("displayName", "Bench")).getString("id");
      String resource =
          post(
                  api + "/resourceRequests",
                  new JsonObject()
                      .put("requestType", "adminAdd")
                      .put("resource", new JsonObject().put("originId", FALCON))
                      .put("catalog", new JsonObject().put("id", catalog)))
              .getJsonObject("resource")
              .getString("id");
      String pkg =
          post(
                  api + "/accessPackages",
                  new JsonObject()
                      .put("displayName", "Sales")
                      .put("catalog", new JsonObject().put("id", catalog)))
              .getString("id");
      post(
          api + "/accessPackages/" + pkg + "/resourceRoleScopes",
          new JsonObject()
              .put(
                  "role",
                  new JsonObject()
                      .put("originId", "Member_" + FALCON)
                      .put("resource", new JsonObject().put("id", resource)))
              .put("scope", new JsonObject().put("originId", FALCON)));
      post(
          api + "/assignmentPolicies",
          new JsonObject(
              Map.of(
                  "displayName", "Sales",
                  "accessPackage", Map.of("id", pkg),
                  "allowedTargetScope", "specificDirectoryUsers",
                  "specificAllowedTargets",
                      List.of(
                          Map.of(
                              "@odata.type", "#microsoft.graph.attributeRuleMembers",
                              "membershipRule", RULE)),
                  "automaticRequestSettings",
                      Map.of(
                          "requestAccessForAllowedTargets", true,
                          "removeAccessWhenTargetLeavesAllowedTargets", true,
                          "gracePeriodBeforeAccessRemoval", "P1D"))));
      // The first reconciliation: runs of 200 adds, each run due again at once, until all match.
      long start = System.nanoTime();
      int runs = 0;
      while (members(ldapPort) < matches) {
        steward.runDueWork();
        runs++;
        if (runs > matches / 100 + 20) {
          throw new IllegalStateException("not all delivered after " + runs + " runs");
        }
      }
      long first = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "first reconciliation: %d systemAdd requests delivered in %d ms over %d runs (%.1f ms a"
              + " user)%n",
          matches, first, runs, (double) first / matches);
      // Steady state: the rule's search, the package's active assignments read, nothing raised.
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Thread.sleep(1100); // the item is due again one interval (1 s here) after a run
        long s = System.nanoTime();
        steward.runDueWork();
        millis.add((System.nanoTime() - s) / 1_000_000);
      }
      Collections.sort(millis);
      System.out.printf(
          "steady-state reconciliation (nothing changed): median %d ms (min %d, max %d) over %d"
              + " users, %d matching%n",
          millis.get(2), millis.get(0), millis.get(4), users, matches);
      if (members(ldapPort) != matches) {
        throw new IllegalStateException("members changed in steady state");
      }
    }
  }

  static int members(int ldapPort) throws Exception {
    try (var c = new com.unboundid.ldap.sdk.LDAPConnection("127.0.0.1", ldapPort, BIND, PASSWORD)) {
      var g = c.getEntry("cn=falcon-project,ou=groups," + BASE, "member");
      int n = 0;
      for (String dn : g.getAttributeValues("member")) {
        if (dn.startsWith("uid=bench-")) {
          n++;
        }
      }
      return n;
    }
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static JsonObject post(String url, JsonObject body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("ada:ada-demo-pw".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }
}
