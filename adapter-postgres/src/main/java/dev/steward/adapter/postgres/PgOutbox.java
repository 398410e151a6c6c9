package dev.steward.adapter.postgres;

import dev.steward.application.port.out.notifications.Outbox;
import dev.steward.application.port.out.notifications.OutboxMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox in {@code outbox}. A dedupe key is recorded once ({@code ON CONFLICT DO NOTHING});
 * claiming uses {@code FOR UPDATE SKIP LOCKED} and moves the row's next attempt to the end of the
 * lease, so concurrent senders take disjoint rows and a crashed sender's rows come back.
 */
final class PgOutbox implements Outbox {
  private static final String ENQUEUE =
      "INSERT INTO outbox (id, channel, kind, dedupe_key, target, payload, next_attempt_at,"
          + " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)"
          + " ON CONFLICT (dedupe_key) DO NOTHING";
  private static final String CLAIM =
      "UPDATE outbox o SET next_attempt_at = $3, attempts = o.attempts + 1 FROM ("
          + "SELECT id FROM outbox WHERE channel = $1 AND state = 'waiting'"
          + " AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $4"
          + " FOR UPDATE SKIP LOCKED) d WHERE o.id = d.id"
          + " RETURNING o.id, o.channel, o.kind, o.dedupe_key, o.target, o.payload, o.attempts,"
          + " o.created_at";
  private static final String DONE =
      "UPDATE outbox SET state = 'done', settled_at = $2, last_error = NULL WHERE id = $1";
  private static final String RETRY =
      "UPDATE outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND state = 'waiting'";
  private static final String PARK =
      "UPDATE outbox SET state = 'parked', settled_at = $2, last_error = $3 WHERE id = $1";
  private static final String STATS =
      "SELECT count(*) FILTER (WHERE state = 'waiting') AS waiting,"
          + " count(*) FILTER (WHERE state = 'parked') AS parked,"
          + " min(created_at) FILTER (WHERE state = 'waiting') AS oldest"
          + " FROM outbox WHERE channel = $1 AND state <> 'done'";

  private final SqlClient client;

  PgOutbox(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> enqueue(OutboxMessage m) {
    return client
        .preparedQuery(ENQUEUE)
        .execute(
            Tuple.from(
                new Object[] {
                  Sql.uuid(m.id()),
                  m.channel(),
                  m.kind(),
                  m.dedupeKey(),
                  m.target(),
                  new JsonObject(new LinkedHashMap<String, Object>(m.payload())),
                  Sql.time(m.createdAt())
                }))
        .mapEmpty();
  }

  @Override
  public Future<List<OutboxMessage>> claim(
      String channel, Instant now, Instant leaseUntil, int limit) {
    return client
        .preparedQuery(CLAIM)
        .execute(Tuple.of(channel, Sql.time(now), Sql.time(leaseUntil), limit))
        .map(
            rows -> {
              List<OutboxMessage> out = new ArrayList<>();
              rows.forEach(row -> out.add(message(row)));
              return out;
            });
  }

  private static OutboxMessage message(Row row) {
    Map<String, String> payload = new LinkedHashMap<>();
    row.getJsonObject("payload")
        .forEach(e -> payload.put(e.getKey(), String.valueOf(e.getValue())));
    return new OutboxMessage(
        row.getUUID("id").toString(),
        row.getString("channel"),
        row.getString("kind"),
        row.getString("dedupe_key"),
        row.getString("target"),
        payload,
        row.getInteger("attempts"),
        row.getOffsetDateTime("created_at").toInstant());
  }

  @Override
  public Future<Void> done(String id, Instant at) {
    return client.preparedQuery(DONE).execute(Tuple.of(Sql.uuid(id), Sql.time(at))).mapEmpty();
  }

  @Override
  public Future<Void> retry(String id, Instant next, String error) {
    return client
        .preparedQuery(RETRY)
        .execute(Tuple.of(Sql.uuid(id), Sql.time(next), error))
        .mapEmpty();
  }

  @Override
  public Future<Void> park(String id, Instant at, String error) {
    return client
        .preparedQuery(PARK)
        .execute(Tuple.of(Sql.uuid(id), Sql.time(at), error))
        .mapEmpty();
  }

  @Override
  public Future<Stats> stats(String channel, Instant now) {
    return client
        .preparedQuery(STATS)
        .execute(Tuple.of(channel))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Stats(
                  r.getLong("waiting"),
                  r.getLong("parked"),
                  Optional.ofNullable(r.getOffsetDateTime("oldest"))
                      .map(java.time.OffsetDateTime::toInstant));
            });
  }
}
