package dev.steward.adapter.postgres;

import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Catalogs in the {@code catalog} table. */
final class PgCatalogs implements Catalogs {
  private final SqlClient client;

  PgCatalogs(SqlClient client) {
    this.client = client;
  }

  static Catalog fromRow(Row row) {
    return new Catalog(
        new CatalogId(row.getUUID("id").toString()),
        row.getString("display_name"),
        row.getString("description"),
        Catalog.State.parse(row.getString("state")),
        row.getBoolean("is_externally_visible"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("modified_at").toInstant());
  }

  @Override
  public Future<Void> insert(Catalog c) {
    return client.preparedQuery(Sql.INSERT_CATALOG).execute(values(c)).mapEmpty();
  }

  /** The catalog's columns in {@link Sql#CATALOG_COLUMNS} order. */
  private static Tuple values(Catalog c) {
    return Tuple.of(
        Sql.uuid(c.id().value()),
        c.displayName(),
        c.description(),
        c.state().apiName(),
        c.isExternallyVisible(),
        Sql.time(c.createdDateTime()),
        Sql.time(c.modifiedDateTime()));
  }

  @Override
  public Future<Optional<Catalog>> find(CatalogId id) {
    return one(Sql.FIND_CATALOG, id);
  }

  @Override
  public Future<Optional<Catalog>> findForUpdate(CatalogId id) {
    return one(Sql.FIND_CATALOG_FOR_UPDATE, id);
  }

  @Override
  public Future<Optional<Catalog>> findForShare(CatalogId id) {
    return one(Sql.FIND_CATALOG + " FOR SHARE", id);
  }

  private Future<Optional<Catalog>> one(String sql, CatalogId id) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> first(rows).map(PgCatalogs::fromRow));
  }

  static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  @Override
  public Future<Void> update(Catalog c) {
    return client.preparedQuery(Sql.UPDATE_CATALOG).execute(values(c)).mapEmpty();
  }

  @Override
  public Future<Void> delete(CatalogId id) {
    return client
        .preparedQuery(Sql.DELETE_CATALOG)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .mapEmpty();
  }

  /** The catalogs among {@code only} that pass the query's filters. */
  private static Filtered filtered(
      String selectFrom, Optional<Set<CatalogId>> only, CatalogQuery q) {
    // position() rather than LIKE, so that % and _ in a search are only text.
    return new Filtered(selectFrom)
        .in("id", only.map(s -> Filtered.uuids(s.stream().map(CatalogId::value).toList())))
        .and("lower(display_name) = lower(?)", q.displayNameEquals())
        .and("position(lower(?) in lower(display_name)) > 0", q.displayNameContains())
        .and("state = ?", q.state().map(Catalog.State::apiName));
  }

  @Override
  public Future<Long> count(Optional<Set<CatalogId>> only, CatalogQuery q) {
    Filtered f = filtered("SELECT count(*) FROM catalog", only, q);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<List<Catalog>> list(Optional<Set<CatalogId>> only, CatalogQuery q) {
    Filtered f = filtered("SELECT " + Sql.CATALOG_COLUMNS + " FROM catalog", only, q);
    if (q.byName() == null) {
      f.page(q.afterId(), q.limit());
    } else {
      // Keyset paging on (lower(display_name), id), the order of catalog_name_order.
      String direction = q.byName().descending() ? "DESC" : "ASC";
      if (q.afterId() != null) {
        f.andEach(
            "(lower(display_name), id) " + (q.byName().descending() ? "<" : ">") + " (?, ?)",
            q.afterName(),
            Sql.uuid(q.afterId()));
      }
      f.orderBy("lower(display_name) " + direction + ", id " + direction, q.limit());
    }
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(
            rows -> {
              List<Catalog> found = new ArrayList<>();
              rows.forEach(r -> found.add(fromRow(r)));
              return found;
            });
  }
}
