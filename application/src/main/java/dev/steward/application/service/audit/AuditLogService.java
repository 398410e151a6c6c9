package dev.steward.application.service.audit;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Essentials;
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

  @Override
  public Future<Page<AuditEntry>> list(RequestContext ctx, AuditQuery query) {
    return transactions
        .read(
            uow ->
                readable(ctx, uow)
                    .compose(
                        only -> uow.auditTrail().find(only, query.withLimit(query.limit() + 1))))
        .map(found -> Page.of(found, query.limit(), AuditRecord::id))
        .compose(page -> named(page.items()).map(entries -> new Page<>(entries, page.nextAfter())));
  }

  @Override
  public Future<AuditEntry> get(RequestContext ctx, String id) {
    Guid.require(id, "id");
    return transactions
        .read(
            uow ->
                readable(ctx, uow)
                    .compose(
                        only ->
                            uow.auditTrail()
                                .get(id)
                                .map(found -> readableOne(ctx, id, found, only))))
        .compose(r -> named(List.of(r)).map(entries -> entries.get(0)));
  }

  /** Every record (empty) or those of some catalogs; refused when the caller may read none. */
  private Future<Optional<Set<CatalogId>>> readable(RequestContext ctx, UnitOfWork uow) {
    return access
        .heldRoles(ctx.actor(), uow.roleAssignments())
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
    Map<String, Future<Optional<String>>> names = new HashMap<>();
    for (String actor : actors) {
      names.put(
          actor,
          Guid.isValid(actor)
              ? directory
                  .find(new PrincipalId(actor))
                  .map(p -> p.map(Principal::displayName))
                  .otherwise(Optional.empty())
              : Future.succeededFuture(Optional.empty()));
    }
    return Future.join(new ArrayList<>(names.values()))
        .map(
            done -> {
              List<AuditEntry> entries = new ArrayList<>();
              for (AuditRecord r : records) {
                entries.add(new AuditEntry(r, names.get(r.actorId()).result()));
              }
              return entries;
            })
        .otherwise(
            e -> records.stream().map(r -> new AuditEntry(r, Optional.<String>empty())).toList());
  }
}
