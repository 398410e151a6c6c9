package dev.steward.application.port.out;

import dev.steward.domain.CatalogId;
import io.vertx.core.Future;

/** What the catalog rules need to know about access packages. */
public interface AccessPackages {
  Future<Long> countInCatalog(CatalogId catalog);
}
