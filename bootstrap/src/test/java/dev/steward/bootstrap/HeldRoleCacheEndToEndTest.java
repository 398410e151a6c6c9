package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Held roles are remembered to make reads fast, and a revoked role is still refused on the very
 * next request: on the instance that revoked it, at once; on another instance sharing the database,
 * as soon as Postgres's NOTIFY reaches it; and after an operator's SQL, the same way.
 */
class HeldRoleCacheEndToEndTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static RunningSteward a;
  private static RunningSteward b;

  @BeforeAll
  static void start() {
    a = RunningSteward.start();
    b = a.another(Map.of());
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  private static int paulCreatesAPackage(RunningSteward on, String catalog) {
    return on.api
        .post(
            "paul",
            EM + "/accessPackages",
            new JsonObject()
                .put("displayName", "P " + UUID.randomUUID())
                .put("catalog", new JsonObject().put("id", catalog)))
        .status();
  }

  /** Polls until paul is refused on {@code on}; returns how long that took, in milliseconds. */
  private static long millisUntilRefused(RunningSteward on, String catalog) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < 5_000_000_000L) {
      if (on.api.get("paul", EM + "/catalogs/" + catalog).status() == 403) {
        return (System.nanoTime() - start) / 1_000_000;
      }
    }
    throw new AssertionError("paul was still let in 5 s after losing his role");
  }

  private static long hits(RunningSteward on) {
    return Math.round(on.steward.heldRoleCacheHits());
  }

  @Test
  void theRevokingInstanceRefusesTheVeryNextRequestThoughItRemembersRoles() {
    String catalog = a.api.createCatalog("olivia", "Cached " + UUID.randomUUID());
    String id = a.api.assigned("olivia", PAUL, APM_ROLE, catalog);
    long before = hits(a);
    for (int i = 0; i < 5; i++) {
      assertEquals(200, a.api.get("paul", EM + "/catalogs/" + catalog).status());
    }
    assertTrue(hits(a) - before >= 4, "the repeated reads were answered from the cache");

    assertEquals(204, a.api.removeAssignment("olivia", id).status());
    assertEquals(403, a.api.get("paul", EM + "/catalogs/" + catalog).status());
    assertEquals(403, paulCreatesAPackage(a, catalog));
  }

  @Test
  void anotherInstanceHearsTheRevocationThroughPostgres() {
    String catalog = a.api.createCatalog("olivia", "Shared " + UUID.randomUUID());
    String id = a.api.assigned("olivia", PAUL, APM_ROLE, catalog);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, b.api.get("paul", EM + "/catalogs/" + catalog).status());
    }
    assertEquals(204, a.api.removeAssignment("olivia", id).status());
    long millis = millisUntilRefused(b, catalog);
    System.out.println("held-role cache: the other instance refused paul after " + millis + " ms");
    assertTrue(millis < 200, "the other instance refused after " + millis + " ms, not within 200");
  }

  private static final String ASSIGNMENTS =
      "/v1.0/roleManagement/entitlementManagement/roleAssignments";

  /** The ids of the role assignments olivia lists in {@code catalog} on {@code on}. */
  private static java.util.List<String> listed(RunningSteward on, String catalog) {
    Api.Response r =
        on.api.get(
            "olivia",
            ASSIGNMENTS
                + "?$filter="
                + Api.q("appScopeId eq '/AccessPackageCatalog/" + catalog + "'")
                + "&$expand=principal");
    assertEquals(200, r.status(), r.text());
    return r.value().stream().map(v -> ((JsonObject) v).getString("id")).sorted().toList();
  }

  /** Polls until {@code check} holds for olivia's listing on {@code on}; milliseconds it took. */
  private static long millisUntilListed(
      RunningSteward on,
      String catalog,
      java.util.function.Predicate<java.util.List<String>> check) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < 5_000_000_000L) {
      if (check.test(listed(on, catalog))) {
        return (System.nanoTime() - start) / 1_000_000;
      }
    }
    throw new AssertionError("the listing on the other instance did not change within 5 s");
  }

  @Test
  void aRememberedListingIsNeverOlderThanTheChangesHeard() {
    String catalog = a.api.createCatalog("olivia", "Listed " + UUID.randomUUID());
    java.util.List<String> owners = listed(a, catalog);
    assertEquals(1, owners.size(), "olivia, the creator, owns it");
    listed(b, catalog);
    double before = b.steward.rememberedAnswerHits();
    assertEquals(owners, listed(b, catalog));
    assertEquals(owners, listed(b, catalog));
    assertTrue(
        b.steward.rememberedAnswerHits() - before >= 2, "the repeated listing came from memory");

    // Added on this instance: the very next listing here has it.
    String id = a.api.assigned("olivia", PAUL, APM_ROLE, catalog);
    listed(a, catalog);
    assertTrue(listed(a, catalog).contains(id));
    // On the other, as soon as Postgres's notification reaches it.
    long millis = millisUntilListed(b, catalog, ids -> ids.contains(id));
    System.out.println(
        "role listing: the other instance listed the new role after " + millis + " ms");
    assertTrue(
        millis < 200, "the other instance listed it after " + millis + " ms, not within 200");

    // Removed by an operator's SQL: heard by both.
    a.execute("DELETE FROM role_assignment WHERE id = ?::uuid", id);
    millisUntilListed(a, catalog, ids -> !ids.contains(id));
    millisUntilListed(b, catalog, ids -> !ids.contains(id));
    assertEquals(owners, listed(a, catalog));
  }

  /** The display names of the catalogs olivia lists on {@code on}. */
  private static java.util.List<String> catalogNames(RunningSteward on) {
    Api.Response r = on.api.get("olivia", EM + "/catalogs?$top=999");
    assertEquals(200, r.status(), r.text());
    return r.value().stream().map(v -> ((JsonObject) v).getString("displayName")).toList();
  }

  private static long millisUntil(java.util.function.BooleanSupplier check) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < 5_000_000_000L) {
      if (check.getAsBoolean()) {
        return (System.nanoTime() - start) / 1_000_000;
      }
    }
    throw new AssertionError("not seen within 5 s");
  }

  @Test
  void aRememberedCatalogListingFollowsEveryCatalogChange() {
    String name = "Renamed " + UUID.randomUUID();
    String catalog = a.api.createCatalog("olivia", name);
    assertTrue(catalogNames(a).contains(name), "created here: listed at once");
    long millis = millisUntil(() -> catalogNames(b).contains(name));
    System.out.println(
        "catalog listing: the other instance listed the new catalog after " + millis + " ms");
    double before = b.steward.rememberedAnswerHits();
    catalogNames(b);
    assertTrue(b.steward.rememberedAnswerHits() > before, "the repeated listing came from memory");

    String renamed = name + " (2)";
    assertEquals(
        200,
        a.api
            .patch(
                "olivia", EM + "/catalogs/" + catalog, new JsonObject().put("displayName", renamed))
            .status());
    assertTrue(catalogNames(a).contains(renamed), "renamed here: listed so at once");
    millisUntil(() -> catalogNames(b).contains(renamed));

    // An operator's SQL is heard by both.
    a.execute("UPDATE catalog SET display_name = ? WHERE id = ?::uuid", name, catalog);
    millisUntil(() -> catalogNames(a).contains(name));
    millisUntil(() -> catalogNames(b).contains(name));

    // Deleted here: "what may I do here" is a 404 at once, and on the other instance soon after.
    String permissions =
        "/v1.0/roleManagement/entitlementManagement/myPermissions?appScopeId="
            + Api.q("/AccessPackageCatalog/" + catalog);
    assertEquals(200, a.api.get("olivia", permissions).status());
    assertEquals(200, b.api.get("olivia", permissions).status());
    assertEquals(204, a.api.delete("olivia", EM + "/catalogs/" + catalog).status());
    assertEquals(404, a.api.get("olivia", permissions).status());
    assertTrue(!catalogNames(a).contains(name));
    millisUntil(() -> b.api.get("olivia", permissions).status() == 404);
    millisUntil(() -> !catalogNames(b).contains(name));
  }

  /** Whether eve is offered {@code pkg} among the packages she may request, on {@code on}. */
  private static boolean offered(RunningSteward on, String pkg) {
    Api.Response r =
        on.api.get(
            "eve", EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')?$top=999");
    assertEquals(200, r.status(), r.text());
    return r.value().stream().anyMatch(v -> ((JsonObject) v).getString("id").equals(pkg));
  }

  @Test
  void rememberedRequestablePackagesFollowPackageAndPolicyChanges() {
    String catalog = a.api.createCatalog("olivia", "Requestable " + UUID.randomUUID());
    Api.Response pkg =
        a.api.post(
            "olivia",
            EM + "/accessPackages",
            new JsonObject()
                .put("displayName", "Offered " + UUID.randomUUID())
                .put("catalog", new JsonObject().put("id", catalog)));
    assertEquals(201, pkg.status(), pkg.text());
    String id = pkg.json().getString("id");
    assertTrue(!offered(a, id) && !offered(b, id), "no policy yet: nothing to request");

    Api.Response policy =
        a.api.post(
            "olivia", EM + "/assignmentPolicies", AccessPackageManagersEndToEndTest.seedPolicy(id));
    assertEquals(201, policy.status(), policy.text());
    assertTrue(offered(a, id), "a policy added here: offered on the very next request");
    millisUntil(() -> offered(b, id));
    double before = b.steward.rememberedAnswerHits();
    assertTrue(offered(b, id));
    assertTrue(b.steward.rememberedAnswerHits() > before, "the repeated answer came from memory");

    // Hidden here: gone from the very next answer here, and soon from the other instance's.
    assertEquals(
        200,
        a.api
            .patch("olivia", EM + "/accessPackages/" + id, new JsonObject().put("isHidden", true))
            .status());
    assertTrue(!offered(a, id), "hidden here: not offered on the very next request");
    millisUntil(() -> !offered(b, id));

    // Shown again by an operator's SQL: heard by both.
    a.execute("UPDATE access_package SET is_hidden = false WHERE id = ?::uuid", id);
    millisUntil(() -> offered(a, id));
    millisUntil(() -> offered(b, id));

    // The policy deleted here: not offered any more, here at once.
    assertEquals(
        204,
        a.api
            .delete("olivia", EM + "/assignmentPolicies/" + policy.json().getString("id"))
            .status());
    assertTrue(!offered(a, id), "no policy left: not offered on the very next request");
    millisUntil(() -> !offered(b, id));
  }

  private static final String AUDITS = "/v1.0/auditLogs/directoryAudits?$top=5&$count=true";

  /**
   * The newest audit records rita reads on {@code on}. Rita reads every record: her question does
   * not change when olivia gains or loses a role, so only a record written makes it read afresh.
   */
  private static Api.Response newestRecords(RunningSteward on) {
    Api.Response r = on.api.get("rita", AUDITS);
    assertEquals(200, r.status(), r.text());
    return r;
  }

  private static boolean newestRecordsName(RunningSteward on, String target) {
    return newestRecords(on).value().stream()
        .anyMatch(v -> ((JsonObject) v).encode().contains(target));
  }

  @Test
  void aRememberedAuditPageFollowsEveryRecordWritten() {
    newestRecords(a);
    newestRecords(b);
    double before = b.steward.rememberedAuditHits();
    long count = newestRecords(b).json().getLong("@odata.count");
    assertTrue(b.steward.rememberedAuditHits() > before, "the repeated page came from memory");

    // A change on one instance writes a record: the page there shows it on the very next request,
    // the other instance's as soon as Postgres's notification arrives.
    String catalog = a.api.createCatalog("olivia", "Audited " + UUID.randomUUID());
    assertTrue(newestRecordsName(a, catalog), "written here: on the very next page");
    assertTrue(newestRecords(a).json().getLong("@odata.count") > count, "and in its count");
    long millis = millisUntil(() -> newestRecordsName(b, catalog));
    System.out.println(
        "audit page: the other instance showed the new record after " + millis + " ms");

    // And the other way round: the records about this catalog, read by rita, who reads every
    // record (olivia reads a catalog's only while she holds a role in it, and a deleted catalog
    // takes its roles with it).
    String about =
        "/v1.0/auditLogs/directoryAudits?$filter="
            + Api.q("targetResources/any(t:t/id eq '" + catalog + "')");
    java.util.function.Function<RunningSteward, Boolean> deleted =
        on -> {
          Api.Response r = on.api.get("rita", about);
          assertEquals(200, r.status(), r.text());
          return r.value().stream()
              .anyMatch(v -> ((JsonObject) v).getString("operationType").equals("Delete"));
        };
    assertTrue(!deleted.apply(a) && !deleted.apply(b));
    assertTrue(!deleted.apply(a) && !deleted.apply(b), "asked again: remembered on both");
    assertEquals(204, b.api.delete("olivia", EM + "/catalogs/" + catalog).status());
    assertTrue(
        deleted.apply(b),
        () -> "deleted there: on its very next page; " + b.api.get("rita", about).text());
    millisUntil(() -> deleted.apply(a));
  }

  @Test
  void anOperatorsSqlIsHeardToo() {
    String catalog = a.api.createCatalog("olivia", "Operator " + UUID.randomUUID());
    a.api.assigned("olivia", PAUL, APM_ROLE, catalog);
    assertEquals(200, a.api.get("paul", EM + "/catalogs/" + catalog).status());
    assertEquals(200, b.api.get("paul", EM + "/catalogs/" + catalog).status());
    a.execute(
        "DELETE FROM role_assignment WHERE catalog_id = ?::uuid AND principal_id = ?::uuid",
        catalog,
        PAUL);
    millisUntilRefused(a, catalog);
    millisUntilRefused(b, catalog);
  }
}
