package dev.steward.adapter.http.extensions;

import static dev.steward.adapter.http.Routes.EM;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase;
import dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase.Change;
import dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase.Draft;
import dev.steward.application.port.in.extensions.ResumeRequestsUseCase;
import dev.steward.application.port.out.extensions.StandardWebhooks;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.RequestId;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Custom extensions: catalogs/{id}/customWorkflowExtensions, the resume action by which outside
 * systems answer, and a request's calls and answers.
 */
public record CustomExtensionRoutes(
    ManageCustomExtensionsUseCase extensions, ResumeRequestsUseCase resumes) {
  private static final String EXTENSIONS = EM + "/catalogs/:catalogId/customWorkflowExtensions";
  private static final String REQUESTS = EM + "/assignmentRequests";
  private static final Set<String> FIELDS =
      Set.of("displayName", "description", "endpointConfiguration", "callbackConfiguration");

  /** The resume path; an answer signed per Standard Webhooks reaches it without a sign-in. */
  public static final Pattern RESUME = Pattern.compile(Pattern.quote(REQUESTS) + "/[^/]+/resume");

  /** Whether the request is an outside system's signed answer, which its signature vouches for. */
  public static boolean isSignedAnswer(RoutingContext ctx) {
    return ctx.request().method() == io.vertx.core.http.HttpMethod.POST
        && RESUME.matcher(ctx.normalizedPath()).matches()
        && ctx.request().getHeader(StandardWebhooks.SIGNATURE) != null;
  }

  public void mount(Router router) {
    Routes.get(router, EXTENSIONS, QueryOptions.pages())
        .handler(
            reply(
                ctx ->
                    Routes.page(
                        ctx,
                        "$metadata#identityGovernance/entitlementManagement/catalogs('"
                            + ctx.pathParam("catalogId")
                            + "')/customWorkflowExtensions",
                        (request, after, top) -> extensions.list(request, catalog(ctx), after, top),
                        CustomExtensionJson::extension)));
    router
        .post(EXTENSIONS)
        .handler(
            reply(
                201,
                ctx -> extensions.create(request(ctx), catalog(ctx), draft(ctx)),
                CustomExtensionJson::created));
    Routes.get(router, EXTENSIONS + "/:id", QueryOptions.none())
        .handler(
            reply(
                ctx -> extensions.get(request(ctx), catalog(ctx), ctx.pathParam("id")),
                CustomExtensionJson::extension));
    // Graph v1.0 updates with PUT, changing only the properties given; PATCH does the same.
    router
        .put(EXTENSIONS + "/:id")
        .handler(
            reply(
                ctx ->
                    extensions.update(request(ctx), catalog(ctx), ctx.pathParam("id"), change(ctx)),
                CustomExtensionJson::extension));
    router
        .patch(EXTENSIONS + "/:id")
        .handler(
            reply(
                ctx ->
                    extensions.update(request(ctx), catalog(ctx), ctx.pathParam("id"), change(ctx)),
                CustomExtensionJson::extension));
    router
        .delete(EXTENSIONS + "/:id")
        .handler(
            replyEmpty(ctx -> extensions.delete(request(ctx), catalog(ctx), ctx.pathParam("id"))));
    router.post(REQUESTS + "/:id/resume").handler(replyEmpty(this::resume));
    Routes.get(router, REQUESTS + "/:id/customExtensionCalloutInstances", QueryOptions.none())
        .handler(
            reply(
                ctx ->
                    resumes
                        .callouts(request(ctx), requestId(ctx))
                        .map(
                            all ->
                                Routes.values(
                                    "$metadata#customExtensionCalloutInstances",
                                    all,
                                    CustomExtensionJson::callout))));
  }

  private static CatalogId catalog(RoutingContext ctx) {
    return new CatalogId(Guid.require(ctx.pathParam("catalogId"), "catalogId"));
  }

  private static RequestId requestId(RoutingContext ctx) {
    return new RequestId(Guid.require(ctx.pathParam("id"), "id"));
  }

  private static Draft draft(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, FIELDS);
    CustomExtension.Kind kind =
        CustomExtension.Kind.parse(
            Bodies.optionalString(body, "@odata.type")
                .orElseThrow(
                    () -> DomainException.invalid("@odata.type", "'@odata.type' is required")));
    return new Draft(
        kind,
        Bodies.requiredString(body, "displayName"),
        Bodies.optionalString(body, "description").orElse(""),
        targetUrl(body)
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        "endpointConfiguration.targetUrl",
                        "'endpointConfiguration.targetUrl' is required")),
        timeout(body).flatMap(t -> t).orElse(null));
  }

  private static Change change(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, FIELDS);
    Bodies.optionalString(body, "@odata.type").ifPresent(CustomExtension.Kind::parse);
    return new Change(
        Bodies.optionalNonNullString(body, "displayName"),
        Bodies.optionalNonNullString(body, "description"),
        targetUrl(body),
        timeout(body));
  }

  /** endpointConfiguration: an httpRequestEndpoint and its targetUrl, nothing else. */
  private static Optional<String> targetUrl(JsonObject body) {
    Optional<JsonObject> endpoint = Bodies.optionalObject(body, "endpointConfiguration");
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    Bodies.only(endpoint.get(), "endpointConfiguration", Set.of("targetUrl"));
    String type = Bodies.optionalString(endpoint.get(), "@odata.type").orElse("");
    if (!type.equals("#microsoft.graph.httpRequestEndpoint")
        && !type.equals("microsoft.graph.httpRequestEndpoint")) {
      throw DomainException.invalid(
          "endpointConfiguration.@odata.type",
          "'endpointConfiguration.@odata.type' must be #microsoft.graph.httpRequestEndpoint;"
              + " Steward calls plain HTTPS webhooks, not Logic Apps");
    }
    return Optional.of(Bodies.requiredString(endpoint.get(), "targetUrl"));
  }

  /**
   * callbackConfiguration: absent (unchanged), null (no waiting), or a
   * customExtensionCallbackConfiguration with its timeoutDuration.
   */
  private static Optional<Optional<Duration>> timeout(JsonObject body) {
    if (!body.containsKey("callbackConfiguration")) {
      return Optional.empty();
    }
    Optional<JsonObject> callback = Bodies.optionalObject(body, "callbackConfiguration");
    if (callback.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    Bodies.only(callback.get(), "callbackConfiguration", Set.of("timeoutDuration"));
    String text =
        Bodies.optionalString(callback.get(), "timeoutDuration")
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        "callbackConfiguration.timeoutDuration",
                        "'callbackConfiguration.timeoutDuration' is required"));
    try {
      return Optional.of(Optional.of(Duration.parse(text)));
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(
          "callbackConfiguration.timeoutDuration",
          "'callbackConfiguration.timeoutDuration' must be an ISO 8601 duration such as PT1H");
    }
  }

  /** Graph's resume action with accessPackageAssignmentRequestCallbackData. */
  private io.vertx.core.Future<Void> resume(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("source", "type", "data"));
    Bodies.optionalString(body, "source");
    Bodies.optionalString(body, "type");
    JsonObject data =
        Bodies.optionalObject(body, "data")
            .orElseThrow(() -> DomainException.invalid("data", "'data' is required"));
    Bodies.only(
        data,
        "data",
        Set.of(
            "stage",
            "customExtensionStageInstanceId",
            "customExtensionStageInstanceDetail",
            "state"));
    String dataType = Bodies.optionalString(data, "@odata.type").orElse("");
    if (!dataType.isEmpty()
        && !dataType.equals("microsoft.graph.accessPackageAssignmentRequestCallbackData")
        && !dataType.equals("#microsoft.graph.accessPackageAssignmentRequestCallbackData")) {
      throw DomainException.invalid(
          "data.@odata.type",
          "'data.@odata.type' must be microsoft.graph.accessPackageAssignmentRequestCallbackData");
    }
    // Graph documents Denied and Canceled; the enum's own spelling is lower case.
    ResumeRequestsUseCase.Answer answer =
        Bodies.optionalString(data, "state")
            .map(
                state ->
                    switch (state.toLowerCase(java.util.Locale.ROOT)) {
                      case "denied" -> ResumeRequestsUseCase.Answer.DENY;
                      case "canceled" -> ResumeRequestsUseCase.Answer.CANCEL;
                      default ->
                          throw DomainException.invalid(
                              "data.state",
                              "'data.state' is denied or canceled, or left out for the request"
                                  + " to go on");
                    })
            .orElse(ResumeRequestsUseCase.Answer.GO_ON);
    CustomExtension.Stage stage =
        CustomExtension.Stage.parse(
            "data.stage",
            Bodies.optionalString(data, "stage")
                .orElseThrow(
                    () -> DomainException.invalid("data.stage", "'data.stage' is required")));
    String calloutId =
        Bodies.optionalString(data, "customExtensionStageInstanceId")
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        "data.customExtensionStageInstanceId",
                        "'data.customExtensionStageInstanceId' is required"));
    String detail = Bodies.optionalString(data, "customExtensionStageInstanceDetail").orElse("");
    Optional<ResumeRequestsUseCase.Signed> signed =
        isSignedAnswer(ctx)
            ? Optional.of(
                new ResumeRequestsUseCase.Signed(
                    header(ctx, StandardWebhooks.ID),
                    header(ctx, StandardWebhooks.TIMESTAMP),
                    header(ctx, StandardWebhooks.SIGNATURE),
                    ctx.body().asString("UTF-8")))
            : Optional.empty();
    Optional<RequestContext> caller =
        signed.isPresent() ? Optional.empty() : Optional.of(request(ctx));
    var from = ctx.request().remoteAddress();
    return resumes.resume(
        new ResumeRequestsUseCase.Resume(
            requestId(ctx),
            stage,
            calloutId,
            detail,
            answer,
            signed,
            caller,
            Routes.requestId(ctx),
            from == null ? null : from.hostAddress()));
  }

  private static String header(RoutingContext ctx, String name) {
    String value = ctx.request().getHeader(name);
    if (value == null || value.isBlank()) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "A signed answer carries the " + name + " header");
    }
    return value;
  }
}
