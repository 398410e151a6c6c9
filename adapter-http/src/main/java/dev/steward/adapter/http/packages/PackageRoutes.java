package dev.steward.adapter.http.packages;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.collection;
import static dev.steward.adapter.http.Routes.listingAll;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.withId;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.GraphJson;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.RenderedItems;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AddResourceRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.Expand;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.UpdateAccessPackage;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase.Requestable;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Access packages: accessPackages, their resourceRoleScopes and incompatibilities, and
 * accessPackages/filterByCurrentUser(on='allowedRequestor').
 */
public record PackageRoutes(
    ManageAccessPackagesUseCase packages,
    ManageIncompatibilitiesUseCase incompatibilities,
    FindRequestablePackagesUseCase requestable) {
  static final String PACKAGES = EM + "/accessPackages";
  private static final String SCOPES = PACKAGES + "/:id/resourceRoleScopes";
  private static final QueryOptions FILTERS =
      QueryOptions.none()
          .filter("displayName", "eq", "in", "contains")
          .filter("catalog/id", "eq", "in");

  /** The properties PackageJson.accessPackage writes, besides id and what $expand adds. */
  private static final String[] SELECT = {
    "displayName", "description", "isHidden", "createdDateTime", "modifiedDateTime", "catalog"
  };

  private static final Pattern CONTAINS =
      Pattern.compile("^\\s*contains\\(\\s*displayName\\s*,\\s*'((?:[^']|'')*)'\\s*\\)\\s*$");

  public void mount(Router router) {
    Routes.get(router, PACKAGES, FILTERS.withPaging().also("$expand").select(SELECT).withCount())
        .handler(reply(this::list));
    // Before "/:id", which would take "$count" for an id.
    Routes.countSegment(
        router, PACKAGES, FILTERS, ctx -> packages.count(request(ctx), query(ctx, null, 1)));
    // Before "/:id", which would take "filterByCurrentUser(...)" for an id.
    Routes.filterByCurrentUser(
        router,
        PACKAGES,
        QueryOptions.none().also("$top", "$expand").withCount(),
        reply(this::requestablePackages));
    router.post(PACKAGES).handler(reply(201, this::create, PackageJson::accessPackage));
    Routes.get(router, PACKAGES + "/:id", QueryOptions.none().also("$expand").select(SELECT))
        .handler(
            reply(
                ctx -> packages.get(request(ctx), packageId(ctx), expand(ctx)),
                PackageJson::accessPackage));
    router.patch(PACKAGES + "/:id").handler(reply(this::update, PackageJson::accessPackage));
    router
        .delete(PACKAGES + "/:id")
        .handler(replyEmpty(withId(AccessPackageId::new, packages::delete)));
    Routes.get(router, SCOPES, QueryOptions.none().withCount())
        .handler(
            listingAll(
                "$metadata#accessPackageResourceRoleScopes",
                ctx -> packages.resourceRoles(request(ctx), packageId(ctx)),
                PackageJson::roleScope));
    router.post(SCOPES).handler(reply(201, this::addScope, PackageJson::roleScope));
    router.delete(SCOPES + "/:scopeId").handler(replyEmpty(this::removeScope));
    new IncompatibilityRoutes(incompatibilities).mount(router);
  }

  static AccessPackageId packageId(RoutingContext ctx) {
    return new AccessPackageId(ctx.pathParam("id"));
  }

  /**
   * {@code filterByCurrentUser(on='allowedRequestor')}: the packages the caller may ask for, as
   * Graph answers it (the packages alone); with {@code $expand=assignmentPolicies}, each with the
   * policies that let the caller ask (decision 0028).
   */
  private Future<JsonObject> requestablePackages(RoutingContext ctx) {
    Routes.requireOn(ctx, "allowedRequestor");
    int top = ODataQuery.top(ctx, 100, 999);
    String expand = ODataQuery.single(ctx, "$expand");
    Future<JsonObject> answer;
    if (expand == null || expand.isBlank()) {
      answer =
          requestable
              .requestablePackages(request(ctx), top)
              .map(found -> Routes.values(ctx, "$metadata#accessPackages", found, REQUESTABLE));
    } else if (expand.trim().equals("assignmentPolicies")) {
      answer =
          requestable
              .requestable(request(ctx), top)
              .map(found -> Routes.values(ctx, "$metadata#accessPackages", found, WITH_POLICIES));
    } else {
      throw DomainException.invalid(
          "$expand", "'$expand' supports assignmentPolicies here; not '" + expand.trim() + "'");
    }
    // $count=true: every package the caller may request, not only those within $top.
    return Routes.counted(ctx, answer, () -> requestable.countRequestable(request(ctx)));
  }

  /**
   * Requestable packages already written, remembered by their value: the same few packages are what
   * most of an organisation may request.
   */
  private static final RenderedItems<AccessPackage, AccessPackage> REQUESTABLE =
      RenderedItems.byValue(500, PackageJson::accessPackage);

  /** The same with the policies that let the caller ask, remembered by the pair. */
  private static final RenderedItems<Requestable, Requestable> WITH_POLICIES =
      RenderedItems.byValue(
          500,
          r ->
              PackageJson.accessPackage(r.accessPackage())
                  .put("assignmentPolicies", GraphJson.array(r.policies(), GraphJson::policy)));

  /**
   * The access packages of {@code catalogs} that the caller may see, as JSON by catalog id, for a
   * catalog listing's {@code $expand=accessPackages}; every page of them.
   */
  public Future<java.util.Map<String, io.vertx.core.json.JsonArray>> packagesOf(
      dev.steward.application.port.in.RequestContext request,
      java.util.Set<dev.steward.domain.CatalogId> catalogs) {
    java.util.Map<String, io.vertx.core.json.JsonArray> byCatalog = new java.util.HashMap<>();
    return packagesOf(request, catalogs, null, byCatalog).map(done -> byCatalog);
  }

  private Future<Void> packagesOf(
      dev.steward.application.port.in.RequestContext request,
      java.util.Set<dev.steward.domain.CatalogId> catalogs,
      String after,
      java.util.Map<String, io.vertx.core.json.JsonArray> byCatalog) {
    return packages
        .list(
            request,
            new dev.steward.application.port.in.packages.AccessPackageQuery(
                Optional.of(catalogs), Optional.empty(), Optional.empty(), after, 999),
            ManageAccessPackagesUseCase.Expand.NONE)
        .compose(
            page -> {
              for (var view : page.items()) {
                byCatalog
                    .computeIfAbsent(
                        view.accessPackage().catalogId().value(),
                        k -> new io.vertx.core.json.JsonArray())
                    .add(PackageJson.accessPackage(view));
              }
              return page.nextAfter().isPresent()
                  ? packagesOf(request, catalogs, page.nextAfter().get(), byCatalog)
                  : Future.<Void>succeededFuture();
            });
  }

  /** {@code $expand} of packages; {@code resourceRoleScopes($expand=role,scope)} is accepted. */
  private static Expand expand(RoutingContext ctx) {
    String raw = ODataQuery.single(ctx, "$expand");
    if (raw == null || raw.isBlank()) {
      return Expand.NONE;
    }
    Set<String> names = new HashSet<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : (raw + ",").toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        names.add(current.toString().trim());
        current.setLength(0);
        continue;
      }
      if (depth == 0 && c != ')') {
        current.append(c);
      }
    }
    for (String name : names) {
      if (!name.equals("resourceRoleScopes") && !name.equals("assignmentPolicies")) {
        throw DomainException.invalid(
            "$expand",
            "'$expand' supports resourceRoleScopes and assignmentPolicies; not '" + name + "'");
      }
    }
    return new Expand(names.contains("resourceRoleScopes"), names.contains("assignmentPolicies"));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    AccessPackageQuery query =
        query(
            ctx,
            ODataQuery.skipToken(ctx),
            ODataQuery.top(ctx, RoleAssignmentQuery.DEFAULT_LIMIT, RoleAssignmentQuery.MAX_LIMIT));
    Expand expand = expand(ctx);
    return Routes.counted(
        ctx,
        packages
            .list(request(ctx), query, expand)
            .map(
                page ->
                    collection(ctx, "$metadata#accessPackages", page, PackageJson::accessPackage)),
        () -> packages.count(request(ctx), query));
  }

  /** The store query that the listing's {@code $filter} and paging ask for. */
  private static AccessPackageQuery query(RoutingContext ctx, String after, int top) {
    String filter = ODataQuery.single(ctx, "$filter");
    Optional<String> contains = Optional.empty();
    Map<String, Set<String>> fields = Map.of();
    if (filter != null) {
      Matcher m = CONTAINS.matcher(filter);
      if (m.matches()) {
        contains = Optional.of(m.group(1).replace("''", "'"));
      } else {
        fields = ODataQuery.filter(filter, Set.of("displayName", "catalog/id"));
      }
    }
    Optional<String> equals = ODataQuery.one(fields, "displayName", name -> name);
    Optional<Set<CatalogId>> catalogs =
        Optional.ofNullable(fields.get("catalog/id"))
            .map(v -> v.stream().map(CatalogId::new).collect(Collectors.toSet()));
    return new AccessPackageQuery(catalogs, equals, contains, after, top);
  }

  private Future<AccessPackage> create(RoutingContext ctx) {
    JsonObject body =
        Bodies.object(ctx, Set.of("displayName", "description", "isHidden", "catalog"));
    CreateAccessPackage command =
        new CreateAccessPackage(
            new CatalogId(Bodies.referencedId(body, "catalog")),
            Bodies.requiredString(body, "displayName"),
            Bodies.optionalString(body, "description").orElse(""),
            Bodies.optionalBoolean(body, "isHidden").orElse(false));
    return packages.create(request(ctx), command);
  }

  private Future<AccessPackage> update(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("displayName", "description", "isHidden"));
    UpdateAccessPackage command =
        new UpdateAccessPackage(
            packageId(ctx),
            Bodies.optionalNonNullString(body, "displayName"),
            Bodies.optionalString(body, "description"),
            Bodies.optionalBoolean(body, "isHidden"));
    return packages.update(request(ctx), command);
  }

  private Future<ResourceRoleScope> addScope(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("role", "scope"));
    JsonObject role =
        Bodies.optionalObject(body, "role")
            .orElseThrow(() -> DomainException.invalid("role", "'role' is required"));
    JsonObject scope =
        Bodies.optionalObject(body, "scope")
            .orElseThrow(() -> DomainException.invalid("scope", "'scope' is required"));
    for (JsonObject part : List.of(role, scope)) {
      Bodies.optionalString(part, "originSystem")
          .filter(o -> !o.equals(CatalogResource.ORIGIN_SYSTEM))
          .ifPresent(
              o -> {
                throw DomainException.invalid("originSystem", "'originSystem' must be AadGroup");
              });
    }
    AddResourceRole command =
        new AddResourceRole(
            packageId(ctx),
            new ResourceId(Bodies.referencedId(role, "resource")),
            Bodies.requiredString(role, "originId"),
            new PrincipalId(
                Guid.require(Bodies.requiredString(scope, "originId"), "scope.originId")));
    return packages.addResourceRole(request(ctx), command);
  }

  private Future<Void> removeScope(RoutingContext ctx) {
    return packages.removeResourceRole(
        request(ctx), packageId(ctx), new ResourceRoleScopeId(ctx.pathParam("scopeId")));
  }
}
