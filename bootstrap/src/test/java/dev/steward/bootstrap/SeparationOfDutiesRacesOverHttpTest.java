package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.EVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One user, two access packages that exclude each other, many parallel requests for both: the user
 * never ends up holding both, whether the packages name each other or one names a group the other
 * grants.
 */
class SeparationOfDutiesRacesOverHttpTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String FALCON = "1d000000-0000-4000-8000-000000000006";
  private static final String FINANCE = "1d000000-0000-4000-8000-000000000007";
  private static EmbeddedLdapServer ldap;
  private static RunningSteward s;

  @BeforeAll
  static void start() {
    ldap = TestLdap.inMemory("/demo/demo.ldif");
    s = RunningSteward.onDirectory(ldap.port(), Steward.SYSTEM_CLOCK);
  }

  @AfterAll
  static void stop() {
    s.close();
    ldap.close();
  }

  private record Pkg(String id, String policy) {}

  private static Pkg granting(String catalog, String group) {
    Api.GrantingPackage p =
        s.api.packageGrantingMembership("ada", "ada", catalog, group, new JsonObject());
    return new Pkg(p.pkg(), p.policy());
  }

  private static void incompatible(String pkg, String kind, String otherRef) {
    Api.Response r =
        s.api.post(
            "ada",
            EM + "/accessPackages/" + pkg + "/" + kind + "/$ref",
            new JsonObject().put("@odata.id", otherRef));
    assertEquals(204, r.status(), r.text());
  }

  private static String packageRef(String id) {
    return "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages/"
        + id;
  }

  @Test
  void twoPackagesThatNameEachOtherAreNeverBothHeld() throws Exception {
    String catalog = s.api.createCatalog("ada", "SoD packages");
    Pkg x = granting(catalog, FALCON);
    Pkg y = granting(catalog, FINANCE);
    incompatible(x.id(), "incompatibleAccessPackages", packageRef(y.id()));
    incompatible(y.id(), "incompatibleAccessPackages", packageRef(x.id()));
    race(x, y);
  }

  @Test
  void aPackageNamingAGroupTheOtherGrantsIsNeverHeldWithIt() throws Exception {
    String catalog = s.api.createCatalog("ada", "SoD group");
    Pkg x = granting(catalog, FALCON);
    Pkg y = granting(catalog, FINANCE);
    // y excludes whoever is in falcon-project, which x grants; x excludes y's holders.
    incompatible(y.id(), "incompatibleGroups", "https://graph.microsoft.com/v1.0/groups/" + FALCON);
    incompatible(x.id(), "incompatibleAccessPackages", packageRef(y.id()));
    race(x, y);
  }

  /** Five rounds of ten parallel direct assignments of each package to eve. */
  private static void race(Pkg x, Pkg y) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5; round++) {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          calls.add(pool.submit(() -> add(x)));
          calls.add(pool.submit(() -> add(y)));
        }
        for (Future<Integer> call : calls) {
          int status = call.get(2, TimeUnit.MINUTES);
          assertTrue(status == 201 || status == 403 || status == 409, "answered " + status);
        }
        List<String> held = active();
        assertEquals(1, held.size(), "round " + round + ": eve holds " + held);
        Api.Response removed =
            s.api.post(
                "ada",
                EM + "/assignmentRequests",
                new JsonObject()
                    .put("requestType", "adminRemove")
                    .put("assignment", new JsonObject().put("id", held.get(0))));
        assertEquals(201, removed.status(), removed.text());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int add(Pkg p) {
    return s.api
        .post(
            "ada",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", EVE)
                        .put("accessPackageId", p.id())
                        .put("assignmentPolicyId", p.policy())))
        .status();
  }

  private static List<String> active() {
    return s.api.get("ada", EM + "/assignments?$top=999").value().stream()
        .map(o -> (JsonObject) o)
        .filter(a -> a.getJsonObject("target").getString("objectId").equals(EVE))
        .filter(a -> !a.getString("state").equals("expired"))
        .map(a -> a.getString("id"))
        .toList();
  }
}
