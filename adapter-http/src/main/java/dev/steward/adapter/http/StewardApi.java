package dev.steward.adapter.http;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.UpdateCatalog;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.in.directory.AuthenticateUseCase;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Graph v1.0 routes of Steward, each handing a parsed command to one use case. */
public final class StewardApi {
  static final String ROLES = "/v1.0/roleManagement/entitlementManagement";
  static final String EM = "/v1.0/identityGovernance/entitlementManagement";

  /** The use cases the API serves. */
  public record UseCases(
      ManageCatalogsUseCase catalogs,
      ManageCatalogResourcesUseCase resources,
      ManageAccessPackagesUseCase accessPackages,
      ManagePoliciesUseCase policies,
      ManageIncompatibilitiesUseCase incompatibilities,
      RequestAccessUseCase requests,
      ViewRequestsUseCase viewRequests,
      FindRequestablePackagesUseCase requestable,
      ApproveRequestsUseCase approvals,
      ViewAssignmentsUseCase assignments,
      ManageRoleAssignmentsUseCase roleAssignments,
      ListRoleDefinitionsUseCase roleDefinitions,
      EffectivePermissionsUseCase permissions,
      BrowseDirectoryUseCase directory,
      AuthenticateUseCase authenticate) {}

  private final UseCases uc;
  private final Authentication auth;
  private final HttpSettings settings;
  private final List<HealthCheck> checks;
  private final PackageRoutes packages;
  private final RequestRoutes requestRoutes;

  private final AccessLog accessLog;
  private final PortalSessions sessions;
  private final Portal portal;

  public StewardApi(
      Vertx vertx, UseCases useCases, HttpSettings settings, List<HealthCheck> checks) {
    this(vertx, useCases, settings, checks, AccessLog.toStandardOut(AccessLog.Format.TEXT));
  }

