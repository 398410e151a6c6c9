package dev.steward.adapter.http.policies;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.listing;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.withId;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.GraphJson;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.PolicyDocument;
import dev.steward.domain.PolicyId;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Assignment policies: assignmentPolicies and accessPackages/{id}/assignmentPolicies. */
public record PolicyRoutes(ManagePoliciesUseCase policies) {
  private static final String POLICIES = EM + "/assignmentPolicies";
  private static final String CONTEXT = "$metadata#assignmentPolicies";
  private static final Set<String> FIELDS;

  static {
    Set<String> fields = new HashSet<>(PolicyDocument.SETTINGS_FIELDS);
    fields.addAll(
        Set.of(
            "displayName",
            "description",
            "accessPackage",
            "catalog",
            "id",
            "createdDateTime",
            "modifiedDateTime"));
    FIELDS = Set.copyOf(fields);
  }

  /** What {@code $select} may name: every property GraphJson.policy writes; id is always kept. */
  private static final String[] SELECT =
      FIELDS.stream().filter(f -> !f.equals("id")).sorted().toArray(String[]::new);

  public void mount(Router router) {
    Routes.get(router, EM + "/accessPackages/:id/assignmentPolicies", QueryOptions.pages())
        .handler(
            listing(
                CONTEXT,
                ctx -> Optional.of(new AccessPackageId(ctx.pathParam("id"))),
                policies::list,
                GraphJson::policy));
    Routes.get(
            router, POLICIES, QueryOptions.pages().filter("accessPackage/id", "eq").select(SELECT))
        .handler(listing(CONTEXT, Routes::packageFilter, policies::list, GraphJson::policy));
    router
        .post(POLICIES)
        .handler(
            reply(201, ctx -> policies.create(request(ctx), draft(ctx, true)), GraphJson::policy));
    Routes.get(router, POLICIES + "/:id", QueryOptions.none().select(SELECT))
        .handler(reply(withId(PolicyId::new, policies::get), GraphJson::policy));
    router
        .put(POLICIES + "/:id")
        .handler(
            reply(
                ctx -> policies.replace(request(ctx), id(ctx), draft(ctx, false)),
                GraphJson::policy));
    router.delete(POLICIES + "/:id").handler(replyEmpty(withId(PolicyId::new, policies::delete)));
  }

  private static PolicyId id(RoutingContext ctx) {
    return new PolicyId(ctx.pathParam("id"));
  }

  private static PolicyDraft draft(RoutingContext ctx, boolean packageRequired) {
    JsonObject body = Bodies.object(ctx, FIELDS);
    Map<String, Object> settings = Bodies.plain(body);
    settings.keySet().retainAll(PolicyDocument.SETTINGS_FIELDS);
    AccessPackageId pkg =
        packageRequired || body.containsKey("accessPackage")
            ? new AccessPackageId(Bodies.referencedId(body, "accessPackage"))
            : null;
    return new PolicyDraft(
        pkg,
        Bodies.requiredString(body, "displayName"),
        Bodies.optionalString(body, "description").orElse(""),
        PolicyDocument.read(settings));
  }
}
