package dev.steward.adapter.postgres;

import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Role assignments in the {@code role_assignment} table. */
final class PgRoleAssignments implements RoleAssignments {
  private final SqlClient client;

  PgRoleAssignments(SqlClient client) {
    this.client = client;
  }

  /**
   * A row of {@link Sql#ASSIGNMENT_COLUMNS}, read by position: every read of this table selects
   * those columns in that order, and a lookup by name searches the row's column names each time
   * (Vert.x's {@code ColumnNames.indexOf}, 3% of a role-assignment listing in a JFR profile).
   * Assignments are never updated, only added and removed, and the same few are read on every
   * request that lists a catalog's roles or checks a caller's: each is built once per distinct row
   * (its six columns are the key, so a row that differed in any would be built anew).
   */
  static RoleAssignment fromRow(Row row) {
    RowValues values =
        new RowValues(
            row.getUUID(0),
            row.getUUID(1),
            row.getString(2),
            row.getUUID(3),
            row.getString(4),
            row.getOffsetDateTime(5));
    RoleAssignment known = BUILT.get(values);
    return known != null ? known : BUILT.remember(values, values.assignment());
  }

  private static final Remembered<RowValues, RoleAssignment> BUILT = new Remembered<>(20_000);

  /** The columns of a row as Postgres gave them. */
  private record RowValues(
      UUID id, UUID principal, String type, UUID role, String scope, OffsetDateTime created) {
    RoleAssignment assignment() {
      return new RoleAssignment(
          new RoleAssignmentId(id.toString()),
          new PrincipalId(principal.toString()),
          PrincipalType.valueOf(type.toUpperCase(Locale.ROOT)),
          RoleDefinition.byId(role.toString()).orElseThrow(),
          Scope.parse(scope),
          created.toInstant());
    }
  }

  private static List<RoleAssignment> all(RowSet<Row> rows) {
    List<RoleAssignment> found = new ArrayList<>();
    rows.forEach(r -> found.add(fromRow(r)));
    return found;
  }

  @Override
  public Future<Void> add(RoleAssignment a) {
    return client
        .preparedQuery(Sql.INSERT_ASSIGNMENT)
        .execute(
            Tuple.of(
                Sql.uuid(a.id().value()),
                Sql.uuid(a.principalId().value()),
                a.principalType().name().toLowerCase(Locale.ROOT),
                Sql.uuid(a.role().id()),
                a.scope().value(),
                a.scope().catalogId().map(c -> Sql.uuid(c.value())).orElse(null),
                Sql.time(a.createdDateTime())))
        .<Void>mapEmpty()
        .recover(PgErrors::translate);
  }

  @Override
  public Future<Optional<RoleAssignment>> find(RoleAssignmentId id) {
    return client
        .preparedQuery(Sql.FIND_ASSIGNMENT)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgRoleAssignments::fromRow));
  }

  @Override
  public Future<Void> remove(RoleAssignmentId id) {
    return client
        .preparedQuery(Sql.DELETE_ASSIGNMENT)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .mapEmpty();
  }

  @Override
  public Future<List<RoleAssignment>> query(RoleAssignmentQuery q) {
    Filtered f =
        filtered("SELECT " + Sql.ASSIGNMENT_COLUMNS + " FROM role_assignment", q)
            .page(q.afterId(), q.limit());
    return client.preparedQuery(f.sql()).execute(f.params()).map(PgRoleAssignments::all);
  }

  /** The assignments that pass the query's filters, before any paging. */
  private static Filtered filtered(String selectFrom, RoleAssignmentQuery q) {
    return new Filtered(selectFrom)
        .in(
            "app_scope_id",
            q.scopes().map(s -> s.stream().map(Scope::value).toArray(String[]::new)))
        .in(
            "principal_id",
            q.principals().map(s -> Filtered.uuids(s.stream().map(p -> p.value()).toList())))
        .in(
            "role_definition_id",
            q.roles().map(s -> Filtered.uuids(s.stream().map(r -> r.id()).toList())));
  }

  @Override
  public Future<Long> count(RoleAssignmentQuery q) {
    Filtered f = filtered("SELECT count(*) FROM role_assignment", q);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<List<RoleAssignment>> heldBy(Collection<PrincipalId> principals) {
    Tuple params = Tuple.tuple();
    params.addArrayOfUUID(principals.stream().map(p -> Sql.uuid(p.value())).toArray(UUID[]::new));
    return client
        .preparedQuery(Sql.ASSIGNMENTS_HELD_BY)
        .execute(params)
        .map(PgRoleAssignments::all);
  }

  @Override
  public Future<List<RoleAssignment>> inScope(Scope scope) {
    return client
        .preparedQuery(Sql.ASSIGNMENTS_IN_SCOPE)
        .execute(Tuple.of(scope.value()))
        .map(PgRoleAssignments::all);
  }

  @Override
  public Future<Long> countOwners(CatalogId catalog) {
    return client
        .preparedQuery(Sql.COUNT_OWNERS)
        .execute(Tuple.of(Sql.uuid(catalog.value()), Sql.uuid(RoleDefinition.CATALOG_OWNER.id())))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
