package dev.steward.adapter.postgres;

import dev.steward.application.port.out.duework.ScheduledWork;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Due work in {@code scheduled_work}. Claiming uses {@code FOR UPDATE SKIP LOCKED} and a lease, so
 * concurrent schedulers on one database take disjoint items and a crashed one's items come back.
 */
final class PgScheduledWork implements ScheduledWork {
  private static final String SCHEDULE =
      "INSERT INTO scheduled_work (kind, subject_id, due_at) VALUES ($1, $2, $3)"
          + " ON CONFLICT (kind, subject_id) DO UPDATE SET due_at = EXCLUDED.due_at,"
          + " lease_until = NULL, attempts = 0";
  private static final String SCHEDULE_IF_ABSENT =
      "INSERT INTO scheduled_work (kind, subject_id, due_at) VALUES ($1, $2, $3)"
          + " ON CONFLICT (kind, subject_id) DO NOTHING";
  private static final String RETRY_LATER =
      "UPDATE scheduled_work SET due_at = $4, lease_until = NULL"
          + " WHERE kind = $1 AND subject_id = $2 AND due_at = $3";
  private static final String CANCEL =
      "DELETE FROM scheduled_work WHERE kind = $1 AND subject_id = $2";
  private static final String CLAIM =
      "UPDATE scheduled_work w SET lease_until = $2, attempts = w.attempts + 1 FROM ("
          + "SELECT kind, subject_id FROM scheduled_work WHERE due_at <= $1"
          + " AND (lease_until IS NULL OR lease_until < $1) ORDER BY due_at LIMIT $3"
          + " FOR UPDATE SKIP LOCKED) d WHERE w.kind = d.kind AND w.subject_id = d.subject_id"
          + " RETURNING w.kind, w.subject_id, w.due_at, w.attempts";
  private static final String COMPLETE =
      "DELETE FROM scheduled_work WHERE kind = $1 AND subject_id = $2 AND due_at = $3";
  private static final String OLDEST = "SELECT min(due_at) FROM scheduled_work WHERE due_at <= $1";

  private final SqlClient client;

  PgScheduledWork(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> schedule(Kind kind, String subjectId, Instant dueAt) {
    return client
        .preparedQuery(SCHEDULE)
        .execute(Tuple.of(kind.name(), Sql.uuid(subjectId), Sql.time(dueAt)))
        .mapEmpty();
  }

  @Override
  public Future<Void> scheduleIfAbsent(Kind kind, String subjectId, Instant dueAt) {
    return client
        .preparedQuery(SCHEDULE_IF_ABSENT)
        .execute(Tuple.of(kind.name(), Sql.uuid(subjectId), Sql.time(dueAt)))
        .mapEmpty();
  }

  @Override
  public Future<Void> retryLater(Item item, Instant dueAt) {
    return client
        .preparedQuery(RETRY_LATER)
        .execute(
            Tuple.of(
                item.kind().name(),
                Sql.uuid(item.subjectId()),
                Sql.time(item.dueAt()),
                Sql.time(dueAt)))
        .mapEmpty();
  }

  @Override
  public Future<Void> cancel(Kind kind, String subjectId) {
    return client
        .preparedQuery(CANCEL)
        .execute(Tuple.of(kind.name(), Sql.uuid(subjectId)))
        .mapEmpty();
  }

  @Override
  public Future<List<Item>> claimDue(Instant now, Instant leaseUntil, int limit) {
    return client
        .preparedQuery(CLAIM)
        .execute(Tuple.of(Sql.time(now), Sql.time(leaseUntil), limit))
        .map(
            rows ->
                PgAccessPackages.all(
                    rows,
                    r ->
                        new Item(
                            Kind.valueOf(r.getString("kind")),
                            r.getUUID("subject_id").toString(),
                            r.getOffsetDateTime("due_at").toInstant(),
                            r.getInteger("attempts"))));
  }

  @Override
  public Future<Void> complete(Item item) {
    // Only the item as claimed: one moved meanwhile (a new due time) stays.
    return client
        .preparedQuery(COMPLETE)
        .execute(Tuple.of(item.kind().name(), Sql.uuid(item.subjectId()), Sql.time(item.dueAt())))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Instant>> oldestDue(Instant now) {
    return client
        .preparedQuery(OLDEST)
        .execute(Tuple.of(Sql.time(now)))
        .map(
            rows ->
                Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0))
                    .map(OffsetDateTime::toInstant));
  }
}
