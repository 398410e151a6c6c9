package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.EVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many clients assign and remove the same user's access package at once: never two active
 * assignments, the LDAP group agrees with the one that is active, no 5xx.
 */
class AssignmentRacesOverHttpTest {
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  @Test
  void concurrentAdminAddAndRemoveOfOneUsersPackageNeverDoubleAndTheGroupAgrees() throws Exception {
    try (EmbeddedLdapServer ldap = TestLdap.inMemory("/demo/demo.ldif");
        RunningSteward s = RunningSteward.onDirectory(ldap.port(), Steward.SYSTEM_CLOCK)) {
      Api api = s.api;
      String catalog = api.createCatalog("ada", "Assignment race");
      Api.GrantingPackage granting =
          api.packageGrantingMembership("ada", "ada", catalog, FALCON, new JsonObject());
      String pkg = granting.pkg();
      String policy = granting.policy();
      AtomicInteger serverErrors = new AtomicInteger();
      List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 6; c++) {
        clients.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    Api.Response r;
                    if (ThreadLocalRandom.current().nextBoolean()) {
                      r =
                          api.post(
                              "ada",
                              EM + "/assignmentRequests",
                              new JsonObject()
                                  .put("requestType", "adminAdd")
                                  .put(
                                      "assignment",
                                      new JsonObject()
                                          .put("targetId", EVE)
                                          .put("accessPackageId", pkg)
                                          .put("assignmentPolicyId", policy)));
                      if (r.status() != 201 && r.status() != 409) {
                        unexpected.add("add " + r.status() + " " + r.text());
                      }
                    } else {
                      var active =
                          api
                              .get(
                                  "ada",
                                  EM
                                      + "/assignments?$filter="
                                      + Api.q("accessPackage/id eq '" + pkg + "'"))
                              .value()
                              .stream()
                              .map(o -> (JsonObject) o)
                              .filter(a -> a.getString("state").equals("delivered"))
                              .toList();
                      if (active.isEmpty()) {
                        continue;
                      }
                      r =
                          api.post(
                              "ada",
                              EM + "/assignmentRequests",
                              new JsonObject()
                                  .put("requestType", "adminRemove")
                                  .put(
                                      "assignment",
                                      new JsonObject().put("id", active.get(0).getString("id"))));
                      if (r.status() != 201 && r.status() != 403 && r.status() != 409) {
                        unexpected.add("remove " + r.status() + " " + r.text());
                      }
                    }
                    if (r.status() >= 500) {
                      serverErrors.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> client : clients) {
        client.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertEquals(0, serverErrors.get());
      assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
      long active =
          s.count(
              "SELECT count(*) FROM access_package_assignment WHERE target_id = ?::uuid AND state IN ('delivering','delivered','deliveryFailed')",
              EVE);
      assertTrue(active <= 1, active + " active assignments");
      assertEquals(
          active == 1,
          TestLdap.directMemberLogins(ldap.port(), "falcon-project").contains("eve"),
          "the group agrees with the assignment");
    }
  }
}
