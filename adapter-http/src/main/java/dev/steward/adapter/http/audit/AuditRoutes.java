package dev.steward.adapter.http.audit;

import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;

import dev.steward.adapter.http.ODataFilter;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.RenderedItems;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase.AuditEntry;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
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
          .filter("additionalDetails", "any")
          .filter("additionalDetails/key", "eq")
          .filter("additionalDetails/value", "eq")
          .orderBy("activityDateTime")
          .select(SELECT)
          .withCount();

  /** Where the audit trail's chain of seals is verified (Steward's own, not a Graph resource). */
  public static final String CHAIN = "/v1.0/auditLogs/chainVerification";

  public void mount(Router router) {
    Routes.get(router, CHAIN, QueryOptions.none())
        .handler(
            reply(
                ctx -> auditLog.verifyChain(request(ctx)), DirectoryAuditJson::chainVerification));
    Routes.get(router, AUDITS, LIST).handler(ctx -> Routes.guarded(ctx, () -> list(ctx)));
    Routes.get(router, AUDITS + "/:id", QueryOptions.none().select(SELECT))
        .handler(
            reply(
                ctx -> auditLog.get(request(ctx), ctx.pathParam("id")),
                DirectoryAuditJson::directoryAudit));
  }

  /**
   * Records already written, by id and the actor's display name: a record never changes once
   * written (the table is append-only: the application's role may only insert, a trigger stops even
   * the schema's owner; decision 0026), the name comes from the directory and may change. 5,000
   * records of about 750 bytes: the newest pages, which owners and auditors read again.
   */
  private static final RenderedItems<AuditEntry, List<Object>> RECORDS =
      RenderedItems.byKey(
          5_000,
          e -> List.of(e.record().id(), e.actorDisplayName()),
          DirectoryAuditJson::directoryAudit);

  private void list(RoutingContext ctx) {
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
    Optional<CatalogId> catalog = catalogDetail(filter);
    Routes.respondPage(
        ctx,
        CONTEXT,
        auditLog.list(request(ctx), query, catalog),
        RECORDS,
        () -> auditLog.count(request(ctx), query, catalog));
  }

  /**
   * The catalog of {@code additionalDetails/any(d:d/key eq 'catalogId' and d/value eq '…')}, the
   * one detail a filter may name.
   */
  private static Optional<CatalogId> catalogDetail(Optional<ODataFilter> filter) {
    Optional<CatalogId> found = Optional.empty();
    for (ODataFilter part : ODataQuery.conjuncts(filter)) {
      if (part instanceof ODataFilter.Any any && any.collection().equals("additionalDetails")) {
        Optional<ODataFilter> body = Optional.of(any.body());
        boolean onCatalog =
            ODataQuery.value(body, "key", "eq").filter("catalogId"::equals).isPresent();
        Optional<String> value = ODataQuery.value(body, "value", "eq");
        if (!onCatalog || value.isEmpty() || found.isPresent()) {
          throw DomainException.invalid(
              "$filter",
              "'additionalDetails' is filtered only as"
                  + " additionalDetails/any(d:d/key eq 'catalogId' and d/value eq '…')");
        }
        found = Optional.of(new CatalogId(Guid.require(value.get(), "catalogId")));
      } else if (part instanceof ODataFilter.Any any
          && !(any.body() instanceof ODataFilter.Compare)) {
        throw DomainException.invalid(
            "$filter", "'targetResources/any' takes one condition, t/id eq '…'");
      }
    }
    return found;
  }

  private static Instant instant(String text) {
    return ODataQuery.instant("activityDateTime", text);
  }
}
