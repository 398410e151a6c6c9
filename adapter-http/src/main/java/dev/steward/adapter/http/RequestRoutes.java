package dev.steward.adapter.http;

import static dev.steward.adapter.http.StewardApi.EM;
import static dev.steward.adapter.http.StewardApi.collection;
import static dev.steward.adapter.http.StewardApi.guarded;
import static dev.steward.adapter.http.StewardApi.request;
import static dev.steward.adapter.http.StewardApi.respond;

import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests, approvals and assignments, in Graph's paths and shapes. */
final class RequestRoutes {
  private static final String REQUESTS = EM + "/assignmentRequests";
  private static final String APPROVALS = EM + "/assignmentApprovals";
  private static final String ASSIGNMENTS = EM + "/assignments";
  private static final Pattern ADDITIONAL =
      Pattern.compile(
          "accessPackageId='([0-9a-fA-F-]{36})',\\s*incompatibleAccessPackageId='([0-9a-fA-F-]{36})'");

  private final RequestAccessUseCase requests;
  private final ViewRequestsUseCase viewRequests;
  private final FindRequestablePackagesUseCase requestable;
  private final ApproveRequestsUseCase approvals;
  private final ViewAssignmentsUseCase assignments;

  RequestRoutes(StewardApi.UseCases uc) {
    this.requests = uc.requests();
    this.viewRequests = uc.viewRequests();
    this.requestable = uc.requestable();
    this.approvals = uc.approvals();
    this.assignments = uc.assignments();
  }

