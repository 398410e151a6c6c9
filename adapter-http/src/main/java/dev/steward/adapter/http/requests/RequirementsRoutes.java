package dev.steward.adapter.http.requests;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.PolicyDocument;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST accessPackages/{id}/getApplicablePolicyRequirements}: what the caller must give to
 * request the package under each policy that lets them (questions, justification, approval).
 */
public record RequirementsRoutes(FindRequestablePackagesUseCase requestable) {
  private static final String PATH = EM + "/accessPackages/:id/getApplicablePolicyRequirements";
  private static final String CONTEXT =
      "$metadata#Collection(microsoft.graph.accessPackageAssignmentRequestRequirements)";

  public void mount(Router router) {
    router.post(PATH).handler(reply(this::requirements));
  }

  private Future<JsonObject> requirements(RoutingContext ctx) {
    // Graph's action takes no body; an empty object is accepted, anything in it is not.
    if (ctx.body() != null && ctx.body().length() > 0) {
      Bodies.object(ctx, Set.of());
    }
    return requestable
        .applicablePolicies(request(ctx), new AccessPackageId(ctx.pathParam("id")))
        .map(policies -> Routes.values(CONTEXT, policies, RequirementsRoutes::requirement));
  }

  /** One policy's requirements in Graph's accessPackageAssignmentRequestRequirements shape. */
  static JsonObject requirement(AssignmentPolicy p) {
    AssignmentPolicy.Settings s = p.settings();
    Map<String, Object> written = PolicyDocument.write(s);
    return new JsonObject()
        .put("policyId", p.id().value())
        .put("policyDisplayName", p.displayName())
        .put("policyDescription", p.description())
        .put("isApprovalRequiredForAdd", s.requestApprovalSettings().isApprovalRequiredForAdd())
        .put(
            "isApprovalRequiredForUpdate",
            s.requestApprovalSettings().isApprovalRequiredForUpdate())
        .put(
            "isRequestorJustificationRequired",
            s.requestApprovalSettings().isRequestorJustificationRequired())
        .put("allowCustomAssignmentSchedule", s.requestorSettings().allowCustomAssignmentSchedule())
        .put("questions", new JsonArray(PolicyDocument.questions(s.questions())))
        .put(
            "schedule",
            new JsonObject()
                .put("startDateTime", null)
                .put("expiration", JsonObject.mapFrom(written.get("expiration"))));
  }
}
