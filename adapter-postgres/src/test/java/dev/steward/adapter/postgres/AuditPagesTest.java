package dev.steward.adapter.postgres;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.domain.CatalogId;
import dev.steward.domain.Guid;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page of audit records is found by id and only the records not read before are fetched whole
 * (decision 0026): pages read again, from the memo, are the records as written, in order, with
 * every filter still applied by Postgres.
 */
class AuditPagesTest {
  private static Vertx vertx;
  private static Pool pool;
  private static final String CATALOG = Guid.random();
  private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final List<AuditRecord> WRITTEN = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, TestPostgres.freshDatabase());
    for (int i = 0; i < 7; i++) {
      write(i, i == 3 ? "catalog.update" : "roleAssignment.add");
    }
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private static AuditRecord write(int i, String action) {
    AuditRecord r =
        new AuditRecord(
            Guid.random(),
            START.plusSeconds(i),
            Guid.random(),
            action,
            "roleAssignment",
            Guid.random(),
            i % 2 == 0 ? null : Map.of("displayName", "before " + i),
            Map.of("displayName", "after \"" + i + "\"", "n", "x".repeat(i)),
            "req-" + i,
            "user-" + i,
            "127.0.0.1",
            CATALOG);
    await(
        PgPools.transactions(pool, TestPostgres.SEAL)
            .inTransaction(uow -> uow.auditTrail().append(r)));
    WRITTEN.add(r);
    return r;
  }

  private static List<AuditRecord> page(AuditQuery q) {
    return await(
        PgPools.transactions(pool, TestPostgres.SEAL)
            .read(uow -> uow.auditTrail().find(Optional.of(Set.of(new CatalogId(CATALOG))), q)));
  }

  /** Every page of three, newest first, following the keyset from the last record of each. */
  private static List<List<AuditRecord>> allPages() {
    List<List<AuditRecord>> pages = new ArrayList<>();
    String after = null;
    while (true) {
      List<AuditRecord> p = page(AuditQuery.all(after, 3));
      if (p.isEmpty()) {
        return pages;
      }
      pages.add(p);
      after = p.get(p.size() - 1).id();
    }
  }

  private static List<AuditRecord> newestFirst(List<AuditRecord> records) {
    List<AuditRecord> out = new ArrayList<>(records);
    out.sort((a, b) -> b.at().compareTo(a.at()));
    return out;
  }

  @Test
  void pagesReadAgainAreTheRecordsAsWrittenInOrderAndNewRecordsComeFirst() {
    List<List<AuditRecord>> cold = allPages();
    List<List<AuditRecord>> warm = allPages();
    assertEquals(cold, warm);
    assertEquals(newestFirst(WRITTEN), cold.stream().flatMap(List::stream).toList(), "as written");

    AuditRecord newer = write(10, "roleAssignment.remove");
    List<AuditRecord> first = page(AuditQuery.all(null, 3));
    assertEquals(newer, first.get(0));
    assertEquals(cold.get(0).subList(0, 2), first.subList(1, 3));
  }

  @Test
  void aFilterStillChoosesTheRecordsWhenTheyAreRemembered() {
    allPages();
    AuditQuery updates =
        new AuditQuery(
            Optional.empty(),
            Optional.empty(),
            Optional.of(Set.of("catalog.update")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            null,
            10);
    List<AuditRecord> found = page(updates);
    assertEquals(1, found.size());
    assertEquals(WRITTEN.get(3), found.get(0));
  }
}