  public StewardApi(
      Vertx vertx,
      UseCases useCases,
      HttpSettings settings,
      List<HealthCheck> checks,
      AccessLog accessLog) {
    this.accessLog = accessLog;
    this.uc = useCases;
    this.settings = settings;
    this.checks = List.copyOf(checks);
    this.sessions = new PortalSessions(settings.sessionIdle(), settings.sessionMaxAge());
    vertx.setPeriodic(60_000, id -> sessions.purge());
    this.auth = new Authentication(vertx, useCases.authenticate(), settings, sessions);
    this.portal = new Portal(useCases.authenticate(), sessions, settings.https());
    this.packages = new PackageRoutes(useCases);
    this.requestRoutes = new RequestRoutes(useCases);
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(this::begin);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));

    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.post("/oauth2/v2.0/token").handler(auth::token);
    router.post("/:tenant/oauth2/v2.0/token").handler(auth::token);
    portal.mount(router);

    // A route without a path, so the metrics' route label is the endpoint's template alone.
    router
        .route()
        .handler(
            ctx -> {
              // The normalised path, the one routes match: "/x/../v1.0/me" is "/v1.0/me" too.
              if (ctx.normalizedPath().startsWith("/v1.0")) {
                auth.handle(ctx);
              } else {
                ctx.next();
              }
            });

    router.get(ROLES + "/roleDefinitions").handler(this::listRoleDefinitions);
    router.get(ROLES + "/roleDefinitions/:id").handler(this::getRoleDefinition);
    router.get(ROLES + "/roleAssignments").handler(this::listRoleAssignments);
    router.post(ROLES + "/roleAssignments").handler(this::createRoleAssignment);
    router.get(ROLES + "/roleAssignments/:id").handler(this::getRoleAssignment);
    router.delete(ROLES + "/roleAssignments/:id").handler(this::deleteRoleAssignment);
    router.get(ROLES + "/myPermissions").handler(this::myPermissions);

    router.get(EM + "/catalogs").handler(this::listCatalogs);
    router.post(EM + "/catalogs").handler(this::createCatalog);
    router.get(EM + "/catalogs/:id").handler(this::getCatalog);
    router.patch(EM + "/catalogs/:id").handler(this::updateCatalog);
    router.delete(EM + "/catalogs/:id").handler(this::deleteCatalog);

    router
        .get("/v1.0/me")
        .handler(ctx -> respond(ctx, uc.directory().me(request(ctx)).map(GraphJson::principal)));
    router.get("/v1.0/users").handler(ctx -> searchDirectory(ctx, PrincipalType.USER));
    router.get("/v1.0/users/:id").handler(ctx -> getDirectoryObject(ctx, PrincipalType.USER));
    router.get("/v1.0/groups").handler(ctx -> searchDirectory(ctx, PrincipalType.GROUP));
    router.get("/v1.0/groups/:id").handler(ctx -> getDirectoryObject(ctx, PrincipalType.GROUP));

    packages.mount(router);
    requestRoutes.mount(router);

    router
        .route("/v1.0/*")
        .handler(
            ctx ->
                GraphErrors.send(
                    ctx, 404, "ResourceNotFound", "No such resource: " + ctx.request().path()));
    router
        .route()
        .handler(ctx -> GraphErrors.send(ctx, 404, "ResourceNotFound", "No such resource"));
    router.route().failureHandler(GraphErrors::respond);
    return router;
  }

  private void begin(RoutingContext ctx) {
    RequestIds.assign(ctx);
    long start = System.nanoTime();
    ctx.addBodyEndHandler(
        v -> {
          var actor = ctx.<dev.steward.application.port.in.Actor>get(Authentication.ACTOR);
          String route = ctx.currentRoute() == null ? null : ctx.currentRoute().getPath();
          accessLog.log(
              RequestIds.of(ctx),
              actor == null ? "-" : actor.login(),
              ctx.request().method().name(),
              route == null ? "-" : route,
              ctx.request().path(),
              ctx.response().getStatusCode(),
              (System.nanoTime() - start) / 1e6);
        });
    ctx.next();
  }

  /** The routes of the management listener: metrics and health, no sign-in, loopback by default. */
  public Router managementRouter(Vertx vertx, java.util.function.Supplier<String> scrape) {
    Router router = Router.router(vertx);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(scrape.get()));
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    return router;
  }

  private void ready(RoutingContext ctx) {
    List<Future<Boolean>> probes = new ArrayList<>();
    for (HealthCheck check : checks) {
      probes.add(
          check.probe().get().timeout(2, java.util.concurrent.TimeUnit.SECONDS).otherwise(false));
    }
    Future.join(probes)
        .onComplete(
            done -> {
              JsonObject details = new JsonObject();
              boolean up = true;
              for (int i = 0; i < checks.size(); i++) {
                boolean ok =
                    probes.get(i).succeeded() && Boolean.TRUE.equals(probes.get(i).result());
                details.put(checks.get(i).name(), ok ? "UP" : "DOWN");
                up &= ok;
              }
              ctx.response().setStatusCode(up ? 200 : 503);
              ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details));
            });
  }

  // ---- helpers ----

  static RequestContext request(RoutingContext ctx) {
    return new RequestContext(Authentication.actor(ctx), RequestIds.of(ctx));
  }

  static void respond(RoutingContext ctx, Future<JsonObject> result) {
    respond(ctx, 200, result);
  }

  static void respond(RoutingContext ctx, int status, Future<JsonObject> result) {
    result
        .onSuccess(
            json ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(json.encode()))
        .onFailure(ctx::fail);
  }

  /** Runs the handler, turning a refusal thrown while parsing into the failure path. */
  static void guarded(RoutingContext ctx, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  static void noContent(RoutingContext ctx, Future<Void> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  static <T> JsonObject collection(
      RoutingContext ctx, String context, Page<T> page, Function<T, JsonObject> map) {
    JsonArray value = new JsonArray();
    page.items().forEach(item -> value.add(map.apply(item)));
    JsonObject json = new JsonObject().put("@odata.context", context).put("value", value);
    page.nextAfter().ifPresent(after -> json.put("@odata.nextLink", nextLink(ctx, after)));
    return json;
  }

  /** The same request with a skip token for the page after {@code afterId}. */
  static String nextLink(RoutingContext ctx, String afterId) {
    StringBuilder url = new StringBuilder();
    url.append(ctx.request().scheme())
        .append("://")
        .append(ctx.request().authority())
        .append(ctx.request().path());
    char sep = '?';
    for (Map.Entry<String, String> p : ctx.queryParams()) {
      if (!p.getKey().equals("$skiptoken")) {
        url.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        sep = '&';
      }
    }
    url.append(sep).append("$skiptoken=").append(ODataQuery.token(afterId));
    return url.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
  }

  // ---- role definitions ----

  private void listRoleDefinitions(RoutingContext ctx) {
    JsonArray value = new JsonArray();
    uc.roleDefinitions().list().forEach(v -> value.add(GraphJson.roleDefinition(v)));
    ctx.json(
        new JsonObject()
            .put("@odata.context", "$metadata#roleManagement/entitlementManagement/roleDefinitions")
            .put("value", value));
  }

  private void getRoleDefinition(RoutingContext ctx) {
    guarded(
        ctx,
        () -> ctx.json(GraphJson.roleDefinition(uc.roleDefinitions().get(ctx.pathParam("id")))));
  }

  // ---- role assignments ----

  private static final Set<String> ASSIGNMENT_FILTER_FIELDS =
      Set.of("principalId", "roleDefinitionId", "appScopeId");
  private static final Set<String> ASSIGNMENT_EXPAND = Set.of("principal", "roleDefinition");

  private void listRoleAssignments(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          Map<String, Set<String>> filter =
              ODataQuery.filter(ODataQuery.single(ctx, "$filter"), ASSIGNMENT_FILTER_FIELDS);
          Set<String> expand = ODataQuery.expand(ctx, ASSIGNMENT_EXPAND);
          RoleAssignmentQuery query =
              new RoleAssignmentQuery(
                  Optional.ofNullable(filter.get("principalId"))
                      .map(v -> v.stream().map(PrincipalId::new).collect(Collectors.toSet())),
                  Optional.ofNullable(filter.get("roleDefinitionId")).map(StewardApi::roles),
                  Optional.ofNullable(filter.get("appScopeId"))
                      .map(v -> v.stream().map(Scope::parse).collect(Collectors.toSet())),
                  ODataQuery.skipToken(ctx),
                  ODataQuery.top(
                      ctx, RoleAssignmentQuery.DEFAULT_LIMIT, RoleAssignmentQuery.MAX_LIMIT));
          respond(
              ctx,
              uc.roleAssignments()
                  .list(request(ctx), query, expand.contains("principal"))
                  .map(
                      page ->
                          collection(
                              ctx,
                              "$metadata#roleManagement/entitlementManagement/roleAssignments",
                              page,
                              v -> GraphJson.roleAssignment(v, expand))));
        });
  }

  /** Role ids from a filter; an id that names no assignable role matches nothing. */
  private static Set<RoleDefinition> roles(Set<String> ids) {
    Set<RoleDefinition> roles = new HashSet<>();
    for (String id : ids) {
      dev.steward.domain.Guid.require(id, "roleDefinitionId");
      RoleDefinition.byId(id).filter(RoleDefinition::isAssignable).ifPresent(roles::add);
    }
    return roles;
  }

  private void createRoleAssignment(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body =
              Bodies.object(
                  ctx, Set.of("principalId", "roleDefinitionId", "appScopeId", "directoryScopeId"));
          PrincipalId principal = new PrincipalId(Bodies.requiredString(body, "principalId"));
          String roleId = Bodies.requiredString(body, "roleDefinitionId");
          dev.steward.domain.Guid.require(roleId, "roleDefinitionId");
          RoleDefinition role =
              RoleDefinition.byId(roleId)
                  .filter(RoleDefinition::isAssignable)
                  .orElseThrow(
                      () ->
                          DomainException.notFound(
                              DomainException.Reason.ROLE_NOT_FOUND, "Role definition", roleId));
          Scope scope = Scope.parse(Bodies.requiredString(body, "appScopeId"));
          Bodies.optionalString(body, "directoryScopeId")
              .filter(d -> !d.equals("/"))
              .ifPresent(
                  d -> {
                    throw DomainException.invalid(
                        "directoryScopeId", "'directoryScopeId' must be '/'");
                  });
          respond(
              ctx,
              201,
              uc.roleAssignments()
                  .assign(request(ctx), new AssignRole(principal, role, scope))
                  .map(
                      a -> {
                        ctx.response()
                            .putHeader(
                                "Location", ctx.request().absoluteURI() + "/" + a.id().value());
                        return GraphJson.roleAssignment(
                            new ManageRoleAssignmentsUseCase.RoleAssignmentView(
                                a, Optional.empty()),
                            Set.of());
                      }));
        });
  }

  private void getRoleAssignment(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          Set<String> expand = ODataQuery.expand(ctx, ASSIGNMENT_EXPAND);
          RoleAssignmentId id = new RoleAssignmentId(ctx.pathParam("id"));
          respond(
              ctx,
              uc.roleAssignments()
                  .get(request(ctx), id, expand.contains("principal"))
                  .map(v -> GraphJson.roleAssignment(v, expand)));
        });
  }

  private void deleteRoleAssignment(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(
                ctx,
                uc.roleAssignments()
                    .remove(request(ctx), new RoleAssignmentId(ctx.pathParam("id")))));
  }

  private void myPermissions(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          String raw = ODataQuery.single(ctx, "appScopeId");
          Scope scope = raw == null ? Scope.TENANT : Scope.parse(raw);
          respond(ctx, uc.permissions().inScope(request(ctx), scope).map(GraphJson::permissions));
        });
  }

  // ---- catalogs ----

  private static final Set<String> CATALOG_FIELDS =
      Set.of("displayName", "description", "state", "isExternallyVisible", "catalogType");

  private void listCatalogs(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.catalogs()
                    .list(request(ctx), ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                    .map(
                        page ->
                            collection(
                                ctx,
                                "$metadata#identityGovernance/entitlementManagement/catalogs",
                                page,
                                GraphJson::catalog))));
  }

  private static void requireUserManaged(JsonObject body) {
    Bodies.optionalString(body, "catalogType")
        .filter(t -> !t.equals(Catalog.CATALOG_TYPE))
        .ifPresent(
            t -> {
              throw DomainException.invalid("catalogType", "'catalogType' must be 'userManaged'");
            });
  }

  private void createCatalog(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body = Bodies.object(ctx, CATALOG_FIELDS);
          requireUserManaged(body);
          CreateCatalog command =
              new CreateCatalog(
                  Bodies.requiredString(body, "displayName"),
                  Bodies.optionalString(body, "description").orElse(""),
                  Bodies.optionalString(body, "state").map(Catalog.State::parse),
                  Bodies.optionalBoolean(body, "isExternallyVisible"));
          respond(
              ctx,
              201,
              uc.catalogs()
                  .create(request(ctx), command)
                  .map(
                      c -> {
                        ctx.response()
                            .putHeader(
                                "Location", ctx.request().absoluteURI() + "/" + c.id().value());
                        return GraphJson.catalog(c);
                      }));
        });
  }

  private void getCatalog(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.catalogs()
                    .get(request(ctx), new CatalogId(ctx.pathParam("id")))
                    .map(GraphJson::catalog)));
  }

  private void updateCatalog(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body = Bodies.object(ctx, CATALOG_FIELDS);
          requireUserManaged(body);
          UpdateCatalog command =
              new UpdateCatalog(
                  new CatalogId(ctx.pathParam("id")),
                  Bodies.optionalNonNullString(body, "displayName"),
                  Bodies.optionalString(body, "description"),
                  Bodies.optionalString(body, "state").map(Catalog.State::parse),
                  Bodies.optionalBoolean(body, "isExternallyVisible"));
          respond(ctx, uc.catalogs().update(request(ctx), command).map(GraphJson::catalog));
        });
  }

  private void deleteCatalog(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(ctx, uc.catalogs().delete(request(ctx), new CatalogId(ctx.pathParam("id")))));
  }

  // ---- directory ----

  private void searchDirectory(RoutingContext ctx, PrincipalType type) {
    guarded(
        ctx,
        () -> {
          String search = ODataQuery.single(ctx, "$search");
          String text = search == null ? "" : search.strip();
          if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
          }
          int colon = text.indexOf(':');
          if (colon > 0 && text.substring(0, colon).matches("[A-Za-z]+")) {
            text = text.substring(colon + 1);
          }
          int top = ODataQuery.top(ctx, 100, 200);
          String context = type == PrincipalType.USER ? "$metadata#users" : "$metadata#groups";
          respond(
              ctx,
              uc.directory()
                  .search(request(ctx), type, text, top)
                  .map(
                      found -> {
                        JsonArray value = new JsonArray();
                        found.forEach(p -> value.add(GraphJson.principal(p)));
                        return new JsonObject().put("@odata.context", context).put("value", value);
                      }));
        });
  }

  private void getDirectoryObject(RoutingContext ctx, PrincipalType type) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.directory()
                    .get(request(ctx), type, new PrincipalId(ctx.pathParam("id")))
                    .map(GraphJson::principal)));
  }
}
