package dev.steward.adapter.postgres;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.ChainVerification;
import dev.steward.domain.Guid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's chain of seals: records written concurrently form one unbroken chain, and each
 * way of changing the trail behind Steward's back — a changed record, a removed one, a record
 * inserted by the application's role, a seal made without the key — is reported where it happened.
 */
class AuditChainTest {
  private Vertx vertx;
  private PostgresSettings settings;
  private Pool pool;
  private Transactions tx;

  @BeforeEach
  void start() {
    settings = TestPostgres.freshDatabase();
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, settings);
    tx = PgPools.transactions(pool, TestPostgres.SEAL);
  }

  @AfterEach
  void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private static AuditRecord record(String action, Map<String, Object> after) {
    return new AuditRecord(
        Guid.random(),
        Instant.now(),
        Guid.random(),
        action,
        "catalog",
        Guid.random(),
        null,
        after,
        "req-" + action,
        "alice",
        "127.0.0.1",
        Guid.random());
  }

  /** Writes {@code n} records, two to a transaction, 10 transactions at a time. */
  private List<AuditRecord> written(int n) {
    List<AuditRecord> all = new ArrayList<>();
    List<Future<Void>> running = new ArrayList<>();
    for (int i = 0; i < n; i += 2) {
      AuditRecord a = record("catalog.update", Map.of("n", i, "text", "ünïcode \"q\" " + i));
      AuditRecord b = record("catalog.create", Map.of("nested", Map.of("x", 1.5, "y", List.of(i))));
      all.add(a);
      all.add(b);
      running.add(
          tx.inTransaction(
              uow -> uow.auditTrail().append(a).compose(x -> uow.auditTrail().append(b))));
      if (running.size() == 10) {
        await(Future.all(running));
        running.clear();
      }
    }
    await(Future.all(running));
    return all;
  }

  private ChainVerification verify() {
    return await(tx.read(uow -> uow.auditTrail().verifyChain()));
  }

  private long positionOf(String recordId) throws Exception {
    try (var c =
            java.sql.DriverManager.getConnection(
                settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword());
        var s =
            c.prepareStatement(
                "SELECT s.position FROM audit_seal s JOIN audit_record r ON r.seq = s.record_seq"
                    + " WHERE r.id = ?::uuid")) {
      s.setString(1, recordId);
      var rs = s.executeQuery();
      assertTrue(rs.next(), "record " + recordId + " is sealed");
      return rs.getLong(1);
    }
  }

  /** Runs SQL as the schema's owner with the append-only triggers off: a rogue administrator. */
  private void behindStewardsBack(String sql) {
    TestPostgres.asOwner(
        settings,
        "ALTER TABLE audit_record DISABLE TRIGGER USER;"
            + " ALTER TABLE audit_seal DISABLE TRIGGER USER; "
            + sql);
  }

  @Test
  void recordsWrittenConcurrentlyFormOneUnbrokenChain() {
    List<AuditRecord> all = written(60);
    ChainVerification v = verify();
    assertTrue(v.intact(), () -> "broken: " + v.firstBreak());
    assertEquals(60, v.sealedRecords());
    assertEquals(60, v.head().orElseThrow().position());
    assertTrue(all.stream().anyMatch(r -> r.id().equals(v.head().get().recordId())));
    // A transaction that writes nothing to the trail leaves the chain as it was.
    await(
        tx.inTransaction(
            uow -> uow.catalogs().find(new dev.steward.domain.CatalogId(Guid.random()))));
    assertEquals(60, verify().sealedRecords());
  }

  @Test
  void aChangedRecordBreaksTheChainAtItsLink() throws Exception {
    List<AuditRecord> all = written(20);
    AuditRecord victim = all.get(7);
    long position = positionOf(victim.id());
    behindStewardsBack(
        "UPDATE audit_record SET after = '{\"n\": 999}' WHERE id = '" + victim.id() + "'");
    ChainVerification v = verify();
    assertFalse(v.intact());
    ChainVerification.Break b = v.firstBreak().orElseThrow();
    assertEquals(position, b.position());
    assertEquals(victim.id(), b.recordId());
    assertTrue(b.reason().contains("differs"), b.reason());
    assertEquals(position - 1, v.sealedRecords(), "the links before it held");
  }

  @Test
  void aRemovedRecordBreaksTheChainWhereItWas() throws Exception {
    List<AuditRecord> all = written(20);
    AuditRecord victim = all.get(12);
    long position = positionOf(victim.id());
    behindStewardsBack(
        "DELETE FROM audit_seal WHERE position = "
            + position
            + "; DELETE FROM audit_record WHERE id = '"
            + victim.id()
            + "'");
    ChainVerification.Break b = verify().firstBreak().orElseThrow();
    assertEquals(position, b.position());
    assertTrue(b.reason().contains("missing"), b.reason());
  }

  @Test
  void aRecordInsertedByTheApplicationRoleCarriesNoSeal() {
    written(4);
    String forged = Guid.random();
    await(
        pool.query(
                "INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id,"
                    + " request_id) VALUES ('"
                    + forged
                    + "', now(), 'x', 'roleAssignment.create', 'roleAssignment', 'y', 'z')")
            .execute());
    ChainVerification v = verify();
    ChainVerification.Break b = v.firstBreak().orElseThrow();
    assertEquals(forged, b.recordId());
    assertTrue(b.reason().contains("no seal"), b.reason());
    assertEquals(4, v.sealedRecords(), "the chain itself held");
  }

  @Test
  void aSealMadeWithoutStewardsKeyIsRefused() {
    written(4);
    // The application's role, holding its database password but not the audit key, writes a
    // record and links it properly with a key of its own.
    Transactions forger =
        PgPools.transactions(pool, AuditSeal.withKey("a key that is not steward's"));
    AuditRecord forged = record("roleAssignment.create", Map.of("role", "owner"));
    await(forger.inTransaction(uow -> uow.auditTrail().append(forged)));
    ChainVerification.Break b = verify().firstBreak().orElseThrow();
    assertEquals(5, b.position());
    assertEquals(forged.id(), b.recordId());
  }

  @Test
  void swappedRecordsAreNoticed() throws Exception {
    List<AuditRecord> all = written(6);
    long first = positionOf(all.get(1).id());
    long second = positionOf(all.get(4).id());
    long lower = Math.min(first, second);
    String both = "(" + first + ", " + second + ")";
    behindStewardsBack(
        "ALTER TABLE audit_seal DROP CONSTRAINT audit_seal_record_seq_fkey;"
            + " UPDATE audit_seal SET record_seq = -record_seq WHERE position IN "
            + both
            + "; UPDATE audit_seal a SET record_seq = (SELECT -b.record_seq FROM audit_seal b"
            + " WHERE b.position IN "
            + both
            + " AND b.position <> a.position) WHERE a.position IN "
            + both);
    ChainVerification.Break b = verify().firstBreak().orElseThrow();
    assertEquals(lower, b.position());
  }
}
