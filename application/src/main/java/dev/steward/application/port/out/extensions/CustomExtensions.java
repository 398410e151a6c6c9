package dev.steward.application.port.out.extensions;

import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Stores the custom extensions of catalogs, with their signing secrets. */
public interface CustomExtensions {
  Future<Void> insert(CustomExtension extension);

  Future<Void> update(CustomExtension extension);

  Future<Void> delete(String id);

  Future<Optional<CustomExtension>> find(String id);

  /** A catalog's extensions in id order, after {@code afterId} (null: from the start). */
  Future<List<CustomExtension>> list(CatalogId catalog, String afterId, int limit);

  /** Whether any assignment policy attaches the extension to a stage. */
  Future<Boolean> attached(String id);
}
