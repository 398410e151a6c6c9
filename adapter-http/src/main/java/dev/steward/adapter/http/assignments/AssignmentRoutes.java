package dev.steward.adapter.http.assignments;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.withId;

import dev.steward.adapter.http.ODataFilter;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.PackageNames;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.assignments.AssignmentFilter;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Assignments: assignments, filterByCurrentUser(on='target'), additionalAccess and reprocess. */
public record AssignmentRoutes(ViewAssignmentsUseCase assignments, PackageNames names) {
  private static final String[] EXPAND = {"target", "accessPackage", "assignmentPolicy"};

  /** The properties GraphJson.assignment writes, besides id. */
  private static final String[] SELECT = {
    "state",
    "status",
    "deliveryError",
    "expiredDateTime",
    "schedule",
    "target",
    "accessPackage",
    "assignmentPolicy",
    "catalog"
  };

  private static final QueryOptions FILTERS =
      QueryOptions.none()
          .filter("accessPackage/id", "eq")
          .filter("target/objectId", "eq")
          .filter("state", "eq")
          .filter("assignmentPolicy/id", "eq")
          .filter("catalog/id", "eq");
  private static final QueryOptions LIST =
      FILTERS.withPaging().expand(AssignmentRoutes.EXPAND).select(SELECT).withCount();

  private static final String ASSIGNMENTS = EM + "/assignments";
  private static final String CONTEXT = "$metadata#assignments";
  private static final Pattern ADDITIONAL =
      Pattern.compile(
          "accessPackageId='([0-9a-fA-F-]{36})',\\s*incompatibleAccessPackageId='([0-9a-fA-F-]{36})'");

  /** {@code filterByCurrentUser} and {@code additionalAccess}, before the {@code /:id} routes. */
  public void mountFunctions(Router router) {
    Routes.filterByCurrentUser(
        router, ASSIGNMENTS, QueryOptions.pages().expand(EXPAND), reply(this::mine));
    router
        .getWithRegex(Pattern.quote(ASSIGNMENTS + "/additionalAccess") + "\\((.*)\\)")
        .handler(QueryOptions.none().check())
        .handler(reply(this::additionalAccess));
  }

  public void mount(Router router) {
    Routes.get(router, ASSIGNMENTS, LIST)
        .handler(
            reply(
                ctx ->
                    Routes.counted(
                        ctx,
                        Routes.page(
                                ctx,
                                CONTEXT,
                                (request, after, top) ->
                                    assignments.list(request, filter(ctx), after, top),
                                AssignmentJson::assignment)
                            .compose(json -> names.expanded(ctx, json)),
                        () -> assignments.count(request(ctx), filter(ctx)))));
    Routes.countSegment(
        router, ASSIGNMENTS, FILTERS, ctx -> assignments.count(request(ctx), filter(ctx)));
    Routes.get(router, ASSIGNMENTS + "/:id", QueryOptions.none().expand(EXPAND).select(SELECT))
        .handler(
            reply(
                ctx ->
                    assignments
                        .get(request(ctx), new AssignmentId(ctx.pathParam("id")))
                        .map(AssignmentJson::assignment)
                        .compose(json -> names.expandedItem(ctx, json))));
    router
        .post(ASSIGNMENTS + "/:id/reprocess")
        .handler(
            reply(
                202,
                withId(AssignmentId::new, assignments::reprocess),
                AssignmentJson::assignment));
  }

  /** What the listing's {@code $filter} asks for, as the store query takes it. */
  private static AssignmentFilter filter(RoutingContext ctx) {
    Optional<ODataFilter> f = QueryOptions.asked(ctx).filter();
    return new AssignmentFilter(
        ODataQuery.value(f, "accessPackage/id", "eq").map(AccessPackageId::new),
        ODataQuery.value(f, "target/objectId", "eq").map(PrincipalId::new),
        ODataQuery.value(f, "state", "eq").map(AssignmentRoutes::states),
        ODataQuery.value(f, "assignmentPolicy/id", "eq").map(PolicyId::new),
        ODataQuery.value(f, "catalog/id", "eq").map(CatalogId::new));
  }

  /** The states Graph's name stands for: a removal in progress shows as delivering. */
  private static Set<Assignment.State> states(String apiName) {
    return switch (apiName) {
      case "delivering" -> Set.of(Assignment.State.DELIVERING, Assignment.State.REMOVING);
      case "delivered" -> Set.of(Assignment.State.DELIVERED);
      case "deliveryFailed" -> Set.of(Assignment.State.DELIVERY_FAILED);
      case "expired" -> Set.of(Assignment.State.EXPIRED);
      default ->
          throw DomainException.invalid(
              "$filter",
              "'state' is one of delivering, delivered, deliveryFailed, expired; not '"
                  + apiName
                  + "'");
    };
  }

  private Future<JsonObject> mine(RoutingContext ctx) {
    Routes.requireOn(ctx, "target");
    return Routes.page(ctx, CONTEXT, assignments::mine, AssignmentJson::assignment)
        .compose(json -> names.expanded(ctx, json));
  }

  private Future<JsonObject> additionalAccess(RoutingContext ctx) {
    Matcher m = ADDITIONAL.matcher(ctx.pathParam("param0"));
    if (!m.matches()) {
      throw DomainException.invalid(
          "additionalAccess",
          "use additionalAccess(accessPackageId='…',incompatibleAccessPackageId='…')");
    }
    return assignments
        .additionalAccess(
            request(ctx), new AccessPackageId(m.group(1)), new AccessPackageId(m.group(2)))
        .map(found -> Routes.values(CONTEXT, found, AssignmentJson::assignment));
  }
}
