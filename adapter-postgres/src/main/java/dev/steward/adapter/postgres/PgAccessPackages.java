package dev.steward.adapter.postgres;

import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.out.packages.AccessPackages;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Access packages, their resource roles and incompatibilities. */
final class PgAccessPackages implements AccessPackages {
  private final SqlClient client;

  PgAccessPackages(SqlClient client) {
    this.client = client;
  }

  static AccessPackage fromRow(Row r) {
    return new AccessPackage(
        new AccessPackageId(r.getUUID("id").toString()),
        new CatalogId(r.getUUID("catalog_id").toString()),
        r.getString("display_name"),
        r.getString("description"),
        r.getBoolean("is_hidden"),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("modified_at").toInstant());
  }

  static ResourceRoleScope scopeFromRow(Row r) {
    return new ResourceRoleScope(
        new ResourceRoleScopeId(r.getUUID("id").toString()),
        new AccessPackageId(r.getUUID("access_package_id").toString()),
        new ResourceId(r.getUUID("resource_id").toString()),
        new PrincipalId(r.getUUID("group_id").toString()),
        ResourceRole.valueOf(r.getString("role_name").toUpperCase(Locale.ROOT)),
        r.getOffsetDateTime("created_at").toInstant());
  }

  static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }

  private static Tuple values(AccessPackage p) {
    return Tuple.of(
        Sql.uuid(p.id().value()),
        Sql.uuid(p.catalogId().value()),
        p.displayName(),
        p.description(),
        p.isHidden(),
        Sql.time(p.createdDateTime()),
        Sql.time(p.modifiedDateTime()));
  }

  private Future<Long> count(String sql, String id) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(Sql.uuid(id)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private Future<Void> run(String sql, Tuple params) {
    return client.preparedQuery(sql).execute(params).<Void>mapEmpty().recover(PgErrors::translate);
  }

  @Override
  public Future<Long> countInCatalog(CatalogId catalog) {
    return count(Sql.COUNT_PACKAGES_IN_CATALOG, catalog.value());
  }

  @Override
  public Future<Void> insert(AccessPackage pkg) {
    return run(Sql.INSERT_PACKAGE, values(pkg));
  }

  @Override
  public Future<Optional<AccessPackage>> find(AccessPackageId id) {
    return one(Sql.FIND_PACKAGE, id);
  }

  /** The package by id, read with {@code sql}: plain, {@code FOR UPDATE} or {@code FOR SHARE}. */
  private Future<Optional<AccessPackage>> one(String sql, AccessPackageId id) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgAccessPackages::fromRow));
  }

  @Override
  public Future<List<AccessPackage>> findAll(Set<AccessPackageId> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client
        .preparedQuery(Sql.FIND_PACKAGES)
        .execute(Tuple.of(Filtered.uuids(ids.stream().map(AccessPackageId::value).toList())))
        .map(rows -> all(rows, PgAccessPackages::fromRow));
  }

  @Override
  public Future<List<AccessPackage>> requestableBy(
      PrincipalId user, Set<PrincipalId> groups, int limit) {
    if (limit <= 0) {
      return Future.succeededFuture(List.of());
    }
    Filtered f =
        requestable("SELECT " + Sql.PACKAGE_COLUMNS + " FROM access_package", user, groups)
            .orderBy("id", limit);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> all(rows, PgAccessPackages::fromRow));
  }

  @Override
  public Future<Long> countRequestableBy(PrincipalId user, Set<PrincipalId> groups) {
    Filtered f = requestable("SELECT count(*) FROM access_package", user, groups);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The visible packages {@code user} may ask for themself (decisions 0024, 0028). */
  private static Filtered requestable(
      String selectFrom, PrincipalId user, Set<PrincipalId> groups) {
    return new Filtered(selectFrom)
        .andEach(
            "NOT is_hidden AND " + Sql.PACKAGE_REQUESTABLE_BY,
            user.value(),
            groups.stream().map(PrincipalId::value).toArray(String[]::new));
  }

  @Override
  public Future<Optional<AccessPackage>> findForUpdate(AccessPackageId id) {
    return one(Sql.FIND_PACKAGE_FOR_UPDATE, id);
  }

  @Override
  public Future<Optional<AccessPackage>> findForShare(AccessPackageId id) {
    return one(Sql.FIND_PACKAGE_FOR_SHARE, id);
  }

  @Override
  public Future<Void> update(AccessPackage pkg) {
    return run(Sql.UPDATE_PACKAGE, values(pkg));
  }

  @Override
  public Future<Void> delete(AccessPackageId id) {
    return run(Sql.DELETE_PACKAGE, Tuple.of(Sql.uuid(id.value())));
  }

  @Override
  public Future<List<AccessPackage>> list(AccessPackageQuery q) {
    // position() rather than LIKE, so that % and _ in a search are only text.
    Filtered f =
        filtered("SELECT " + Sql.PACKAGE_COLUMNS + " FROM access_package", q)
            .page(q.afterId(), q.limit());
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> all(rows, PgAccessPackages::fromRow));
  }

  /** The packages that pass the query's filters, before any paging. */
  private static Filtered filtered(String selectFrom, AccessPackageQuery q) {
    return new Filtered(selectFrom)
        .in(
            "catalog_id",
            q.catalogs().map(s -> Filtered.uuids(s.stream().map(c -> c.value()).toList())))
        .and("lower(display_name) = lower(?)", q.displayNameEquals())
        .and("position(lower(?) in lower(display_name)) > 0", q.displayNameContains());
  }

  @Override
  public Future<Long> count(AccessPackageQuery q) {
    Filtered f = filtered("SELECT count(*) FROM access_package", q);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Long> countAssignments(AccessPackageId id) {
    return count(Sql.COUNT_ASSIGNMENTS, id.value());
  }

  @Override
  public Future<Void> addRoleScope(ResourceRoleScope s) {
    return run(
        Sql.INSERT_SCOPE,
        Tuple.of(
            Sql.uuid(s.id().value()),
            Sql.uuid(s.accessPackageId().value()),
            Sql.uuid(s.resourceId().value()),
            Sql.uuid(s.groupId().value()),
            s.role().apiName(),
            Sql.time(s.createdDateTime())));
  }

  @Override
  public Future<Optional<ResourceRoleScope>> findRoleScope(ResourceRoleScopeId id) {
    return client
        .preparedQuery(Sql.FIND_SCOPE)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgAccessPackages::scopeFromRow));
  }

  @Override
  public Future<List<ResourceRoleScope>> roleScopes(AccessPackageId id) {
    return client
        .preparedQuery(Sql.SCOPES_OF_PACKAGE)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> all(rows, PgAccessPackages::scopeFromRow));
  }

  @Override
  public Future<Void> removeRoleScope(ResourceRoleScopeId id) {
    return run(Sql.DELETE_SCOPE, Tuple.of(Sql.uuid(id.value())));
  }

  @Override
  public Future<Void> addIncompatiblePackage(AccessPackageId pkg, AccessPackageId other) {
    return run(
        Sql.ADD_INCOMPATIBLE_PACKAGE, Tuple.of(Sql.uuid(pkg.value()), Sql.uuid(other.value())));
  }

  @Override
  public Future<Boolean> removeIncompatiblePackage(AccessPackageId pkg, AccessPackageId other) {
    return client
        .preparedQuery(Sql.REMOVE_INCOMPATIBLE_PACKAGE)
        .execute(Tuple.of(Sql.uuid(pkg.value()), Sql.uuid(other.value())))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<List<AccessPackage>> incompatiblePackages(AccessPackageId pkg) {
    return client
        .preparedQuery(Sql.INCOMPATIBLE_PACKAGES)
        .execute(Tuple.of(Sql.uuid(pkg.value())))
        .map(rows -> all(rows, PgAccessPackages::fromRow));
  }

  @Override
  public Future<Void> addIncompatibleGroup(AccessPackageId pkg, PrincipalId group) {
    return run(
        Sql.ADD_INCOMPATIBLE_GROUP, Tuple.of(Sql.uuid(pkg.value()), Sql.uuid(group.value())));
  }

  @Override
  public Future<Boolean> removeIncompatibleGroup(AccessPackageId pkg, PrincipalId group) {
    return client
        .preparedQuery(Sql.REMOVE_INCOMPATIBLE_GROUP)
        .execute(Tuple.of(Sql.uuid(pkg.value()), Sql.uuid(group.value())))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<List<PrincipalId>> incompatibleGroups(AccessPackageId pkg) {
    return client
        .preparedQuery(Sql.INCOMPATIBLE_GROUPS)
        .execute(Tuple.of(Sql.uuid(pkg.value())))
        .map(rows -> all(rows, r -> new PrincipalId(r.getUUID("group_id").toString())));
  }
}
