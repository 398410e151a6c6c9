package dev.steward.adapter.postgres;

import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.audit.ChainVerification;
import dev.steward.domain.CatalogId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The audit trail in the append-only {@code audit_record} table. */
final class PgAuditTrail implements AuditTrail {
  private static final String INSERT =
      Sql.INSERT_AUDIT + " RETURNING seq, " + AuditSeal.canonical("audit_record") + " AS canonical";

  private final SqlClient client;
  private final Pool pool;
  private final PgAuditChain chain;
  private final AuditSeal seal;

  /**
   * The trail on one connection. {@code chain} collects the records a transaction writes so that
   * they are sealed before it commits; it is null for reads, where nothing may be written. {@code
   * pool} (reads only) gives the chain's verification a connection and a snapshot of its own.
   */
  PgAuditTrail(SqlClient client, Pool pool, PgAuditChain chain, AuditSeal seal) {
    this.client = client;
    this.pool = pool;
    this.chain = chain;
    this.seal = seal;
  }

  @Override
  public Future<Void> append(AuditRecord r) {
    if (chain == null) {
      return Future.failedFuture(
          new IllegalStateException("audit records are written inside a transaction only"));
    }
    return client
        .preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  Sql.uuid(r.id()),
                  Sql.time(r.at()),
                  r.actorId(),
                  r.action(),
                  r.targetType(),
                  r.targetId(),
                  json(r.before()),
                  json(r.after()),
                  r.requestId(),
                  r.actorLogin(),
                  r.ipAddress(),
                  Sql.uuid(r.catalogId())
                }))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              chain.written(row.getLong("seq"), row.getString("canonical"));
              return null;
            });
  }

  @Override
  public Future<ChainVerification> verifyChain() {
    if (pool == null) {
      return Future.failedFuture(
          new IllegalStateException("the chain is verified in a read, not in a transaction"));
    }
    return PgAuditChain.verify(pool, seal);
  }

  private static JsonObject json(Map<String, Object> map) {
    return map == null ? null : new JsonObject(map);
  }

  @Override
  public Future<List<AuditRecord>> forTarget(String targetId, int limit) {
    return client
        .preparedQuery(Sql.AUDIT_FOR_TARGET)
        .execute(Tuple.of(targetId, limit))
        .map(
            rows -> {
              List<AuditRecord> found = new ArrayList<>();
              rows.forEach(row -> found.add(fromRow(row)));
              return found;
            });
  }

  private static AuditRecord fromRow(Row row) {
    return new AuditRecord(
        row.getUUID("id").toString(),
        row.getOffsetDateTime("at").toInstant(),
        row.getString("actor_id"),
        row.getString("action"),
        row.getString("target_type"),
        row.getString("target_id"),
        map(row.getJsonObject("before")),
        map(row.getJsonObject("after")),
        row.getString("request_id"),
        row.getString("actor_login"),
        row.getString("ip_address"),
        row.getUUID("catalog_id") == null ? null : row.getUUID("catalog_id").toString());
  }

  /**
   * Records already read, by id. The table is append-only — the application's role may only insert,
   * and a trigger stops even the schema's owner — so a record read once is the record for good; a
   * change made around both shows in the chain's verification, not here (decision 0026). Half of
   * Postgres's work for a page of records was sending their before and after documents, and the
   * same newest pages are read again and again: a page is found by id first and only the records
   * not read before are fetched whole. At most 5,000; past that, all are forgotten at once.
   */
  private static final Remembered<UUID, AuditRecord> READ = new Remembered<>(5_000);

  private static final String BY_IDS =
      "SELECT " + Sql.AUDIT_COLUMNS + " FROM audit_record WHERE id = ANY($1)";

  @Override
  public Future<List<AuditRecord>> find(Optional<Set<CatalogId>> only, AuditQuery q) {
    // Keyset paging on (at, seq), the order of the indexes, from the last record handed out;
    // each filter is its own statement so that Postgres picks the index that fits it.
    String direction = q.oldestFirst() ? "ASC" : "DESC";
    Filtered f =
        filtered("SELECT id FROM audit_record", only, q)
            .and(
                "(at, seq) "
                    + (q.oldestFirst() ? ">" : "<")
                    + " (SELECT at, seq FROM audit_record WHERE id = ?)",
                Sql.uuid(q.afterId()))
            .orderBy("at " + direction + ", seq " + direction, q.limit());
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .compose(
            rows -> {
              List<UUID> ids = new ArrayList<>(rows.size());
              rows.forEach(row -> ids.add(row.getUUID(0)));
              // Taken now: the memo may be emptied by another request while this one waits.
              Map<UUID, AuditRecord> known = new HashMap<>();
              List<UUID> missing = new ArrayList<>();
              for (UUID id : ids) {
                AuditRecord r = READ.get(id);
                if (r == null) {
                  missing.add(id);
                } else {
                  known.put(id, r);
                }
              }
              Future<Map<UUID, AuditRecord>> fetched =
                  missing.isEmpty() ? Future.succeededFuture(Map.of()) : byIds(missing);
              return fetched.map(
                  found -> {
                    known.putAll(found);
                    return ids.stream().map(known::get).toList();
                  });
            });
  }

  /** The records with {@code ids}, read whole and remembered. */
  private Future<Map<UUID, AuditRecord>> byIds(List<UUID> ids) {
    return client
        .preparedQuery(BY_IDS)
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, AuditRecord> found = new HashMap<>();
              rows.forEach(
                  row -> {
                    AuditRecord r = fromRow(row);
                    found.put(row.getUUID("id"), r);
                  });
              READ.rememberAll(found);
              return found;
            });
  }

  /** The records of {@code only} catalogs that pass the query's filters, before any paging. */
  private static Filtered filtered(String selectFrom, Optional<Set<CatalogId>> only, AuditQuery q) {
    return new Filtered(selectFrom)
        .in("catalog_id", only.map(s -> Filtered.uuids(s.stream().map(CatalogId::value).toList())))
        .and("at >= ?", q.from().map(Sql::time))
        .and("at <= ?", q.to().map(Sql::time))
        .in("action", q.actions().map(a -> a.toArray(String[]::new)))
        .and("request_id = ?", q.requestId())
        .and("actor_id = ?", q.actorId())
        .and("target_id = ?", q.targetId());
  }

  @Override
  public Future<Long> count(Optional<Set<CatalogId>> only, AuditQuery q, long atMost) {
    // The inner LIMIT bounds the walk; the count is exact up to atMost and says "more" beyond.
    Filtered f = filtered("SELECT 1 FROM audit_record", only, q).limit(atMost + 1);
    return client
        .preparedQuery("SELECT count(*) FROM (" + f.sql() + ") AS bounded")
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Optional<AuditRecord>> get(String id) {
    return client
        .preparedQuery(Sql.AUDIT_BY_ID)
        .execute(Tuple.of(Sql.uuid(id)))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(fromRow(rows.iterator().next()))
                    : Optional.empty());
  }

  /** Unmodifiable: a record read once is shared by every answer that lists it (READ). */
  private static Map<String, Object> map(JsonObject json) {
    return json == null ? null : java.util.Collections.unmodifiableMap(json.getMap());
  }
}
