package dev.steward.adapter.postgres;

import dev.steward.application.port.out.resources.CatalogResources;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** Catalog resources in the {@code catalog_resource} table. */
final class PgResources implements CatalogResources {
  private final SqlClient client;

  PgResources(SqlClient client) {
    this.client = client;
  }

  static CatalogResource fromRow(Row r) {
    return new CatalogResource(
        new ResourceId(r.getUUID("id").toString()),
        new CatalogId(r.getUUID("catalog_id").toString()),
        new PrincipalId(r.getUUID("origin_id").toString()),
        r.getString("display_name"),
        r.getString("description"),
        r.getOffsetDateTime("created_at").toInstant());
  }

  @Override
  public Future<Void> add(CatalogResource r) {
    return client
        .preparedQuery(Sql.INSERT_RESOURCE)
        .execute(
            Tuple.of(
                Sql.uuid(r.id().value()),
                Sql.uuid(r.catalogId().value()),
                Sql.uuid(r.originId().value()),
                r.displayName(),
                r.description(),
                Sql.time(r.createdDateTime())))
        .<Void>mapEmpty()
        .recover(PgErrors::translate);
  }

  @Override
  public Future<Optional<CatalogResource>> find(ResourceId id) {
    return client
        .preparedQuery(Sql.FIND_RESOURCE)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgResources::fromRow));
  }

  @Override
  public Future<Optional<CatalogResource>> findByOrigin(CatalogId catalog, PrincipalId group) {
    return client
        .preparedQuery(Sql.FIND_RESOURCE_BY_ORIGIN)
        .execute(Tuple.of(Sql.uuid(catalog.value()), Sql.uuid(group.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgResources::fromRow));
  }

  @Override
  public Future<List<CatalogResource>> inCatalog(CatalogId catalog) {
    return client
        .preparedQuery(Sql.RESOURCES_IN_CATALOG)
        .execute(Tuple.of(Sql.uuid(catalog.value())))
        .map(rows -> PgAccessPackages.all(rows, PgResources::fromRow));
  }

  @Override
  public Future<Void> remove(ResourceId id) {
    return client
        .preparedQuery(Sql.DELETE_RESOURCE)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .mapEmpty();
  }

  @Override
  public Future<Long> countRoleScopesUsing(ResourceId id) {
    return client
        .preparedQuery(Sql.COUNT_SCOPES_USING)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
