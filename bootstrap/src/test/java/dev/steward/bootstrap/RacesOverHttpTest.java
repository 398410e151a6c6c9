package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once add and remove the same owners and managers of one catalog: afterwards no
 * duplicate, the catalog still has an owner, every acknowledged change has exactly one audit
 * record, and nobody got a 5xx.
 */
class RacesOverHttpTest {
  private static final int CLIENTS = 8;
  private static final int OPERATIONS = 40;
  private static final List<String> PEOPLE =
      List.of(
          RunningSteward.PAUL,
          RunningSteward.EVE,
          RunningSteward.ED,
          RunningSteward.PRIYA,
          RunningSteward.FIONA);

  @Test
  void concurrentDelegationsAndRevocationsKeepEveryRuleAndEveryAuditRecord() throws Exception {
    try (RunningSteward s = RunningSteward.start()) {
      Api api = s.api;
      String catalog = api.createCatalog("olivia", "Race " + UUID.randomUUID());
      String scope = "/AccessPackageCatalog/" + catalog;
      long addsBefore =
          s.count("SELECT count(*) FROM audit_record WHERE action = 'roleAssignment.add'");
      long removesBefore =
          s.count("SELECT count(*) FROM audit_record WHERE action = 'roleAssignment.remove'");
      AtomicInteger added = new AtomicInteger();
      AtomicInteger removed = new AtomicInteger();
      AtomicInteger serverErrors = new AtomicInteger();
      List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < OPERATIONS; i++) {
                    String role = random.nextBoolean() ? OWNER_ROLE : APM_ROLE;
                    Api.Response r;
                    if (random.nextInt(3) > 0) {
                      r =
                          api.assign(
                              "ada", PEOPLE.get(random.nextInt(PEOPLE.size())), role, catalog);
                      if (r.status() == 201) {
                        added.incrementAndGet();
                      } else if (r.status() != 409) {
                        unexpected.add("add: " + r.status() + " " + r.text());
                      }
                    } else {
                      var existing =
                          api.listAssignments(
                                  "ada",
                                  "appScopeId eq '"
                                      + scope
                                      + "' and roleDefinitionId eq '"
                                      + role
                                      + "'",
                                  null)
                              .value();
                      if (existing.isEmpty()) {
                        continue;
                      }
                      String id =
                          existing.getJsonObject(random.nextInt(existing.size())).getString("id");
                      r = api.removeAssignment("ada", id);
                      if (r.status() == 204) {
                        removed.incrementAndGet();
                      } else if (r.status() != 404 && r.status() != 409) {
                        unexpected.add("remove: " + r.status() + " " + r.text());
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
      assertEquals(
          0,
          s.count(
              "SELECT count(*) FROM (SELECT principal_id, role_definition_id, app_scope_id FROM role_assignment"
                  + " GROUP BY 1, 2, 3 HAVING count(*) > 1) d"));
      assertTrue(
          s.count(
                  "SELECT count(*) FROM role_assignment WHERE catalog_id = ?::uuid AND role_definition_id = ?::uuid",
                  catalog,
                  OWNER_ROLE)
              >= 1,
          "the catalog kept an owner");
      assertEquals(
          added.get(),
          s.count("SELECT count(*) FROM audit_record WHERE action = 'roleAssignment.add'")
              - addsBefore);
      assertEquals(
          removed.get(),
          s.count("SELECT count(*) FROM audit_record WHERE action = 'roleAssignment.remove'")
              - removesBefore);
      assertTrue(
          added.get() > 10 && removed.get() > 5,
          "the race did work: " + added + " added, " + removed + " removed");
      assertEquals(200, api.get("ada", Api.CATALOGS + "/" + catalog).status());
    }
  }
}
