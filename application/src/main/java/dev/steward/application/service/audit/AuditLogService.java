package dev.steward.application.service.audit;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.ChainVerification;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.RoleAssignmentReads;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The audit log, read in the scope the caller's roles allow and named from the directory. */
public final class AuditLogService extends ServiceBase implements ReadAuditLogUseCase {
  public AuditLogService(Essentials essentials) {
    super(essentials);
  }

  /** What a page of the log asked, the catalogs its caller may read included: its memo's key. */
  private record Listing(Optional<Set<CatalogId>> only, AuditQuery query) {
    Listing {
      only = only.map(Set::copyOf);
    }
  }

  /** What a count of the log asked. */
  private record Counting(Optional<Set<CatalogId>> only, AuditQuery query) {
    Counting {
      only = only.map(Set::copyOf);
    }
  }

  /** The catalogs a key holds, counted with the answer it keeps (decision 0030). */
  private static long weight(Optional<Set<CatalogId>> only) {
    return only.map(Set::size).orElse(0);
  }

  /**
   * A page of the records the caller may read. The records a query finds are remembered until an
   * audit record is written, here or anywhere (decision 0030), and the caller's roles until they
   * change (decision 0011): a page asked again takes no connection. Actors are named afresh every
   * time, from the directory's cache.
   */
  @Override
  public Future<Page<AuditEntry>> list(
      RequestContext ctx, AuditQuery query, Optional<CatalogId> catalog) {
    AuditQuery asked = query.withLimit(query.limit() + 1);
    return readable(ctx, new RoleAssignmentReads(transactions))
        .map(only -> narrowed(ctx, only, catalog))
        .compose(
            only ->
                access.rememberedAudit(
                    new Listing(only, asked),
                    weight(only),
                    () ->
                        transactions
                            .read(uow -> uow.auditTrail().find(only, asked))
                            .map(List::copyOf)))
        .map(found -> Page.of(found, query.limit(), AuditRecord::id))
        .compose(page -> named(page.items()).map(entries -> new Page<>(entries, page.nextAfter())));
  }

  @Override
  public Future<Long> count(RequestContext ctx, AuditQuery query, Optional<CatalogId> catalog) {
    // Paging does not change a count: one key for every page of the same query.
    AuditQuery counted = query.withAfter(null).withLimit(1);
    return readable(ctx, new RoleAssignmentReads(transactions))
        .map(only -> narrowed(ctx, only, catalog))
        .compose(
            only ->
                access.rememberedAudit(
                    new Counting(only, counted),
                    weight(only),
                    () ->
                        transactions.read(
                            uow -> uow.auditTrail().count(only, query, AuditQuery.MAX_COUNT))))
        .map(
            n -> {
              if (n > AuditQuery.MAX_COUNT) {
                throw DomainException.invalid(
                    "$count",
                    "'$count' counts at most "
                        + AuditQuery.MAX_COUNT
                        + " audit records, so that a count never walks the whole log;"
                        + " more than that match: narrow the filter (activityDateTime,"
                        + " activityDisplayName, initiatedBy/user/id, targetResources) or page"
                        + " without $count");
              }
              return n;
            });
  }

  @Override
  public Future<AuditEntry> get(RequestContext ctx, String id) {
    Guid.require(id, "id");
    return transactions
        .read(
            uow ->
                readable(ctx, uow.roleAssignments())
                    .compose(
                        only ->
                            uow.auditTrail()
                                .get(id)
                                .map(found -> readableOne(ctx, id, found, only))))
        .compose(r -> named(List.of(r)).map(entries -> entries.get(0)));
  }

  @Override
  public Future<ChainVerification> verifyChain(RequestContext ctx) {
    return transactions.read(
        uow ->
            readable(ctx, uow.roleAssignments())
                .compose(
                    only -> {
                      if (only.isPresent()) {
                        access.telemetry().authorizationDenied(Task.READ_AUDIT_LOG);
                        throw new DomainException(
                            DomainException.Reason.NOT_AUTHORIZED,
                            ctx.actor().login()
                                + " may read the records of some catalogs only; the chain is"
                                + " verified by those who may read every record");
                      }
                      return uow.auditTrail().verifyChain();
                    }));
  }

  /** Every record (empty) or those of some catalogs; refused when the caller may read none. */
  private Future<Optional<Set<CatalogId>>> readable(
      RequestContext ctx, RoleAssignments assignments) {
    return access
        .heldRoles(ctx.actor(), assignments)
        .map(
            held -> {
              Optional<Set<CatalogId>> only =
                  AccessControl.catalogsAllowing(Task.READ_AUDIT_LOG, held);
              if (only.isPresent() && only.get().isEmpty()) {
                access.telemetry().authorizationDenied(Task.READ_AUDIT_LOG);
                PermissionMatrix.decide(Task.READ_AUDIT_LOG, Scope.TENANT, held).orThrow();
              }
              return only;
            });
  }

  /** The readable catalogs narrowed to the one asked for, refused when it is not readable. */
  private Optional<Set<CatalogId>> narrowed(
      RequestContext ctx, Optional<Set<CatalogId>> only, Optional<CatalogId> catalog) {
    if (catalog.isEmpty()) {
      return only;
    }
    if (only.isPresent() && !only.get().contains(catalog.get())) {
      access.telemetry().authorizationDenied(Task.READ_AUDIT_LOG);
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED,
          ctx.actor().login() + " may not read the audit records of this catalog");
    }
    return Optional.of(Set.of(catalog.get()));
  }

  /** The record, if there is one; one of another catalog is refused as any object there is. */
  private AuditRecord readableOne(
      RequestContext ctx, String id, Optional<AuditRecord> found, Optional<Set<CatalogId>> only) {
    AuditRecord r =
        found.orElseThrow(
            () ->
                DomainException.notFound(
                    DomainException.Reason.AUDIT_RECORD_NOT_FOUND, "Audit record", id));
    if (!visible(r, only)) {
      access.telemetry().authorizationDenied(Task.READ_AUDIT_LOG);
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED,
          ctx.actor().login() + " may not read the audit records of this catalog");
    }
    return r;
  }

  private static boolean visible(AuditRecord r, Optional<Set<CatalogId>> only) {
    return only.map(o -> r.catalogId() != null && o.contains(new CatalogId(r.catalogId())))
        .orElse(true);
  }

  /** The entries with each actor's display name, one directory lookup per distinct actor. */
  private Future<List<AuditEntry>> named(List<AuditRecord> records) {
    Set<String> actors = new LinkedHashSet<>();
    records.forEach(r -> actors.add(r.actorId()));
    // One after another: a page names few actors, and the directory pool stays free for others.
    Future<Map<String, Optional<String>>> names = Future.succeededFuture(new HashMap<>());
    for (String actor : actors) {
      names =
          names.compose(
              found ->
                  displayName(actor)
                      .map(
                          name -> {
                            found.put(actor, name);
                            return found;
                          }));
    }
    return names.map(
        found -> {
          List<AuditEntry> entries = new ArrayList<>();
          for (AuditRecord r : records) {
            entries.add(new AuditEntry(r, found.get(r.actorId())));
          }
          return entries;
        });
  }

  /** The actor's name; none for Steward itself, a deleted user or an unreachable directory. */
  private Future<Optional<String>> displayName(String actor) {
    if (!Guid.isValid(actor)) {
      return Future.succeededFuture(Optional.empty());
    }
    return directory
        .find(new PrincipalId(actor))
        .map(p -> p.map(Principal::displayName))
        .otherwise(Optional.empty());
  }
}
