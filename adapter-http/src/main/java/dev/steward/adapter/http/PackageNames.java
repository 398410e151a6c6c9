package dev.steward.adapter.http;

import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.domain.AccessPackageId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code $expand=accessPackage} on requests and assignments: fills in the name and description of
 * the package each item names. The items are ones the caller was already allowed to see.
 */
public final class PackageNames {
  private final FindRequestablePackagesUseCase packages;

  public PackageNames(FindRequestablePackagesUseCase packages) {
    this.packages = packages;
  }

  /** Whether the request asks for {@code $expand=accessPackage}; any other expansion is refused. */
  public static boolean asked(RoutingContext ctx) {
    return ODataQuery.expand(ctx, Set.of("accessPackage")).contains("accessPackage");
  }

  /** The collection, its items' packages named when {@code expand}. */
  public Future<JsonObject> collection(RoutingContext ctx, boolean expand, JsonObject json) {
    return expand ? name(ctx, json) : Future.succeededFuture(json);
  }

  /** One item, its package named when the request asks for it. */
  public Future<JsonObject> item(RoutingContext ctx, JsonObject json) {
    return asked(ctx)
        ? name(ctx, new JsonObject().put("value", new JsonArray().add(json)))
            .map(all -> all.getJsonArray("value").getJsonObject(0))
        : Future.succeededFuture(json);
  }

  private Future<JsonObject> name(RoutingContext ctx, JsonObject json) {
    JsonArray items = json.getJsonArray("value");
    Set<AccessPackageId> ids = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(
          new AccessPackageId(
              items.getJsonObject(i).getJsonObject("accessPackage").getString("id")));
    }
    return packages
        .packagesByIds(Routes.request(ctx), ids)
        .map(
            found -> {
              for (int i = 0; i < items.size(); i++) {
                JsonObject ref = items.getJsonObject(i).getJsonObject("accessPackage");
                var pkg = found.get(new AccessPackageId(ref.getString("id")));
                if (pkg != null) {
                  ref.put("displayName", pkg.displayName()).put("description", pkg.description());
                }
              }
              return json;
            });
  }
}
