package dev.steward.adapter.postgres;

import dev.steward.application.port.out.audit.ChainVerification;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The chain of seals over the audit trail: written at the end of each transaction that wrote audit
 * records, walked on demand by {@link #verify}.
 *
 * <p>A transaction's records are inserted as they are appended; their links are added last, just
 * before the commit, under one transaction-scoped advisory lock that orders every writer. Taking
 * the lock last keeps it out of every lock cycle (nothing waits while holding it but the commit),
 * and holds it only for one read, one batched insert and the commit.
 */
final class PgAuditChain {
  /** The chain's lock, in the two-key space so that it never meets the per-user locks. */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(1400138084, 1)";

  private static final String HEAD =
      "SELECT position, hash FROM audit_seal ORDER BY position DESC LIMIT 1";
  private static final String INSERT_SEAL =
      "INSERT INTO audit_seal (position, record_seq, prev_hash, hash) VALUES ($1, $2, $3, $4)";
  private static final int PAGE = 2000;
  private static final String WALK =
      "SELECT s.position, s.prev_hash, s.hash, r.id, r.at, "
          + AuditSeal.canonical("r")
          + " AS canonical FROM audit_seal s LEFT JOIN audit_record r ON r.seq = s.record_seq"
          + " WHERE s.position > $1 ORDER BY s.position LIMIT "
          + PAGE;
  private static final String UNSEALED =
      "SELECT r.id FROM audit_record r, audit_chain_genesis g WHERE r.seq > g.legacy_max_seq"
          + " AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.record_seq = r.seq)"
          + " ORDER BY r.seq LIMIT 1";
  private static final String LEGACY =
      "SELECT g.legacy_records, (SELECT count(*) FROM audit_record r WHERE r.seq <="
          + " g.legacy_max_seq AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.record_seq ="
          + " r.seq)) AS now FROM audit_chain_genesis g";

  /** A record written in this transaction and waiting for its link. */
  record Written(long seq, String canonical) {}

  private final AuditSeal seal;
  private final List<Written> pending = new ArrayList<>();

  PgAuditChain(AuditSeal seal) {
    this.seal = seal;
  }

  void written(long seq, String canonical) {
    pending.add(new Written(seq, canonical));
  }

  /** Links this transaction's records to the chain; the last statements before the commit. */
  Future<Void> seal(SqlClient conn) {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.query(LOCK)
        .execute()
        .compose(locked -> conn.query(HEAD).execute())
        .compose(
            head -> {
              long position = 0;
              byte[] previous = AuditSeal.GENESIS;
              if (head.iterator().hasNext()) {
                Row last = head.iterator().next();
                position = last.getLong("position");
                previous = last.getBuffer("hash").getBytes();
              }
              List<Tuple> links = new ArrayList<>(pending.size());
              for (Written w : pending) {
                position++;
                byte[] hash = seal.link(previous, position, w.canonical());
                links.add(
                    Tuple.of(
                        position,
                        w.seq(),
                        io.vertx.core.buffer.Buffer.buffer(previous),
                        io.vertx.core.buffer.Buffer.buffer(hash)));
                previous = hash;
              }
              pending.clear();
              return conn.preparedQuery(INSERT_SEAL).executeBatch(links).mapEmpty();
            });
  }

  /** Walks the whole chain in one consistent snapshot and reports the first break. */
  static Future<ChainVerification> verify(Pool pool, AuditSeal seal) {
    return pool.withTransaction(
        conn ->
            conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .compose(set -> new Walk(conn, seal).from(0, AuditSeal.GENESIS))
                .compose(walk -> walk.finish(conn)));
  }

  /** The walk's progress: links checked so far, the last that held, the first break. */
  private static final class Walk {
    private final SqlConnection conn;
    private final AuditSeal seal;
    private long checked;
    private ChainVerification.Link head;
    private ChainVerification.Break broken;

    Walk(SqlConnection conn, AuditSeal seal) {
      this.conn = conn;
      this.seal = seal;
    }

    Future<Walk> from(long after, byte[] previous) {
      return conn.preparedQuery(WALK)
          .execute(Tuple.of(after))
          .compose(
              rows -> {
                long position = after;
                byte[] prev = previous;
                int seen = 0;
                for (Row r : rows) {
                  seen++;
                  long at = r.getLong("position");
                  byte[] hash = r.getBuffer("hash").getBytes();
                  String recordId = r.getUUID("id") == null ? null : r.getUUID("id").toString();
                  if (at != position + 1) {
                    return fail(position + 1, null, "link " + (position + 1) + " is missing");
                  }
                  if (!Arrays.equals(r.getBuffer("prev_hash").getBytes(), prev)) {
                    return fail(at, recordId, "the link does not follow the link before it");
                  }
                  if (recordId == null) {
                    return fail(at, null, "the sealed record is gone");
                  }
                  if (!seal.holds(hash, prev, at, r.getString("canonical"))) {
                    return fail(
                        at,
                        recordId,
                        "the record differs from what was sealed, or was sealed without"
                            + " Steward's audit key");
                  }
                  checked++;
                  head =
                      new ChainVerification.Link(
                          at,
                          recordId,
                          r.getOffsetDateTime("at").toInstant(),
                          Base64.getEncoder().encodeToString(hash));
                  position = at;
                  prev = hash;
                }
                return seen == PAGE ? from(position, prev) : Future.succeededFuture(this);
              });
    }

    private Future<Walk> fail(long position, String recordId, String reason) {
      broken = new ChainVerification.Break(position, recordId, reason);
      return Future.succeededFuture(this);
    }

    Future<ChainVerification> finish(SqlConnection conn) {
      return conn.query(LEGACY)
          .execute()
          .compose(
              legacy -> {
                Row g = legacy.iterator().next();
                long kept = g.getLong("legacy_records");
                long now = g.getLong("now");
                if (broken == null && now != kept) {
                  broken =
                      new ChainVerification.Break(
                          0,
                          null,
                          (now - kept)
                              + " records differ in number among the "
                              + kept
                              + " written before the chain began");
                }
                return conn.query(UNSEALED)
                    .execute()
                    .map(
                        unsealed -> {
                          if (broken == null && unsealed.iterator().hasNext()) {
                            broken =
                                new ChainVerification.Break(
                                    0,
                                    unsealed.iterator().next().getUUID("id").toString(),
                                    "the record carries no seal: Steward did not write it");
                          }
                          return new ChainVerification(
                              checked,
                              kept,
                              Optional.ofNullable(head),
                              Optional.ofNullable(broken));
                        });
              });
    }
  }
}
