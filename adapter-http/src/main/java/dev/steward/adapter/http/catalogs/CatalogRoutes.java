package dev.steward.adapter.http.catalogs;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.withId;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.ODataFilter;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.UpdateCatalog;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** Catalogs: identityGovernance/entitlementManagement/catalogs. */
public record CatalogRoutes(ManageCatalogsUseCase catalogs) {
  private static final String CATALOGS = EM + "/catalogs";
  private static final Set<String> FIELDS =
      Set.of("displayName", "description", "state", "isExternallyVisible", "catalogType");

  private static final String[] SELECT = {
    "displayName",
    "description",
    "catalogType",
    "state",
    "isExternallyVisible",
    "createdDateTime",
    "modifiedDateTime"
  };
  private static final QueryOptions LIST =
      QueryOptions.pages()
          .filter("displayName", "eq", "contains", "tolower:contains")
          .filter("state", "eq")
          .select(SELECT);

  public void mount(Router router) {
    Routes.get(router, CATALOGS, LIST)
        .handler(
            reply(
                ctx ->
                    Routes.page(
                        ctx,
                        "$metadata#identityGovernance/entitlementManagement/catalogs",
                        (request, after, top) -> catalogs.list(request, query(ctx, after, top)),
                        CatalogJson::catalog)));
    router.post(CATALOGS).handler(reply(201, this::create, CatalogJson::catalog));
    Routes.get(router, CATALOGS + "/:id", QueryOptions.none().select(SELECT))
        .handler(reply(withId(CatalogId::new, catalogs::get), CatalogJson::catalog));
    router.patch(CATALOGS + "/:id").handler(reply(this::update, CatalogJson::catalog));
    router.delete(CATALOGS + "/:id").handler(replyEmpty(withId(CatalogId::new, catalogs::delete)));
  }

  /** The store query that the listing's {@code $filter} asks for. */
  private static CatalogQuery query(RoutingContext ctx, String after, int top) {
    Optional<ODataFilter> filter = QueryOptions.asked(ctx).filter();
    Optional<String> contains = ODataQuery.value(filter, "displayName", "contains");
    Optional<String> lowered = ODataQuery.value(filter, "displayName", "tolower:contains");
    if (contains.isPresent() && lowered.isPresent()) {
      throw DomainException.invalid("$filter", "'$filter' takes one contains on displayName");
    }
    return new CatalogQuery(
        ODataQuery.value(filter, "displayName", "eq"),
        contains.or(() -> lowered),
        ODataQuery.value(filter, "state", "eq").map(Catalog.State::parse),
        after,
        top);
  }

  private static CatalogId id(RoutingContext ctx) {
    return new CatalogId(ctx.pathParam("id"));
  }

  /** The body of a POST or PATCH; only user-managed catalogs can be written. */
  private static JsonObject body(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, FIELDS);
    Bodies.optionalString(body, "catalogType")
        .filter(t -> !t.equals(Catalog.CATALOG_TYPE))
        .ifPresent(
            t -> {
              throw DomainException.invalid("catalogType", "'catalogType' must be 'userManaged'");
            });
    return body;
  }

  private Future<Catalog> create(RoutingContext ctx) {
    JsonObject body = body(ctx);
    CreateCatalog command =
        new CreateCatalog(
            Bodies.requiredString(body, "displayName"),
            Bodies.optionalString(body, "description").orElse(""),
            Bodies.optionalString(body, "state").map(Catalog.State::parse),
            Bodies.optionalBoolean(body, "isExternallyVisible"));
    return catalogs.create(request(ctx), command).map(Routes.located(ctx, c -> c.id().value()));
  }

  private Future<Catalog> update(RoutingContext ctx) {
    JsonObject body = body(ctx);
    return catalogs.update(
        request(ctx),
        new UpdateCatalog(
            id(ctx),
            Bodies.optionalNonNullString(body, "displayName"),
            Bodies.optionalString(body, "description"),
            Bodies.optionalString(body, "state").map(Catalog.State::parse),
            Bodies.optionalBoolean(body, "isExternallyVisible")));
  }
}
