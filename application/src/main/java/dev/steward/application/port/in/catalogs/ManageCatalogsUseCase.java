package dev.steward.application.port.in.catalogs;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import io.vertx.core.Future;
import java.util.Optional;

/** Create, read, change and delete catalogs. */
public interface ManageCatalogsUseCase {
  /** What a new catalog looks like; absent fields take their defaults. */
  record CreateCatalog(
      String displayName,
      String description,
      Optional<Catalog.State> state,
      Optional<Boolean> isExternallyVisible) {}

  /** The fields to change; absent ones stay as they are. */
  record UpdateCatalog(
      CatalogId id,
      Optional<String> displayName,
      Optional<String> description,
      Optional<Catalog.State> state,
      Optional<Boolean> isExternallyVisible) {}

  Future<Catalog> create(RequestContext ctx, CreateCatalog command);

  Future<Catalog> get(RequestContext ctx, CatalogId id);

  /** The catalogs the caller holds a role in (all of them for an administrator). */
  default Future<Page<Catalog>> list(RequestContext ctx, String afterId, int limit) {
    return list(ctx, CatalogQuery.all(afterId, limit));
  }

  /** The catalogs the caller may view that pass the query's filters, a page at a time. */
  Future<Page<Catalog>> list(RequestContext ctx, CatalogQuery query);

  /** How many catalogs the caller may see pass the query's filters ({@code $count}). */
  Future<Long> count(RequestContext ctx, CatalogQuery query);

  Future<Catalog> update(RequestContext ctx, UpdateCatalog command);

  Future<Void> delete(RequestContext ctx, CatalogId id);
}
