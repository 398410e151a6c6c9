package dev.steward.adapter.http;

import dev.steward.adapter.http.approvals.ApprovalRoutes;
import dev.steward.adapter.http.assignments.AssignmentRoutes;
import dev.steward.adapter.http.audit.AuditRoutes;
import dev.steward.adapter.http.catalogs.CatalogRoutes;
import dev.steward.adapter.http.delegation.RoleRoutes;
import dev.steward.adapter.http.directory.DirectoryRoutes;
import dev.steward.adapter.http.packages.PackageRoutes;
import dev.steward.adapter.http.policies.PolicyRoutes;
import dev.steward.adapter.http.requests.RequestRoutes;
import dev.steward.adapter.http.resources.ResourceRoutes;
import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.directory.AuthenticateUseCase;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP API of Steward: sign-in, health, the portal, and the Graph v1.0 routes of each resource
 * family (in its own package), each handing a parsed command to one use case.
 */
public final class StewardApi {
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
      AuthenticateUseCase authenticate,
      ReadAuditLogUseCase auditLog,
      dev.steward.application.port.in.sessions.PortalSessionsUseCase sessions,
      dev.steward.application.port.in.reviews.ManageAccessReviewsUseCase accessReviews,
      dev.steward.application.port.in.reviews.DecideAccessReviewsUseCase reviewDecisions,
      dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase customExtensions,
      dev.steward.application.port.in.extensions.ResumeRequestsUseCase resumes) {}

  private final Authentication auth;
  private final HttpSettings settings;
  private final List<HealthCheck> checks;
  private final RoleRoutes roles;
  private final CatalogRoutes catalogs;
  private final DirectoryRoutes directory;
  private final ResourceRoutes resources;
  private final PackageRoutes packages;
  private final dev.steward.application.port.in.requests.FindRequestablePackagesUseCase requestable;
  private final PolicyRoutes policies;
  private final RequestRoutes requests;
  private final ApprovalRoutes approvals;
  private final AssignmentRoutes assignments;
  private final AuditRoutes audit;
  private final dev.steward.adapter.http.reviews.ReviewRoutes reviews;
  private final dev.steward.adapter.http.extensions.CustomExtensionRoutes extensions;

  private final AccessLog accessLog;
  private final PortalSessions sessions;
  private final Portal portal;

  public StewardApi(
      Vertx vertx,
      UseCases useCases,
      HttpSettings settings,
      List<HealthCheck> checks,
      AccessLog accessLog,
      SignInGuard guard) {
    this.accessLog = accessLog;
    this.settings = settings;
    this.checks = List.copyOf(checks);
    this.sessions = new PortalSessions(useCases.sessions());
    this.auth = new Authentication(vertx, useCases.authenticate(), settings, sessions, guard);
    this.portal = new Portal(useCases.authenticate(), sessions, settings.https(), guard);
    PackageNames names =
        new PackageNames(
            useCases.requestable(),
            useCases.directory(),
            useCases.policies(),
            useCases.assignments());
    this.requestable = useCases.requestable();
    this.roles =
        new RoleRoutes(
            useCases.roleDefinitions(), useCases.roleAssignments(), useCases.permissions());
    this.directory = new DirectoryRoutes(useCases.directory());
    this.resources = new ResourceRoutes(useCases.resources());
    this.packages =
        new PackageRoutes(
            useCases.accessPackages(), useCases.incompatibilities(), useCases.requestable());
    this.catalogs = new CatalogRoutes(useCases.catalogs(), packages::packagesOf);
    this.policies = new PolicyRoutes(useCases.policies());
    this.requests = new RequestRoutes(useCases.requests(), useCases.viewRequests(), names);
    this.approvals = new ApprovalRoutes(useCases.approvals());
    this.assignments = new AssignmentRoutes(useCases.assignments(), names);
    this.audit = new AuditRoutes(useCases.auditLog());
    this.reviews =
        new dev.steward.adapter.http.reviews.ReviewRoutes(
            useCases.accessReviews(), useCases.reviewDecisions());
    this.extensions =
        new dev.steward.adapter.http.extensions.CustomExtensionRoutes(
            useCases.customExtensions(), useCases.resumes());
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(this::begin);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));

    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router
        .get("/health/ready")
        .handler(ctx -> ready(ctx, settings.readinessIncludesDependencies()));
    router.get("/health/dependencies").handler(ctx -> ready(ctx, true));
    router.post("/oauth2/v2.0/token").handler(auth::token);
    router.post("/:tenant/oauth2/v2.0/token").handler(auth::token);
    portal.mount(router);

    // A route without a path, so the metrics' route label is the endpoint's template alone.
    router
        .route()
        .handler(
            ctx -> {
              // The normalised path, the one routes match: "/x/../v1.0/me" is "/v1.0/me" too.
              if (dev.steward.adapter.http.extensions.CustomExtensionRoutes.isSignedAnswer(ctx)) {
                // An outside system's answer: its Standard Webhooks signature is checked instead.
                ctx.next();
              } else if (ctx.normalizedPath().startsWith("/v1.0")) {
                auth.handle(ctx);
              } else {
                ctx.next();
              }
            });

    // Writes take no query options; a GET route declares its own with Routes.get.
    // Path-less, as above, so that the metrics' route label stays the endpoint's template.
    router
        .route()
        .handler(
            ctx ->
                Routes.guarded(
                    ctx,
                    () -> {
                      if (ctx.normalizedPath().startsWith("/v1.0")
                          && ctx.request().method() != HttpMethod.GET) {
                        QueryOptions.none().read(ctx);
                      }
                      ctx.next();
                    }));

    // Each family in the order its routes have always been mounted: order decides which of two
    // matching routes serves, and the Graph functions must come before the "/:id" routes.
    roles.mount(router);
    catalogs.mount(router);
    directory.mount(router);
    resources.mount(router);
    packages.mount(router);
    new dev.steward.adapter.http.requests.RequirementsRoutes(requestable).mount(router);
    policies.mount(router);
    requests.mountFunctions(router);
    approvals.mountFunctions(router);
    assignments.mountFunctions(router);
    requests.mount(router);
    approvals.mount(router);
    assignments.mount(router);
    audit.mount(router);
    reviews.mount(router);
    extensions.mount(router);

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
    RequestLogContext.begin(RequestIds.of(ctx), Authentication.clientAddress(ctx));
    long start = System.nanoTime();
    ctx.addBodyEndHandler(
        v -> {
          var actor = ctx.<dev.steward.application.port.in.Actor>get(Authentication.ACTOR);
          String attempted = ctx.get(Authentication.ATTEMPTED_LOGIN);
          String route = ctx.currentRoute() == null ? null : ctx.currentRoute().getPath();
          String client = Authentication.clientAddress(ctx);
          accessLog.log(
              RequestIds.of(ctx),
              client.isEmpty() ? "-" : client,
              actor != null
                  ? actor.login()
                  : attempted == null ? "-" : AccessLog.attempt(attempted),
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
    router
        .get("/health/ready")
        .handler(ctx -> ready(ctx, settings.readinessIncludesDependencies()));
    router.get("/health/dependencies").handler(ctx -> ready(ctx, true));
    return router;
  }

  private volatile boolean draining;

  /**
   * Steward is stopping: readiness answers 503 from now on, so load balancers send new work
   * elsewhere, while requests keep being served until the server closes.
   */
  public void drain() {
    draining = true;
  }

  /**
   * Whether this instance should get traffic. Draining (shutting down) always says no. A dependency
   * that is down says no only when {@code dependenciesCount}: on {@code /health/dependencies}, and
   * on {@code /health/ready} when STEWARD_HEALTH_READY_INCLUDES_DEPENDENCIES is on. By default a
   * shared Postgres or LDAP outage leaves every instance in the balancer's pool, reported as
   * DEGRADED, and Steward answers requests with its own 503 and Retry-After instead of the
   * balancer's bare error page.
   */
  private void ready(RoutingContext ctx, boolean dependenciesCount) {
    if (draining) {
      ctx.response().setStatusCode(503);
      ctx.json(new JsonObject().put("status", "DRAINING"));
      return;
    }
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
              ctx.response().setStatusCode(up || !dependenciesCount ? 200 : 503);
              ctx.json(
                  new JsonObject()
                      .put("status", up ? "UP" : dependenciesCount ? "DOWN" : "DEGRADED")
                      .put("checks", details));
            });
  }
}
