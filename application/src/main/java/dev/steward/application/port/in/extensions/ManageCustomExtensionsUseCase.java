package dev.steward.application.port.in.extensions;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/** A catalog's custom extensions: listed and read by its readers, managed by its owners. */
public interface ManageCustomExtensionsUseCase {
  /** A new extension; a null {@code callbackTimeout} calls without waiting. */
  record Draft(
      CustomExtension.Kind kind,
      String displayName,
      String description,
      String targetUrl,
      Duration callbackTimeout) {}

  /** What an update changes; an empty inner optional removes the callback configuration. */
  record Change(
      Optional<String> displayName,
      Optional<String> description,
      Optional<String> targetUrl,
      Optional<Optional<Duration>> callbackTimeout) {}

  Future<Page<CustomExtension>> list(
      RequestContext ctx, CatalogId catalog, String afterId, int limit);

  Future<CustomExtension> get(RequestContext ctx, CatalogId catalog, String id);

  /** Creates an extension; the one answer that carries its signing secret. */
  Future<CustomExtension> create(RequestContext ctx, CatalogId catalog, Draft draft);

  Future<CustomExtension> update(RequestContext ctx, CatalogId catalog, String id, Change change);

  /** Deletes an extension no policy attaches any more. */
  Future<Void> delete(RequestContext ctx, CatalogId catalog, String id);
}
