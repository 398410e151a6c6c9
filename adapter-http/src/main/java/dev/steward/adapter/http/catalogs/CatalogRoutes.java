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
import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.UpdateCatalog;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Catalogs: identityGovernance/entitlementManagement/catalogs. {@code packagesOf} gives the access
 * packages of some catalogs, as the caller may see them, for {@code $expand=accessPackages}.
 */
public record CatalogRoutes(
    ManageCatalogsUseCase catalogs,
    BiFunction<RequestContext, Set<CatalogId>, Future<Map<String, JsonArray>>> packagesOf) {
  private static final String CATALOGS = EM + "/catalogs";
  private static final String CONTEXT =
      "$metadata#identityGovernance/entitlementManagement/catalogs";
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
          .select(SELECT)
          .orderBy("displayName")
          .expand("accessPackages")
          .withCount();
  private static final QueryOptions COUNT =
      QueryOptions.none()
          .filter("displayName", "eq", "contains", "tolower:contains")
          .filter("state", "eq");

  public void mount(Router router) {
    Routes.get(router, CATALOGS, LIST).handler(reply(this::list));
    // /catalogs/$count: the number alone, as text, before /catalogs/:id would take it for an id.
    router
        .getWithRegex(java.util.regex.Pattern.quote(CATALOGS + "/$count"))
        .handler(COUNT.check())
        .handler(
            ctx ->
                Routes.guarded(
                    ctx,
                    () ->
                        catalogs
                            .count(request(ctx), query(ctx, null, 1))
                            .onSuccess(
                                n ->
                                    ctx.response()
                                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                                        .end(Long.toString(n)))
                            .onFailure(ctx::fail)));
    router.post(CATALOGS).handler(reply(201, this::create, CatalogJson::catalog));
    Routes.get(
            router, CATALOGS + "/:id", QueryOptions.none().select(SELECT).expand("accessPackages"))
        .handler(
            reply(
                ctx ->
                    catalogs
                        .get(request(ctx), id(ctx))
                        .compose(c -> expanded(ctx, List.of(c)))
                        .map(items -> items.get(0))));
    router.patch(CATALOGS + "/:id").handler(reply(this::update, CatalogJson::catalog));
    router.delete(CATALOGS + "/:id").handler(replyEmpty(withId(CatalogId::new, catalogs::delete)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    RequestContext request = request(ctx);
    CatalogQuery q = query(ctx, ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999));
    Future<Page<JsonObject>> page =
        catalogs
            .list(request, q)
            .compose(p -> expanded(ctx, p.items()).map(items -> new Page<>(items, p.nextAfter())));
    Future<Optional<Long>> count =
        QueryOptions.asked(ctx).count()
            ? catalogs.count(request, q).map(Optional::of)
            : Future.succeededFuture(Optional.empty());
    return Future.all(page, count)
        .map(
            both -> {
              JsonObject json = Routes.collection(ctx, CONTEXT, page.result(), item -> item);
              count.result().ifPresent(n -> json.put("@odata.count", n));
              return json;
            });
  }

  /** The catalogs as JSON, each with its access packages when {@code $expand} asks for them. */
  private Future<List<JsonObject>> expanded(RoutingContext ctx, List<Catalog> found) {
    List<JsonObject> items = found.stream().map(CatalogJson::catalog).toList();
    if (found.isEmpty() || !QueryOptions.asked(ctx).expand().contains("accessPackages")) {
      return Future.succeededFuture(items);
    }
    Set<CatalogId> ids = new java.util.LinkedHashSet<>();
    found.forEach(c -> ids.add(c.id()));
    return packagesOf
        .apply(request(ctx), ids)
        .map(
            byCatalog -> {
              for (JsonObject item : items) {
                item.put(
                    "accessPackages",
                    byCatalog.getOrDefault(item.getString("id"), new JsonArray()));
              }
              return items;
            });
  }

  /** The store query that the listing's {@code $filter}, {@code $orderby} and token ask for. */
  private static CatalogQuery query(RoutingContext ctx, String after, int top) {
    QueryOptions.Asked asked = QueryOptions.asked(ctx);
    CatalogQuery.NameOrder byName =
        asked.orderBy().map(o -> new CatalogQuery.NameOrder(o.descending())).orElse(null);
    String afterName = null;
    String afterId = after;
    int nul = after == null ? -1 : after.lastIndexOf('\u0000');
    if ((nul >= 0) != (after != null && byName != null)) {
      throw DomainException.invalid(
          "$skiptoken", "'$skiptoken' belongs to a listing in another order");
    }
    if (nul >= 0) {
      afterName = after.substring(0, nul);
      afterId = after.substring(nul + 1);
    }
    Optional<ODataFilter> filter = asked.filter();
    Optional<String> contains = ODataQuery.value(filter, "displayName", "contains");
    Optional<String> lowered = ODataQuery.value(filter, "displayName", "tolower:contains");
    if (contains.isPresent() && lowered.isPresent()) {
      throw DomainException.invalid("$filter", "'$filter' takes one contains on displayName");
    }
    return new CatalogQuery(
        ODataQuery.value(filter, "displayName", "eq"),
        contains.or(() -> lowered),
        ODataQuery.value(filter, "state", "eq").map(Catalog.State::parse),
        byName,
        afterName,
        afterId,
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
