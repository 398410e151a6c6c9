package dev.steward.adapter.postgres;

import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Access package assignments in {@code access_package_assignment}. */
final class PgAssignments implements Assignments {
  private static final String COLUMNS =
      "id, access_package_id, policy_id, catalog_id, target_id, state, start_at, end_at, expired_at,"
          + " delivery_error, created_at, modified_at, notification_status";
  private static final String INSERT =
      "INSERT INTO access_package_assignment ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
  private static final String UPDATE =
      "UPDATE access_package_assignment SET access_package_id = $2, policy_id = $3, catalog_id = $4,"
          + " target_id = $5, state = $6, start_at = $7, end_at = $8, expired_at = $9,"
          + " delivery_error = $10, created_at = $11, modified_at = $12,"
          + " notification_status = $13 WHERE id = $1";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM access_package_assignment WHERE id = $1";
  private static final String ACTIVE_OF =
      "SELECT "
          + COLUMNS
          + " FROM access_package_assignment WHERE target_id = $1"
          + " AND state IN ('delivering', 'delivered', 'deliveryFailed') ORDER BY id";

  /** A transaction-scoped advisory lock per user (pg_advisory_xact_lock: released at commit). */
  private static final String LOCK_HOLDER = "SELECT pg_advisory_xact_lock($1)";

  private final SqlClient client;

  PgAssignments(SqlClient client) {
    this.client = client;
  }

  private static OffsetDateTime time(Instant i) {
    return i == null ? null : Sql.time(i);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static Tuple values(Assignment a) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(a.id().value()),
          Sql.uuid(a.accessPackageId().value()),
          Sql.uuid(a.policyId().value()),
          Sql.uuid(a.catalogId().value()),
          Sql.uuid(a.targetId().value()),
          a.state().apiName(),
          time(a.startDateTime()),
          time(a.endDateTime()),
          time(a.expiredDateTime()),
          a.deliveryError(),
          time(a.createdDateTime()),
          time(a.modifiedDateTime()),
          a.notificationStatus()
        });
  }

  static Assignment fromRow(Row r) {
    return new Assignment(
        new AssignmentId(r.getUUID("id").toString()),
        new AccessPackageId(r.getUUID("access_package_id").toString()),
        new PolicyId(r.getUUID("policy_id").toString()),
        new CatalogId(r.getUUID("catalog_id").toString()),
        new PrincipalId(r.getUUID("target_id").toString()),
        Assignment.State.parse(r.getString("state")),
        instant(r, "start_at"),
        instant(r, "end_at"),
        instant(r, "expired_at"),
        r.getString("delivery_error"),
        instant(r, "created_at"),
        instant(r, "modified_at"),
        r.getString("notification_status"));
  }

  @Override
  public Future<Void> lockHolder(PrincipalId target) {
    java.util.UUID id = Sql.uuid(target.value());
    // One 64-bit key per user; a collision only makes two users wait for each other.
    long key = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    return client.preparedQuery(LOCK_HOLDER).execute(Tuple.of(key)).mapEmpty();
  }

  @Override
  public Future<Void> insert(Assignment a) {
    return client
        .preparedQuery(INSERT)
        .execute(values(a))
        .<Void>mapEmpty()
        .recover(PgErrors::translate);
  }

  @Override
  public Future<Void> update(Assignment a) {
    return client
        .preparedQuery(UPDATE)
        .execute(values(a))
        .<Void>mapEmpty()
        .recover(PgErrors::translate);
  }

  @Override
  public Future<Optional<Assignment>> find(AssignmentId id) {
    return client
        .preparedQuery(FIND)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgAssignments::fromRow));
  }

  @Override
  public Future<Optional<Assignment>> findForUpdate(AssignmentId id) {
    return client
        .preparedQuery(FIND + " FOR UPDATE")
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgAssignments::fromRow));
  }

  @Override
  public Future<List<Assignment>> activeOf(PrincipalId target) {
    return client
        .preparedQuery(ACTIVE_OF)
        .execute(Tuple.of(Sql.uuid(target.value())))
        .map(rows -> PgAccessPackages.all(rows, PgAssignments::fromRow));
  }

  /** The assignments that pass the query's filters, before any paging. */
  private static Filtered filtered(String selectFrom, Query q) {
    return new Filtered(selectFrom)
        .in(
            "catalog_id",
            q.catalogs().map(s -> Filtered.uuids(s.stream().map(c -> c.value()).toList())))
        .and("access_package_id = ?", q.accessPackage().map(x -> Sql.uuid(x.value())))
        .and("target_id = ?", q.target().map(x -> Sql.uuid(x.value())))
        .in(
            "state",
            q.states().map(s -> s.stream().map(Assignment.State::apiName).toArray(String[]::new)))
        .and("policy_id = ?", q.policy().map(x -> Sql.uuid(x.value())));
  }

  @Override
  public Future<List<Assignment>> list(Query q) {
    Filtered f =
        filtered("SELECT " + COLUMNS + " FROM access_package_assignment", q)
            .page(q.afterId(), q.limit());
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> PgAccessPackages.all(rows, PgAssignments::fromRow));
  }

  @Override
  public Future<Long> count(Query q) {
    Filtered f = filtered("SELECT count(*) FROM access_package_assignment", q);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
