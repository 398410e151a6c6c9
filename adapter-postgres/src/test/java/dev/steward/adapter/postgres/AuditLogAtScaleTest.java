package dev.steward.adapter.postgres;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.domain.CatalogId;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newest audit records — of everything, of one catalog, of one actor — are read by walking an
 * index, however many records there are: Postgres's plan has no sort and no scan of the table. Rows
 * default to 200,000 (-Dsteward.auditRows=1000000 for the figure in the README).
 */
class AuditLogAtScaleTest {
  private static final int ROWS = Integer.getInteger("steward.auditRows", 200_000);
  private static final String CATALOG = "3c000000-0000-4000-8000-000000000007";
  private static final String ACTOR = "2b000000-0000-4000-8000-000000000003";
  private static Vertx vertx;
  private static PostgresSettings settings;
  private static Pool pool;

  @BeforeAll
  static void seed() {
    settings = TestPostgres.freshDatabase();
    // 50 catalogs, 100 actors, a record a second over the last ROWS seconds.
    TestPostgres.asOwner(
        settings,
        "INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, request_id,"
            + " actor_login, catalog_id)"
            + " SELECT gen_random_uuid(), now() - make_interval(secs => n), '2b000000-0000-4000-8000-'"
            + " || lpad((n % 100)::text, 12, '0'), 'approval.approve', 'assignmentRequest',"
            + " gen_random_uuid()::text, 'req-' || n, 'user' || (n % 100),"
            + " ('3c000000-0000-4000-8000-' || lpad((n % 50)::text, 12, '0'))::uuid"
            + " FROM generate_series(1, ?) n",
        ROWS);
    TestPostgres.asOwner(settings, "ANALYZE audit_record");
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, settings);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private static List<AuditRecord> newest(Optional<Set<CatalogId>> only, AuditQuery q) {
    return await(
        PgPools.transactions(pool, TestPostgres.SEAL).read(uow -> uow.auditTrail().find(only, q)));
  }

  private static String plan(String where) {
    List<String> lines = new ArrayList<>();
    for (Row r :
        await(
            pool.query(
                    "EXPLAIN SELECT id FROM audit_record WHERE true"
                        + where
                        + " ORDER BY at DESC, seq DESC LIMIT 51")
                .execute())) {
      lines.add(r.getString(0));
    }
    return String.join("\n", lines);
  }

  @Test
  void theNewestFiftyOfEverythingOfACatalogAndOfAnActorAreAnIndexWalk() {
    for (String where :
        List.of(
            "",
            " AND catalog_id = '" + CATALOG + "'",
            " AND actor_id = '" + ACTOR + "'",
            " AND action = 'approval.approve'")) {
      String plan = plan(where);
      assertTrue(plan.contains("Index Scan Backward"), where + "\n" + plan);
      assertFalse(plan.contains("Sort"), where + "\n" + plan);
    }
    AuditQuery fifty = AuditQuery.all(null, 50);
    Optional<Set<CatalogId>> one = Optional.of(Set.of(new CatalogId(CATALOG)));
    List<AuditRecord> all = newest(Optional.empty(), fifty);
    List<AuditRecord> ofCatalog = newest(one, fifty);
    List<AuditRecord> next = newest(one, AuditQuery.all(ofCatalog.get(49).id(), 50));
    // Warmed up above (prepared statements, caches); now the figure: three reads, ten times.
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      newest(Optional.empty(), fifty);
      newest(one, fifty);
      newest(one, AuditQuery.all(ofCatalog.get(49).id(), 50));
    }
    double ms = (System.nanoTime() - start) / 1e6 / 30;
    System.out.printf("audit log: %d records, newest 50 read in %.2f ms on average%n", ROWS, ms);
    assertEquals(50, all.size());
    assertTrue(ofCatalog.stream().allMatch(r -> CATALOG.equals(r.catalogId())));
    assertTrue(next.get(0).at().isBefore(ofCatalog.get(49).at()));
    assertTrue(all.get(0).at().isAfter(Instant.now().minusSeconds(60)));
  }
}
