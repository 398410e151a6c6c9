package dev.steward.adapter.postgres;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.domain.Guid;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit table cannot be changed or emptied, by the application's role or by its owner. */
class AuditAppendOnlyTest {
  private static Vertx vertx;
  private static PostgresSettings settings;
  private static Pool pool;
  private static final String TARGET = Guid.random();

  @BeforeAll
  static void start() {
    settings = TestPostgres.freshDatabase();
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, settings);
    AuditRecord r =
        new AuditRecord(
            Guid.random(),
            Instant.now(),
            Guid.random(),
            "catalog.create",
            "catalog",
            TARGET,
            null,
            Map.of("displayName", "X"),
            "req");
    await(
        PgPools.transactions(pool, TestPostgres.SEAL)
            .inTransaction(uow -> uow.auditTrail().append(r)));
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private static PgException asApplication(String sql) {
    return assertThrows(PgException.class, () -> await(pool.query(sql).execute()));
  }

  @Test
  void theApplicationRoleCannotUpdateDeleteOrTruncateAuditRecords() {
    for (String sql :
        new String[] {
          "UPDATE audit_record SET action = 'forged'",
          "DELETE FROM audit_record",
          "TRUNCATE audit_record"
        }) {
      PgException e = asApplication(sql);
      assertEquals("42501", e.getSqlState(), sql + ": " + e.getMessage());
    }
    var kept =
        await(
            PgPools.transactions(pool, TestPostgres.SEAL)
                .read(uow -> uow.auditTrail().forTarget(TARGET, 10)));
    assertTrue(kept.stream().anyMatch(r -> r.action().equals("catalog.create")));
    assertTrue(kept.stream().noneMatch(r -> r.action().equals("forged")));
  }

  @Test
  void eventheSchemaOwnerIsStoppedByTheTrigger() throws Exception {
    try (var c =
            DriverManager.getConnection(
                settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword());
        var s = c.createStatement()) {
      var e =
          assertThrows(java.sql.SQLException.class, () -> s.execute("DELETE FROM audit_record"));
      assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }
  }

  @Test
  void theApplicationRoleCanStillAppend() {
    AuditRecord r =
        new AuditRecord(
            Guid.random(),
            Instant.now(),
            Guid.random(),
            "catalog.update",
            "catalog",
            TARGET,
            Map.of("a", 1),
            Map.of("a", 2),
            "req2");
    await(
        PgPools.transactions(pool, TestPostgres.SEAL)
            .inTransaction(uow -> uow.auditTrail().append(r)));
  }
}
