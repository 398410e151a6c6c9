package dev.steward.adapter.http.requests;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.withId;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.ODataFilter;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.PackageNames;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.port.in.requests.RequestFilter;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/** Assignment requests: assignmentRequests, with filterByCurrentUser, cancel and reprocess. */
public record RequestRoutes(
    RequestAccessUseCase requests, ViewRequestsUseCase viewRequests, PackageNames names) {
  private static final String[] EXPAND = {"accessPackage", "requestor", "target", "assignment"};

  /** The properties RequestJson.request writes, besides id. */
  private static final String[] SELECT = {
    "requestType",
    "state",
    "status",
    "justification",
    "createdDateTime",
    "completedDateTime",
    "requestor",
    "target",
    "accessPackage",
    "assignment",
    "answers"
  };

  private static final QueryOptions FILTERS =
      QueryOptions.none()
          .filter("state", "eq")
          .filter("requestType", "eq")
          .filter("accessPackage/id", "eq")
          .filter("target/objectId", "eq")
          .filter("createdDateTime", "ge", "le");
  private static final QueryOptions LIST =
      FILTERS.withPaging().expand(EXPAND).select(SELECT).withCount();

  private static final String REQUESTS = EM + "/assignmentRequests";
  private static final String CONTEXT = "$metadata#assignmentRequests";
  private static final Set<String> ASSIGNMENT_FIELDS =
      Set.of("id", "targetId", "accessPackageId", "assignmentPolicyId");

  /** {@code filterByCurrentUser(on='…')}, which must come before the {@code /:id} routes. */
  public void mountFunctions(Router router) {
    Routes.filterByCurrentUser(
        router, REQUESTS, QueryOptions.pages().expand(EXPAND), reply(this::mine));
  }

  public void mount(Router router) {
    router.post(REQUESTS).handler(reply(201, this::submit, RequestJson::request));
    Routes.get(router, REQUESTS, LIST).handler(reply(this::list));
    Routes.countSegment(
        router, REQUESTS, FILTERS, ctx -> viewRequests.count(request(ctx), filter(ctx)));
    Routes.get(router, REQUESTS + "/:id", QueryOptions.none().expand(EXPAND).select(SELECT))
        .handler(reply(this::get));
    router
        .post(REQUESTS + "/:id/cancel")
        .handler(reply(withId(RequestId::new, requests::cancel), RequestJson::request));
    router
        .post(REQUESTS + "/:id/reprocess")
        .handler(reply(202, withId(RequestId::new, requests::reprocess), RequestJson::request));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    RequestFilter filter = filter(ctx);
    return Routes.counted(
        ctx,
        named(ctx, (request, after, top) -> viewRequests.list(request, filter, after, top)),
        () -> viewRequests.count(request(ctx), filter));
  }

  /** The store filter that the listing's {@code $filter} asks for. */
  private static RequestFilter filter(RoutingContext ctx) {
    Optional<ODataFilter> f = QueryOptions.asked(ctx).filter();
    return new RequestFilter(
        ODataQuery.value(f, "state", "eq").map(RequestRoutes::state),
        ODataQuery.value(f, "requestType", "eq").map(AssignmentRequest.Type::parse),
        ODataQuery.value(f, "accessPackage/id", "eq").map(AccessPackageId::new),
        ODataQuery.value(f, "target/objectId", "eq").map(PrincipalId::new),
        ODataQuery.value(f, "createdDateTime", "ge").map(RequestRoutes::instant),
        ODataQuery.value(f, "createdDateTime", "le").map(RequestRoutes::instant));
  }

  /** A page of requests, their packages named when the request asks for it. */
  private Future<JsonObject> named(RoutingContext ctx, Routes.PageSource<AssignmentRequest> found) {
    return Routes.page(ctx, CONTEXT, found, RequestJson::request)
        .compose(json -> names.expanded(ctx, json));
  }

  private static AssignmentRequest.State state(String apiName) {
    for (AssignmentRequest.State s : AssignmentRequest.State.values()) {
      if (s.apiName().equals(apiName)) {
        return s;
      }
    }
    throw DomainException.invalid("$filter", "'state' has no value '" + apiName + "'");
  }

  private static Instant instant(String text) {
    return ODataQuery.instant("createdDateTime", text);
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    return viewRequests
        .get(request(ctx), new RequestId(ctx.pathParam("id")))
        .map(RequestJson::request)
        .compose(json -> names.expandedItem(ctx, json));
  }

  private Future<AssignmentRequest> submit(RoutingContext ctx) {
    JsonObject body =
        Bodies.object(
            ctx,
            Set.of(
                "requestType",
                "assignment",
                "justification",
                "schedule",
                "accessPackageId",
                "answers"));
    AssignmentRequest.Type type =
        AssignmentRequest.Type.parse(Bodies.requiredString(body, "requestType"));
    JsonObject a =
        Bodies.optionalObject(body, "assignment")
            .orElseThrow(() -> DomainException.invalid("assignment", "'assignment' is required"));
    Bodies.only(a, "assignment", ASSIGNMENT_FIELDS);
    Optional<String> id = Bodies.optionalString(a, "id");
    Optional<String> target = Bodies.optionalString(a, "targetId");
    Optional<String> pkg = Bodies.optionalString(a, "accessPackageId");
    Optional<String> policy = Bodies.optionalString(a, "assignmentPolicyId");
    Instant end = requestedEnd(body, type);
    SubmitRequest cmd =
        new SubmitRequest(
            type,
            pkg.map(p -> new AccessPackageId(Guid.require(p, "assignment.accessPackageId")))
                .orElse(null),
            policy
                .map(p -> new PolicyId(Guid.require(p, "assignment.assignmentPolicyId")))
                .orElse(null),
            target.map(t -> new PrincipalId(Guid.require(t, "assignment.targetId"))).orElse(null),
            id.map(x -> new AssignmentId(Guid.require(x, "assignment.id"))).orElse(null),
            Bodies.optionalString(body, "justification").orElse(""),
            end,
            AnswersJson.read(body));
    return requests.submit(request(ctx), cmd);
  }

  /**
   * The end a userExtend asks for; any other request with a schedule is refused, as are parts of a
   * schedule Steward does not honour (a custom start, a duration).
   */
  private static Instant requestedEnd(JsonObject body, AssignmentRequest.Type type) {
    Optional<JsonObject> schedule = Bodies.optionalObject(body, "schedule");
    if (schedule.isEmpty()) {
      return null;
    }
    if (type != AssignmentRequest.Type.USER_EXTEND) {
      throw DomainException.invalid(
          "schedule", "'schedule' is only for userExtend; assignments start when delivered");
    }
    Bodies.only(schedule.get(), "schedule", Set.of("expiration"));
    schedule
        .flatMap(s -> Bodies.optionalObject(s, "expiration"))
        .ifPresent(e -> Bodies.only(e, "schedule.expiration", Set.of("endDateTime", "type")));
    return schedule
        .flatMap(s -> Bodies.optionalObject(s, "expiration"))
        .flatMap(e -> Bodies.optionalString(e, "endDateTime"))
        .map(
            t -> {
              try {
                return OffsetDateTime.parse(t).toInstant();
              } catch (DateTimeParseException e) {
                throw DomainException.invalid(
                    "schedule.expiration.endDateTime",
                    "'schedule.expiration.endDateTime' must be an ISO 8601 date and time");
              }
            })
        .orElse(null);
  }

  private Future<JsonObject> mine(RoutingContext ctx) {
    ViewRequestsUseCase.Mine mine =
        switch (ctx.pathParam("param0")) {
          case "target" -> ViewRequestsUseCase.Mine.TARGET;
          case "createdBy" -> ViewRequestsUseCase.Mine.CREATED_BY;
          default -> throw DomainException.invalid("on", "'on' must be 'target' or 'createdBy'");
        };
    return named(ctx, (request, after, top) -> viewRequests.mine(request, mine, after, top));
  }
}