  void mount(Router router) {
    String quoted = "\\(on='([A-Za-z]+)'\\)";
    router
        .getWithRegex(Pattern.quote(REQUESTS + "/filterByCurrentUser") + quoted)
        .handler(this::myRequests);
    router
        .getWithRegex(Pattern.quote(APPROVALS + "/filterByCurrentUser") + quoted)
        .handler(this::myApprovals);
    router
        .getWithRegex(Pattern.quote(ASSIGNMENTS + "/filterByCurrentUser") + quoted)
        .handler(this::myAssignments);
    router
        .getWithRegex(Pattern.quote(ASSIGNMENTS + "/additionalAccess") + "\\((.*)\\)")
        .handler(this::additionalAccess);

    router.post(REQUESTS).handler(this::submit);
    router.get(REQUESTS).handler(this::listRequests);
    router
        .get(REQUESTS + "/:id")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            viewRequests
                                .get(request(ctx), requestId(ctx))
                                .map(RequestRoutes::requestJson)
                                .compose(
                                    json ->
                                        expandsPackage(ctx)
                                            ? namePackages(
                                                    ctx,
                                                    new JsonObject()
                                                        .put("value", new JsonArray().add(json)))
                                                .map(
                                                    all ->
                                                        all.getJsonArray("value").getJsonObject(0))
                                            : Future.succeededFuture(json)))));
    router
        .post(REQUESTS + "/:id/cancel")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            requests
                                .cancel(request(ctx), requestId(ctx))
                                .map(RequestRoutes::requestJson))));
    router
        .post(REQUESTS + "/:id/reprocess")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            202,
                            requests
                                .reprocess(request(ctx), requestId(ctx))
                                .map(RequestRoutes::requestJson))));

    router
        .get(APPROVALS + "/:id")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            approvals
                                .approval(request(ctx), requestId(ctx))
                                .map(r -> approval(r, request(ctx).actor().userId())))));
    router
        .get(APPROVALS + "/:id/stages")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            approvals
                                .approval(request(ctx), requestId(ctx))
                                .map(
                                    r ->
                                        new JsonObject()
                                            .put(
                                                "value",
                                                stages(r, request(ctx).actor().userId()))))));
    router.patch(APPROVALS + "/:id/stages/:stageId").handler(this::decide);

    router.get(ASSIGNMENTS).handler(this::listAssignments);
    router
        .get(ASSIGNMENTS + "/:id")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            assignments
                                .get(request(ctx), new AssignmentId(ctx.pathParam("id")))
                                .map(RequestRoutes::assignment))));
    router
        .post(ASSIGNMENTS + "/:id/reprocess")
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        respond(
                            ctx,
                            202,
                            assignments
                                .reprocess(request(ctx), new AssignmentId(ctx.pathParam("id")))
                                .map(RequestRoutes::assignment))));
  }

  private static RequestId requestId(RoutingContext ctx) {
    return new RequestId(ctx.pathParam("id"));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  // ---- JSON ----

  static JsonObject requestJson(AssignmentRequest r) {
    return new JsonObject()
        .put("id", r.id().value())
        .put("requestType", r.type().apiName())
        .put("state", r.state().apiName())
        .put("status", r.status())
        .put("justification", r.justification())
        .put("createdDateTime", r.createdDateTime().toString())
        .put("completedDateTime", text(r.completedDateTime()))
        .put("requestor", new JsonObject().put("objectId", r.requestorId().value()))
        .put("accessPackage", new JsonObject().put("id", r.accessPackageId().value()))
        .put(
            "assignment",
            new JsonObject()
                .put("id", r.assignmentId() == null ? null : r.assignmentId().value())
                .put("targetId", r.targetId().value())
                .put("accessPackageId", r.accessPackageId().value())
                .put("assignmentPolicyId", r.policyId() == null ? null : r.policyId().value()));
  }

  static JsonArray stages(AssignmentRequest r, PrincipalId me) {
    JsonArray a = new JsonArray();
    Optional<AssignmentRequest.Stage> current = r.currentStage();
    for (AssignmentRequest.Stage s : r.stages()) {
      String status =
          s.completed()
              ? "Completed"
              : current.filter(c -> c.index() == s.index()).isPresent()
                  ? "InProgress"
                  : r.isFinished() || r.state() == AssignmentRequest.State.DENIED
                      ? "Expired"
                      : "NotStarted";
      a.add(
          new JsonObject()
              .put("id", s.id())
              .put("displayName", "Stage " + s.id())
              .put("status", status)
              .put(
                  "assignedToMe",
                  current.filter(c -> c.index() == s.index()).isPresent()
                      && s.approvers().contains(me))
              .put("reviewResult", s.review().apiName())
              .put("justification", s.reviewJustification())
              .put(
                  "reviewedBy",
                  s.reviewedBy() == null
                      ? null
                      : new JsonObject().put("id", s.reviewedBy().value()))
              .put("reviewedDateTime", text(s.reviewedDateTime()))
              .put("dueDateTime", text(s.dueDateTime()))
              .put("escalated", s.escalated()));
    }
    return a;
  }

  static JsonObject approval(AssignmentRequest r, PrincipalId me) {
    return new JsonObject().put("id", r.id().value()).put("stages", stages(r, me));
  }

  static JsonObject assignment(Assignment a) {
    JsonObject expiration =
        a.endDateTime() == null
            ? new JsonObject().put("type", "noExpiration")
            : new JsonObject()
                .put("type", "afterDateTime")
                .put("endDateTime", a.endDateTime().toString());
    return new JsonObject()
        .put("id", a.id().value())
        .put("state", a.state() == Assignment.State.REMOVING ? "delivering" : a.state().apiName())
        .put(
            "status",
            a.state() == Assignment.State.REMOVING
                ? "Removing"
                : a.deliveryError() == null ? "Delivered" : "DeliveryFailed")
        .put("deliveryError", a.deliveryError())
        .put("expiredDateTime", text(a.expiredDateTime()))
        .put(
            "schedule",
            new JsonObject()
                .put("startDateTime", a.startDateTime().toString())
                .put("expiration", expiration))
        .put("target", new JsonObject().put("objectId", a.targetId().value()))
        .put("accessPackage", new JsonObject().put("id", a.accessPackageId().value()))
        .put("assignmentPolicy", new JsonObject().put("id", a.policyId().value()))
        .put("catalog", new JsonObject().put("id", a.catalogId().value()));
  }

  private static boolean expandsPackage(RoutingContext ctx) {
    return ODataQuery.expand(ctx, Set.of("accessPackage")).contains("accessPackage");
  }

  /**
   * {@code $expand=accessPackage}: fills in the name and description of the package each item of
   * {@code json.value} names. The items are ones the caller was already allowed to see.
   */
  private Future<JsonObject> namePackages(RoutingContext ctx, JsonObject json) {
    JsonArray items = json.getJsonArray("value");
    Set<AccessPackageId> ids = new java.util.LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(
          new AccessPackageId(
              items.getJsonObject(i).getJsonObject("accessPackage").getString("id")));
    }
    return requestable
        .packagesByIds(request(ctx), ids)
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

  // ---- handlers ----

  private void submit(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body =
              Bodies.object(
                  ctx,
                  Set.of(
                      "requestType", "assignment", "justification", "schedule", "accessPackageId"));
          AssignmentRequest.Type type =
              AssignmentRequest.Type.parse(Bodies.requiredString(body, "requestType"));
          JsonObject a =
              Bodies.optionalObject(body, "assignment")
                  .orElseThrow(
                      () -> DomainException.invalid("assignment", "'assignment' is required"));
          for (String field : a.fieldNames()) {
            if (!Set.of("id", "targetId", "accessPackageId", "assignmentPolicyId").contains(field)
                && !field.startsWith("@odata.")) {
              throw DomainException.invalid(
                  "assignment." + field, "Unknown property 'assignment." + field + "'");
            }
          }
          Optional<String> id = Bodies.optionalString(a, "id");
          Optional<String> target = Bodies.optionalString(a, "targetId");
          Optional<String> pkg = Bodies.optionalString(a, "accessPackageId");
          Optional<String> policy = Bodies.optionalString(a, "assignmentPolicyId");
          Instant end = requestedEnd(body);
          SubmitRequest cmd =
              new SubmitRequest(
                  type,
                  pkg.map(p -> new AccessPackageId(Guid.require(p, "assignment.accessPackageId")))
                      .orElse(null),
                  policy
                      .map(p -> new PolicyId(Guid.require(p, "assignment.assignmentPolicyId")))
                      .orElse(null),
                  target
                      .map(t -> new PrincipalId(Guid.require(t, "assignment.targetId")))
                      .orElse(null),
                  id.map(x -> new AssignmentId(Guid.require(x, "assignment.id"))).orElse(null),
                  Bodies.optionalString(body, "justification").orElse(""),
                  end);
          respond(ctx, 201, requests.submit(request(ctx), cmd).map(RequestRoutes::requestJson));
        });
  }

  private static Instant requestedEnd(JsonObject body) {
    return Bodies.optionalObject(body, "schedule")
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

  private void listRequests(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                viewRequests
                    .list(request(ctx), ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                    .map(
                        page ->
                            collection(
                                ctx,
                                "$metadata#assignmentRequests",
                                page,
                                RequestRoutes::requestJson))));
  }

  private void myRequests(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          String on = ctx.pathParam("param0");
          ViewRequestsUseCase.Mine mine =
              switch (on) {
                case "target" -> ViewRequestsUseCase.Mine.TARGET;
                case "createdBy" -> ViewRequestsUseCase.Mine.CREATED_BY;
                default ->
                    throw DomainException.invalid("on", "'on' must be 'target' or 'createdBy'");
              };
          boolean expand = expandsPackage(ctx);
          respond(
              ctx,
              viewRequests
                  .mine(
                      request(ctx), mine, ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                  .map(
                      page ->
                          collection(
                              ctx,
                              "$metadata#assignmentRequests",
                              page,
                              RequestRoutes::requestJson))
                  .compose(
                      json -> expand ? namePackages(ctx, json) : Future.succeededFuture(json)));
        });
  }

  private void myApprovals(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          if (!"approver".equals(ctx.pathParam("param0"))) {
            throw DomainException.invalid("on", "'on' must be 'approver'");
          }
          PrincipalId me = request(ctx).actor().userId();
          respond(
              ctx,
              approvals
                  .awaitingMe(
                      request(ctx), ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                  .map(
                      page ->
                          collection(
                              ctx, "$metadata#assignmentApprovals", page, r -> approval(r, me))));
        });
  }

  private void decide(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body = Bodies.object(ctx, Set.of("reviewResult", "justification"));
          AssignmentRequest.Review review =
              AssignmentRequest.Review.parse(Bodies.requiredString(body, "reviewResult"));
          StewardApi.noContent(
              ctx,
              approvals
                  .decide(
                      request(ctx),
                      requestId(ctx),
                      ctx.pathParam("stageId"),
                      review,
                      Bodies.optionalString(body, "justification").orElse(""))
                  .mapEmpty());
        });
  }

  private void listAssignments(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          Map<String, Set<String>> filter =
              ODataQuery.filter(ODataQuery.single(ctx, "$filter"), Set.of("accessPackage/id"));
          Optional<AccessPackageId> pkg =
              Optional.ofNullable(filter.get("accessPackage/id"))
                  .map(
                      ids -> {
                        if (ids.size() != 1) {
                          throw DomainException.invalid(
                              "$filter", "filter on one accessPackage/id at a time");
                        }
                        return new AccessPackageId(ids.iterator().next());
                      });
          respond(
              ctx,
              assignments
                  .list(request(ctx), pkg, ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                  .map(
                      page ->
                          collection(
                              ctx, "$metadata#assignments", page, RequestRoutes::assignment)));
        });
  }

  private void myAssignments(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          if (!"target".equals(ctx.pathParam("param0"))) {
            throw DomainException.invalid("on", "'on' must be 'target'");
          }
          boolean expand = expandsPackage(ctx);
          respond(
              ctx,
              assignments
                  .mine(request(ctx), ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                  .map(
                      page ->
                          collection(ctx, "$metadata#assignments", page, RequestRoutes::assignment))
                  .compose(
                      json -> expand ? namePackages(ctx, json) : Future.succeededFuture(json)));
        });
  }

  private void additionalAccess(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          Matcher m = ADDITIONAL.matcher(ctx.pathParam("param0"));
          if (!m.matches()) {
            throw DomainException.invalid(
                "additionalAccess",
                "use additionalAccess(accessPackageId='…',incompatibleAccessPackageId='…')");
          }
          respond(
              ctx,
              assignments
                  .additionalAccess(
                      request(ctx),
                      new AccessPackageId(m.group(1)),
                      new AccessPackageId(m.group(2)))
                  .map(
                      found -> {
                        JsonArray value = new JsonArray();
                        found.forEach(a -> value.add(assignment(a)));
                        return new JsonObject()
                            .put("@odata.context", "$metadata#assignments")
                            .put("value", value);
                      }));
        });
  }
}
