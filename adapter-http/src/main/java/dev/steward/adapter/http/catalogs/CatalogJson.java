package dev.steward.adapter.http.catalogs;

import dev.steward.domain.Catalog;
import io.vertx.core.json.JsonObject;

/** Catalogs in Graph's accessPackageCatalog shape. */
final class CatalogJson {
  private CatalogJson() {}

  static JsonObject catalog(Catalog c) {
    return new JsonObject()
        .put("id", c.id().value())
        .put("displayName", c.displayName())
        .put("description", c.description())
        .put("catalogType", Catalog.CATALOG_TYPE)
        .put("state", c.state().apiName())
        .put("isExternallyVisible", c.isExternallyVisible())
        .put("createdDateTime", c.createdDateTime().toString())
        .put("modifiedDateTime", c.modifiedDateTime().toString());
  }
}
