package dev.steward.adapter.postgres;

import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.AuditTrail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The audit trail in the append-only {@code audit_record} table. */
final class PgAuditTrail implements AuditTrail {
  private final SqlClient client;

  PgAuditTrail(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> append(AuditRecord r) {
    return client
        .preparedQuery(Sql.INSERT_AUDIT)
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
                  r.requestId()
                }))
        .mapEmpty();
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
        row.getString("request_id"));
  }

  private static Map<String, Object> map(JsonObject json) {
    return json == null ? null : json.getMap();
  }
}
