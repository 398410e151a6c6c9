package dev.steward.adapter.http.approvals;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.BiFunction;

/** Approvals: assignmentApprovals, their stages and filterByCurrentUser(on='approver'). */
public record ApprovalRoutes(ApproveRequestsUseCase approvals) {
  private static final String APPROVALS = EM + "/assignmentApprovals";

  /** {@code filterByCurrentUser(on='approver')}, which must come before the {@code /:id} routes. */
  public void mountFunctions(Router router) {
    Routes.filterByCurrentUser(router, APPROVALS, QueryOptions.pages(), reply(this::mine));
  }

  public void mount(Router router) {
    Routes.get(router, APPROVALS + "/:id", QueryOptions.none())
        .handler(approval(ApprovalJson::approval));
    Routes.get(router, APPROVALS + "/:id/stages", QueryOptions.none())
        .handler(approval((r, me) -> new JsonObject().put("value", ApprovalJson.stages(r, me))));
    router.patch(APPROVALS + "/:id/stages/:stageId").handler(replyEmpty(this::decide));
  }

  private static RequestId requestId(RoutingContext ctx) {
    return new RequestId(ctx.pathParam("id"));
  }

  /** A handler answering with one request's approval, as the caller sees it. */
  private Handler<RoutingContext> approval(
      BiFunction<AssignmentRequest, PrincipalId, JsonObject> json) {
    return reply(
        ctx ->
            approvals
                .approval(request(ctx), requestId(ctx))
                .map(r -> json.apply(r, request(ctx).actor().userId())));
  }

  private Future<JsonObject> mine(RoutingContext ctx) {
    Routes.requireOn(ctx, "approver");
    PrincipalId me = request(ctx).actor().userId();
    return Routes.page(
        ctx,
        "$metadata#assignmentApprovals",
        approvals::awaitingMe,
        r -> ApprovalJson.approval(r, me));
  }

  private Future<Void> decide(RoutingContext ctx) {
    String stage = ctx.pathParam("stageId");
    if (!stage.matches("[1-9]")) {
      // A policy has at most three stages: anything but a small stage number is a malformed id.
      throw DomainException.invalid("stageId", "A stage id is its number, 1 to 3");
    }
    JsonObject body = Bodies.object(ctx, Set.of("reviewResult", "justification"));
    AssignmentRequest.Review review =
        AssignmentRequest.Review.parse(Bodies.requiredString(body, "reviewResult"));
    return approvals
        .decide(
            request(ctx),
            requestId(ctx),
            ctx.pathParam("stageId"),
            review,
            Bodies.optionalString(body, "justification").orElse(""))
        .mapEmpty();
  }
}
