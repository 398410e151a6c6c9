package dev.steward.adapter.http.audit;

import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.ODataFilter;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase;
import dev.steward.domain.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/** The audit log: auditLogs/directoryAudits, read-only. */
public record AuditRoutes(ReadAuditLogUseCase auditLog) {
  private static final String AUDITS = "/v1.0/auditLogs/directoryAudits";
  private static final String CONTEXT = "$metadata#auditLogs/directoryAudits";
  private static final String[] SELECT = {
    "category",
    "correlationId",
    "result",
    "resultReason",
    "activityDisplayName",
    "activityDateTime",
    "loggedByService",
    "operationType",
    "initiatedBy",
    "targetResources",
    "additionalDetails"
  };
  private static final QueryOptions LIST =
      QueryOptions.pages()
          .filter("activityDateTime", "ge", "le")
          .filter("category", "eq")
          .filter("activityDisplayName", "eq")
          .filter("correlationId", "eq")
          .filter("initiatedBy/user/id", "eq")
          .filter("targetResources", "any")
          .filter("targetResources/id", "eq")
          .orderBy("activityDateTime")
          .select(SELECT);

  public void mount(Router router) {
    Routes.get(router, AUDITS, LIST).handler(reply(this::list));
    Routes.get(router, AUDITS + "/:id", QueryOptions.none().select(SELECT))
        .handler(
            reply(
                ctx -> auditLog.get(request(ctx), ctx.pathParam("id")),
                DirectoryAuditJson::directoryAudit));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    QueryOptions.Asked asked = QueryOptions.asked(ctx);
    Optional<ODataFilter> filter = asked.filter();
    Optional<Set<String>> actions =
        ODataQuery.value(filter, "activityDisplayName", "eq").map(DirectoryAuditJson::actions);
    // Every record is EntitlementManagement; another category matches nothing.
    boolean otherCategory =
        ODataQuery.value(filter, "category", "eq")
            .filter(c -> !c.equals(DirectoryAuditJson.CATEGORY))
            .isPresent();
    AuditQuery query =
        new AuditQuery(
            ODataQuery.value(filter, "activityDateTime", "ge").map(AuditRoutes::instant),
            ODataQuery.value(filter, "activityDateTime", "le").map(AuditRoutes::instant),
            otherCategory ? Optional.of(Set.of()) : actions,
            ODataQuery.value(filter, "correlationId", "eq"),
            ODataQuery.value(filter, "initiatedBy/user/id", "eq"),
            ODataQuery.value(filter, "targetResources/id", "eq"),
            asked.orderBy().map(o -> !o.descending()).orElse(false),
            ODataQuery.skipToken(ctx),
            ODataQuery.top(ctx, 100, AuditQuery.MAX_LIMIT));
    return auditLog
        .list(request(ctx), query)
        .map(page -> Routes.collection(ctx, CONTEXT, page, DirectoryAuditJson::directoryAudit));
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(
          "$filter",
          "'activityDateTime' compares with a date and time such as 2026-01-31T00:00:00Z");
    }
  }
}
