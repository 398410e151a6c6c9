package dev.steward.adapter.postgres;

import dev.steward.application.port.out.extensions.Callout;
import dev.steward.application.port.out.extensions.Callouts;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calls of custom extensions in {@code custom_extension_callout}; timed-out calls are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so two instances never end the same request.
 */
final class PgCallouts implements Callouts {
  private static final String COLUMNS =
      "id, request_id, assignment_id, extension_id, stage, status, timeout_at, detail, created_at,"
          + " sent_at, answered_at";
  private static final String INSERT =
      "INSERT INTO custom_extension_callout ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
  private static final String UPDATE =
      "UPDATE custom_extension_callout SET status = $2, detail = $3, sent_at = $4,"
          + " answered_at = $5 WHERE id = $1";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM custom_extension_callout WHERE id = $1";
  private static final String FOR_REQUEST =
      "SELECT " + COLUMNS + " FROM custom_extension_callout WHERE request_id = $1 ORDER BY seq";
  private static final String TIMED_OUT =
      "SELECT "
          + COLUMNS
          + " FROM custom_extension_callout WHERE status = 'waitingForCallback'"
          + " AND timeout_at <= $1 ORDER BY timeout_at LIMIT $2 FOR UPDATE SKIP LOCKED";

  private final SqlClient client;

  PgCallouts(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(Callout c) {
    return client.preparedQuery(INSERT).execute(values(c)).mapEmpty();
  }

  @Override
  public Future<Void> update(Callout c) {
    return client
        .preparedQuery(UPDATE)
        .execute(
            Tuple.of(
                Sql.uuid(c.id()),
                c.status().apiName(),
                c.detail(),
                c.sentAt() == null ? null : Sql.time(c.sentAt()),
                c.answeredAt() == null ? null : Sql.time(c.answeredAt())))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Callout>> find(String id) {
    return client.preparedQuery(FIND).execute(Tuple.of(Sql.uuid(id))).map(PgCallouts::first);
  }

  @Override
  public Future<Optional<Callout>> findForUpdate(String id) {
    return client
        .preparedQuery(FIND + " FOR UPDATE")
        .execute(Tuple.of(Sql.uuid(id)))
        .map(PgCallouts::first);
  }

  @Override
  public Future<List<Callout>> forRequest(String requestId) {
    return client
        .preparedQuery(FOR_REQUEST)
        .execute(Tuple.of(Sql.uuid(requestId)))
        .map(PgCallouts::all);
  }

  @Override
  public Future<List<Callout>> claimTimedOut(Instant now, int limit) {
    return client
        .preparedQuery(TIMED_OUT)
        .execute(Tuple.of(Sql.time(now), limit))
        .map(PgCallouts::all);
  }

  private static Optional<Callout> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next()));
  }

  private static List<Callout> all(RowSet<Row> rows) {
    List<Callout> out = new ArrayList<>();
    rows.forEach(r -> out.add(from(r)));
    return out;
  }

  private static Tuple values(Callout c) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(c.id()),
          c.requestId() == null ? null : Sql.uuid(c.requestId()),
          c.assignmentId() == null ? null : Sql.uuid(c.assignmentId()),
          Sql.uuid(c.extensionId()),
          c.stage().apiName(),
          c.status().apiName(),
          c.timeoutAt() == null ? null : Sql.time(c.timeoutAt()),
          c.detail(),
          Sql.time(c.createdAt()),
          c.sentAt() == null ? null : Sql.time(c.sentAt()),
          c.answeredAt() == null ? null : Sql.time(c.answeredAt())
        });
  }

  private static Callout from(Row r) {
    return new Callout(
        r.getUUID("id").toString(),
        text(r.getUUID("request_id")),
        text(r.getUUID("assignment_id")),
        r.getUUID("extension_id").toString(),
        CustomExtension.Stage.parse("stage", r.getString("stage")),
        Callout.Status.parse(r.getString("status")),
        instant(r.getOffsetDateTime("timeout_at")),
        r.getString("detail"),
        r.getOffsetDateTime("created_at").toInstant(),
        instant(r.getOffsetDateTime("sent_at")),
        instant(r.getOffsetDateTime("answered_at")));
  }

  private static String text(java.util.UUID id) {
    return id == null ? null : id.toString();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
