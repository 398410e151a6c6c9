package dev.steward.application.port.out.catalogs;

import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores catalogs. */
public interface Catalogs {
  Future<Void> insert(Catalog catalog);

  Future<Optional<Catalog>> find(CatalogId id);

  /** Finds a catalog and locks it until the transaction ends, serialising changes to its roles. */
  Future<Optional<Catalog>> findForUpdate(CatalogId id);

  /** Finds a catalog and keeps it from being deleted or changed until the transaction ends. */
  Future<Optional<Catalog>> findForShare(CatalogId id);

  Future<Void> update(Catalog catalog);

  /** Deletes the catalog and, with it, the role assignments in its scope. */
  Future<Void> delete(CatalogId id);

  /**
   * Lists catalogs ordered by id.
   *
   * @param only the catalogs to consider, or empty for all
   * @param afterId the last id of the previous page, or null
   */
  default Future<List<Catalog>> list(Optional<Set<CatalogId>> only, String afterId, int limit) {
    return list(only, CatalogQuery.all(afterId, limit));
  }

  /** Lists the catalogs among {@code only} that pass the query's filters, in its order. */
  Future<List<Catalog>> list(Optional<Set<CatalogId>> only, CatalogQuery query);

  /** How many catalogs among {@code only} pass the query's filters (paging aside). */
  Future<Long> count(Optional<Set<CatalogId>> only, CatalogQuery query);
}
