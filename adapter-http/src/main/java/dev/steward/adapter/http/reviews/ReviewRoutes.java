package dev.steward.adapter.http.reviews;

import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.reviews.DecideAccessReviewsUseCase;
import dev.steward.application.port.in.reviews.GroupReviewDraft;
import dev.steward.application.port.in.reviews.ManageAccessReviewsUseCase;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ReviewSchedule;
import dev.steward.domain.SubjectSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access reviews: {@code /identityGovernance/accessReviews/definitions}, their instances, the
 * instance actions (stop, applyDecisions, sendReminder, acceptRecommendations,
 * batchRecordDecisions) and decision items, with {@code filterByCurrentUser(on='reviewer')}.
 */
public record ReviewRoutes(
    ManageAccessReviewsUseCase reviews, DecideAccessReviewsUseCase decisions) {
  public static final String DEFINITIONS = "/v1.0/identityGovernance/accessReviews/definitions";
  private static final String INSTANCE = DEFINITIONS + "/:id/instances/:instanceId";
  private static final String GUID = "([0-9A-Fa-f-]{36})";

  /**
   * Graph's list filter: {@code contains(scope/microsoft.graph.accessReviewQueryScope/query,'…')}.
   */
  private static final String SCOPE_QUERY = "scope/microsoft.graph.accessReviewQueryScope/query";

  public void mount(Router router) {
    Routes.filterByCurrentUser(
        router,
        DEFINITIONS,
        QueryOptions.none(),
        reply(
            ctx -> {
              Routes.requireOn(ctx, "reviewer");
              return reviews
                  .definitionsReviewedBy(request(ctx))
                  .map(
                      found ->
                          Routes.values(
                              "$metadata#accessReviewScheduleDefinitions",
                              found,
                              ReviewJson::definition));
            }));
    router
        .getWithRegex(
            Pattern.quote(DEFINITIONS + "/")
                + GUID
                + "/instances/"
                + GUID
                + "/decisions/filterByCurrentUser\\(on='([A-Za-z]+)'\\)")
        .handler(QueryOptions.pages().check())
        .handler(
            reply(
                ctx -> {
                  if (!"reviewer".equals(ctx.pathParam("param2"))) {
                    throw DomainException.invalid("on", "'on' must be 'reviewer'");
                  }
                  String def = ctx.pathParam("param0");
                  String inst = ctx.pathParam("param1");
                  PrincipalId me = request(ctx).actor().userId();
                  return Routes.page(
                      ctx,
                      "$metadata#accessReviewInstanceDecisionItems",
                      (rc, after, top) -> decisions.myDecisions(rc, def, inst, after, top),
                      d -> ReviewJson.decision(d, me));
                }));

    Routes.get(
            router,
            DEFINITIONS,
            QueryOptions.pages().filter(SCOPE_QUERY, "contains").filter("scope/query", "contains"))
        .handler(reply(this::list));
    router.post(DEFINITIONS).handler(reply(201, this::create, ReviewJson::definition));
    Routes.get(router, DEFINITIONS + "/:id", QueryOptions.none())
        .handler(
            reply(ctx -> reviews.getDefinition(request(ctx), id(ctx)), ReviewJson::definition));
    router
        .delete(DEFINITIONS + "/:id")
        .handler(replyEmpty(ctx -> reviews.deleteDefinition(request(ctx), id(ctx))));
    Routes.get(router, DEFINITIONS + "/:id/instances", QueryOptions.none())
        .handler(
            Routes.listingAll(
                "$metadata#accessReviewInstances",
                ctx -> reviews.instances(request(ctx), id(ctx)),
                ReviewJson::instance));
    Routes.get(router, INSTANCE, QueryOptions.none())
        .handler(
            reply(
                ctx -> reviews.instance(request(ctx), id(ctx), instanceId(ctx)),
                ReviewJson::instance));
    router
        .post(INSTANCE + "/stop")
        .handler(replyEmpty(ctx -> reviews.stop(request(ctx), id(ctx), instanceId(ctx))));
    router
        .post(INSTANCE + "/applyDecisions")
        .handler(replyEmpty(ctx -> reviews.applyDecisions(request(ctx), id(ctx), instanceId(ctx))));
    router
        .post(INSTANCE + "/sendReminder")
        .handler(replyEmpty(ctx -> reviews.sendReminder(request(ctx), id(ctx), instanceId(ctx))));
    router
        .post(INSTANCE + "/acceptRecommendations")
        .handler(
            replyEmpty(
                ctx ->
                    decisions
                        .acceptRecommendations(request(ctx), id(ctx), instanceId(ctx))
                        .mapEmpty()));
    router.post(INSTANCE + "/batchRecordDecisions").handler(replyEmpty(this::batch));
    Routes.get(router, INSTANCE + "/decisions", QueryOptions.pages())
        .handler(
            reply(
                ctx -> {
                  PrincipalId me = request(ctx).actor().userId();
                  return Routes.page(
                      ctx,
                      "$metadata#accessReviewInstanceDecisionItems",
                      (rc, after, top) ->
                          decisions.decisions(rc, id(ctx), instanceId(ctx), after, top),
                      d -> ReviewJson.decision(d, me));
                }));
    Routes.get(router, INSTANCE + "/decisions/:decisionId", QueryOptions.none())
        .handler(
            reply(
                ctx ->
                    decisions
                        .decision(request(ctx), id(ctx), instanceId(ctx), decisionId(ctx))
                        .map(d -> ReviewJson.decision(d, request(ctx).actor().userId()))));
    router.patch(INSTANCE + "/decisions/:decisionId").handler(replyEmpty(this::decide));
  }

  private static String guid(RoutingContext ctx, String param) {
    String value = ctx.pathParam(param);
    if (!Guid.isValid(value)) {
      throw DomainException.notFound(
          DomainException.Reason.RESOURCE_NOT_FOUND, "Access review", value);
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  private static String id(RoutingContext ctx) {
    return guid(ctx, "id");
  }

  private static String instanceId(RoutingContext ctx) {
    return guid(ctx, "instanceId");
  }

  private static String decisionId(RoutingContext ctx) {
    return guid(ctx, "decisionId");
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    Optional<dev.steward.adapter.http.ODataFilter> filter = QueryOptions.asked(ctx).filter();
    Optional<String> contains = ODataQuery.value(filter, SCOPE_QUERY, "contains");
    Optional<String> plain = ODataQuery.value(filter, "scope/query", "contains");
    if (contains.isPresent() && plain.isPresent()) {
      throw DomainException.invalid("$filter", "'$filter' takes one contains on the scope query");
    }
    Optional<String> only = contains.or(() -> plain);
    return Routes.page(
        ctx,
        "$metadata#accessReviewScheduleDefinitions",
        (rc, after, top) -> reviews.listDefinitions(rc, only, after, top),
        ReviewJson::definition);
  }

  private Future<Void> decide(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("decision", "justification"));
    AccessReviewDecision.Verdict verdict =
        AccessReviewDecision.Verdict.parse(Bodies.requiredString(body, "decision"));
    return decisions
        .record(
            request(ctx),
            id(ctx),
            instanceId(ctx),
            decisionId(ctx),
            verdict,
            Bodies.optionalString(body, "justification").orElse(""))
        .mapEmpty();
  }

  private Future<Void> batch(RoutingContext ctx) {
    JsonObject body =
        Bodies.object(ctx, Set.of("decision", "justification", "principalId", "resourceId"));
    AccessReviewDecision.Verdict verdict =
        AccessReviewDecision.Verdict.parse(Bodies.requiredString(body, "decision"));
    Optional<PrincipalId> principal =
        Bodies.optionalString(body, "principalId")
            .map(p -> new PrincipalId(Guid.require(p, "principalId").toLowerCase()));
    Optional<String> resource =
        Bodies.optionalString(body, "resourceId")
            .map(r -> Guid.require(r, "resourceId").toLowerCase());
    return decisions
        .batchRecord(
            request(ctx),
            id(ctx),
            instanceId(ctx),
            List.of(
                new DecideAccessReviewsUseCase.BatchDecision(
                    verdict,
                    Bodies.optionalString(body, "justification").orElse(""),
                    principal,
                    resource)))
        .mapEmpty();
  }

  // ---------------------------------------------------------------- creating a group review

  private static final Pattern GROUP_SCOPE =
      Pattern.compile("/groups/" + GUID + "/transitiveMembers");
  private static final Pattern USER_QUERY = Pattern.compile("/users/" + GUID);
  private static final Pattern GROUP_QUERY =
      Pattern.compile("/groups/" + GUID + "/(?:transitiveMembers|members)");

  private Future<AccessReviewDefinition> create(RoutingContext ctx) {
    JsonObject body =
        Bodies.object(
            ctx,
            Set.of(
                "displayName",
                "descriptionForAdmins",
                "descriptionForReviewers",
                "scope",
                "reviewers",
                "fallbackReviewers",
                "settings"));
    ReviewSchedule.Fields root = new ReviewSchedule.Fields("", Bodies.plain(body));
    String name = Bodies.requiredString(body, "displayName");
    ReviewSchedule.Fields scope =
        root.object("scope")
            .orElseThrow(() -> DomainException.invalid("scope", "'scope' is required"));
    scope.only("query", "queryType", "queryRoot");
    queryType(scope);
    String query = scope.string("query").orElse("");
    Matcher g = GROUP_SCOPE.matcher(query);
    if (!g.matches()) {
      throw DomainException.invalid(
          "scope.query",
          "'scope.query' must be /groups/{id}/transitiveMembers; reviews of package assignments"
              + " come from the policy's reviewSettings");
    }
    PrincipalId group = new PrincipalId(g.group(1).toLowerCase());
    List<SubjectSet> reviewers = reviewers(root, "reviewers");
    List<SubjectSet> fallback = reviewers(root, "fallbackReviewers");
    if (reviewers.isEmpty()) {
      throw DomainException.invalid("reviewers", "a group review needs reviewers");
    }
    ReviewSchedule.Fields settings =
        root.object("settings").orElse(new ReviewSchedule.Fields("settings", Map.of()));
    settings.only(
        "mailNotificationsEnabled",
        "reminderNotificationsEnabled",
        "justificationRequiredOnApproval",
        "defaultDecisionEnabled",
        "defaultDecision",
        "instanceDurationInDays",
        "autoApplyDecisionsEnabled",
        "recommendationsEnabled",
        "recurrence");
    for (String always : List.of("mailNotificationsEnabled", "reminderNotificationsEnabled")) {
      if (!settings.bool(always, true)) {
        throw DomainException.invalid(
            settings.path(always),
            "'"
                + settings.path(always)
                + "' cannot be turned off: reviewers are mailed whenever Steward sends mail");
      }
    }
    AccessReviewDefinition.Behaviour behaviour = AccessReviewDefinition.Behaviour.KEEP_ACCESS;
    if (settings.bool("defaultDecisionEnabled", false)) {
      behaviour =
          AccessReviewDefinition.Behaviour.ofDefaultDecision(
              settings.string("defaultDecision").orElse(""));
    } else if (settings.string("defaultDecision").filter(d -> !d.equals("None")).isPresent()) {
      throw DomainException.invalid(
          "settings.defaultDecision",
          "'settings.defaultDecision' counts only with defaultDecisionEnabled");
    }
    Optional<Integer> days = settings.integer("instanceDurationInDays");
    if (days.isPresent() && (days.get() < 1 || days.get() > 365)) {
      throw DomainException.invalid(
          "settings.instanceDurationInDays", "'settings.instanceDurationInDays' must be 1 to 365");
    }
    // Checked now, so a bad recurrence is refused before anything runs; the service reads it again
    // against its own clock for the start.
    ReviewSchedule.readDefinitionSchedule(settings, Instant.EPOCH, days);
    Map<String, Object> recurrence =
        settings.object("recurrence").map(r -> r.map()).orElse(Map.of());
    return reviews.createGroupReview(
        request(ctx),
        new GroupReviewDraft(
            name,
            Bodies.optionalString(body, "descriptionForAdmins").orElse(""),
            Bodies.optionalString(body, "descriptionForReviewers").orElse(""),
            group,
            reviewers,
            fallback,
            settings.bool("justificationRequiredOnApproval", false),
            settings.bool("recommendationsEnabled", false),
            behaviour,
            settings.bool("autoApplyDecisionsEnabled", false),
            recurrence,
            days.orElse(14)));
  }

  private static void queryType(ReviewSchedule.Fields f) {
    Optional<String> type = f.string("queryType");
    if (type.isPresent() && !type.get().equals("MicrosoftGraph")) {
      throw DomainException.invalid(
          f.path("queryType"), "'" + f.path("queryType") + "' must be MicrosoftGraph");
    }
  }

  /** {@code /users/{id}}, {@code /groups/{id}/transitiveMembers} or {@code ./manager}. */
  private static List<SubjectSet> reviewers(ReviewSchedule.Fields root, String field) {
    List<SubjectSet> out = new ArrayList<>();
    for (ReviewSchedule.Fields r : root.objects(field)) {
      r.only("query", "queryType", "queryRoot");
      queryType(r);
      String query = r.string("query").orElse("");
      Matcher u = USER_QUERY.matcher(query);
      Matcher g = GROUP_QUERY.matcher(query);
      if (u.matches()) {
        out.add(new SubjectSet.SingleUser(new PrincipalId(u.group(1).toLowerCase()), ""));
      } else if (g.matches()) {
        out.add(new SubjectSet.GroupMembers(new PrincipalId(g.group(1).toLowerCase()), ""));
      } else if (query.equals("./manager")
          && r.string("queryRoot").map(x -> x.equals("decisions")).orElse(false)) {
        out.add(new SubjectSet.RequestorManager(1));
      } else {
        throw DomainException.invalid(
            r.path("query"),
            "'"
                + r.path("query")
                + "' must be /users/{id}, /groups/{id}/transitiveMembers, or ./manager with"
                + " queryRoot decisions");
      }
    }
    return out;
  }
}
