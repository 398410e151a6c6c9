package dev.steward.application.port.out.resources;

import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Stores the directory groups each catalog holds as resources. */
public interface CatalogResources {
  /**
   * Adds a resource; fails with {@code ALREADY_EXISTS} when the catalog holds the group already.
   */
  Future<Void> add(CatalogResource resource);

  Future<Optional<CatalogResource>> find(ResourceId id);

  Future<Optional<CatalogResource>> findByOrigin(CatalogId catalog, PrincipalId group);

  Future<List<CatalogResource>> inCatalog(CatalogId catalog);

  Future<Void> remove(ResourceId id);

  /** How many resource roles of access packages use the resource. */
  Future<Long> countRoleScopesUsing(ResourceId id);
}
