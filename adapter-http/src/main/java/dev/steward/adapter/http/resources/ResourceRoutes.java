package dev.steward.adapter.http.resources;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequestResult;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Catalog resources: resourceRequests, and catalogs/{id}/resources and resourceRoles. */
public record ResourceRoutes(ManageCatalogResourcesUseCase resources) {
  private static final String ROLES_CONTEXT = "$metadata#accessPackageResourceRoles";

  public void mount(Router router) {
    router
        .post(EM + "/resourceRequests")
        .handler(reply(201, this::submit, ResourceJson::resourceRequest));
    Routes.get(
            router,
            EM + "/catalogs/:id/resources",
            QueryOptions.none()
                .filter("originId", "eq")
                .filter("originSystem", "eq")
                .expand("scopes", "roles")
                .withCount())
        .handler(reply(this::catalogResources));
    Routes.get(
            router,
            EM + "/catalogs/:id/resourceRoles",
            QueryOptions.none()
                .filter("originSystem", "eq", "in")
                .filter("resource/id", "eq", "in")
                .expand("resource")
                .withCount())
        .handler(reply(this::resourceRoles));
  }

  /**
   * A catalog's resources, every one of them (so filtering here is exact): {@code originId eq} and
   * {@code originSystem eq}, each with its root scope and its roles when {@code $expand} asks.
   */
  private Future<JsonObject> catalogResources(RoutingContext ctx) {
    QueryOptions.Asked asked = QueryOptions.asked(ctx);
    Optional<String> originId = ODataQuery.value(asked.filter(), "originId", "eq");
    Optional<String> originSystem = ODataQuery.value(asked.filter(), "originSystem", "eq");
    boolean scopes = asked.expand().contains("scopes");
    boolean roles = asked.expand().contains("roles");
    return resources
        .resources(request(ctx), catalogId(ctx))
        .map(
            all ->
                Routes.values(
                    "$metadata#accessPackageResources",
                    all.stream()
                        .filter(
                            r ->
                                originId
                                    .map(o -> o.equalsIgnoreCase(r.originId().value()))
                                    .orElse(true))
                        .filter(
                            r ->
                                originSystem
                                    .map(CatalogResource.ORIGIN_SYSTEM::equals)
                                    .orElse(true))
                        .toList(),
                    r -> ResourceJson.resource(r, scopes, roles)));
  }

  private static CatalogId catalogId(RoutingContext ctx) {
    return new CatalogId(ctx.pathParam("id"));
  }

  private Future<ResourceRequestResult> submit(RoutingContext ctx) {
    JsonObject body =
        Bodies.object(ctx, Set.of("requestType", "resource", "catalog", "justification"));
    RequestType type = RequestType.parse(Bodies.requiredString(body, "requestType"));
    JsonObject resource =
        Bodies.optionalObject(body, "resource")
            .orElseThrow(() -> DomainException.invalid("resource", "'resource' is required"));
    String originSystem =
        Bodies.optionalString(resource, "originSystem").orElse(CatalogResource.ORIGIN_SYSTEM);
    if (!originSystem.equals(CatalogResource.ORIGIN_SYSTEM)) {
      throw DomainException.invalid(
          "resource.originSystem",
          "'resource.originSystem' must be AadGroup: Steward offers directory groups");
    }
    String originId = Bodies.requiredString(resource, "originId");
    ResourceRequest request =
        new ResourceRequest(
            type,
            new CatalogId(Bodies.referencedId(body, "catalog")),
            new PrincipalId(Guid.require(originId, "resource.originId")));
    return resources.request(request(ctx), request);
  }

  private Future<JsonObject> resourceRoles(RoutingContext ctx) {
    Map<String, Set<String>> filter =
        ODataQuery.filter(ODataQuery.single(ctx, "$filter"), Set.of("originSystem", "resource/id"));
    Set<String> expand = ODataQuery.expand(ctx, Set.of("resource"));
    if (filter.containsKey("originSystem")
        && !filter.get("originSystem").contains(CatalogResource.ORIGIN_SYSTEM)) {
      return Future.succeededFuture(Routes.values(ROLES_CONTEXT, List.<JsonObject>of(), r -> r));
    }
    Optional<ResourceId> resource = ODataQuery.one(filter, "resource/id", ResourceId::new);
    return resources
        .resourceRoles(request(ctx), catalogId(ctx), resource)
        .map(
            roles ->
                Routes.values(
                    ROLES_CONTEXT,
                    roles,
                    r ->
                        ResourceJson.resourceRole(
                            r.resource(), r.role(), expand.contains("resource"))));
  }
}
