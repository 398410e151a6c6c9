package dev.steward.application.service.catalogs;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.RoleAssignmentReads;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogRules;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Catalog lifecycle: the creator becomes the first owner; a catalog with packages stays. */
public final class CatalogService extends ServiceBase implements ManageCatalogsUseCase {
  public CatalogService(Essentials essentials) {
    super(essentials);
  }

  @Override
  public Future<Catalog> create(RequestContext ctx, CreateCatalog command) {
    Instant now = clock.now();
    Catalog catalog =
        new Catalog(
            new CatalogId(ids.newId()),
            command.displayName(),
            command.description(),
            command.state().orElse(Catalog.State.PUBLISHED),
            command.isExternallyVisible().orElse(false),
            now,
            now);
    return transactions.inTransaction(
        uow ->
            access
                .require(ctx.actor(), uow.roleAssignments(), Task.CREATE_CATALOG, Scope.TENANT)
                .compose(ok -> uow.catalogs().insert(catalog))
                .compose(ok -> uow.auditTrail().append(created(ctx, catalog)))
                .compose(ok -> addFirstOwner(ctx, uow, catalog, now))
                .map(catalog));
  }

  private Future<Void> addFirstOwner(
      RequestContext ctx, UnitOfWork uow, Catalog catalog, Instant now) {
    // Every creator becomes the first owner, so that no catalog is ever without one.
    RoleAssignment owner =
        new RoleAssignment(
            new RoleAssignmentId(ids.newId()),
            ctx.actor().userId(),
            PrincipalType.USER,
            RoleDefinition.CATALOG_OWNER,
            catalog.scope(),
            now);
    return uow.roleAssignments()
        .add(owner)
        .compose(
            ok ->
                audited(
                    ctx,
                    uow,
                    "roleAssignment.add",
                    "roleAssignment",
                    owner.id().value(),
                    null,
                    Audit.snapshot(owner)));
  }

  private dev.steward.application.port.out.audit.AuditRecord created(
      RequestContext ctx, Catalog c) {
    return audit.record(ctx, "catalog.create", "catalog", c.id().value(), null, Audit.snapshot(c));
  }

  @Override
  public Future<Catalog> get(RequestContext ctx, CatalogId id) {
    return transactions.read(
        uow ->
            Lookups.catalog(uow.catalogs().find(id), id)
                .compose(
                    catalog ->
                        access
                            .require(
                                ctx.actor(),
                                uow.roleAssignments(),
                                Task.VIEW_CATALOG,
                                catalog.scope())
                            .map(catalog)));
  }

  /**
   * What a catalog listing asked, its caller's visibility included: its remembered answer's key.
   */
  private record Listing(Optional<Set<CatalogId>> only, CatalogQuery query) {}

  /** What a catalog count asked. */
  private record Counting(Optional<Set<CatalogId>> only, CatalogQuery query) {}

  /**
   * A page of the catalogs the caller may see. The caller's roles and the page are remembered until
   * a role assignment or a catalog changes (decision 0029); each read takes a connection only when
   * it is not remembered.
   */
  @Override
  public Future<Page<Catalog>> list(RequestContext ctx, CatalogQuery query) {
    CatalogQuery asked = query.withLimit(query.limit() + 1);
    return access
        .catalogsAllowing(ctx.actor(), new RoleAssignmentReads(transactions), Task.VIEW_CATALOG)
        .compose(
            only ->
                access.remembered(
                    new Listing(only, asked),
                    () ->
                        transactions
                            .read(uow -> uow.catalogs().list(only, asked))
                            .map(List::copyOf)))
        .map(found -> Page.of(found, query.limit(), query::keyOf));
  }

  @Override
  public Future<Long> count(RequestContext ctx, CatalogQuery query) {
    return access
        .catalogsAllowing(ctx.actor(), new RoleAssignmentReads(transactions), Task.VIEW_CATALOG)
        .compose(
            only ->
                access.remembered(
                    new Counting(only, query),
                    () -> transactions.read(uow -> uow.catalogs().count(only, query))));
  }

  @Override
  public Future<Catalog> update(RequestContext ctx, UpdateCatalog command) {
    return transactions.inTransaction(
        uow ->
            Lookups.catalog(uow.catalogs().findForUpdate(command.id()), command.id())
                .compose(
                    before ->
                        access
                            .require(
                                ctx.actor(),
                                uow.roleAssignments(),
                                Task.EDIT_CATALOG,
                                before.scope())
                            .compose(
                                ok -> {
                                  Catalog after =
                                      before.with(
                                          command.displayName().orElse(null),
                                          command.description().orElse(null),
                                          command.state().orElse(null),
                                          command.isExternallyVisible().orElse(null),
                                          clock.now());
                                  if (after
                                      .with(null, null, null, null, before.modifiedDateTime())
                                      .equals(before)) {
                                    // Nothing changes, so nothing is written or audited.
                                    return Future.succeededFuture(before);
                                  }
                                  return uow.catalogs()
                                      .update(after)
                                      .compose(
                                          done ->
                                              audited(
                                                  ctx,
                                                  uow,
                                                  "catalog.update",
                                                  "catalog",
                                                  after.id().value(),
                                                  Audit.snapshot(before),
                                                  Audit.snapshot(after)))
                                      .map(after);
                                })));
  }

  @Override
  public Future<Void> delete(RequestContext ctx, CatalogId id) {
    return transactions.inTransaction(
        uow ->
            Lookups.catalog(uow.catalogs().findForUpdate(id), id)
                .compose(
                    catalog ->
                        access
                            .require(
                                ctx.actor(),
                                uow.roleAssignments(),
                                Task.DELETE_CATALOG,
                                catalog.scope())
                            .compose(ok -> uow.accessPackages().countInCatalog(id))
                            .compose(
                                packages -> {
                                  CatalogRules.requireDeletable(catalog, packages);
                                  return uow.roleAssignments().inScope(catalog.scope());
                                })
                            .compose(
                                holders -> {
                                  // The catalog's role assignments go with it; the audit record
                                  // keeps who held what.
                                  Map<String, Object> before =
                                      new LinkedHashMap<>(Audit.snapshot(catalog));
                                  before.put(
                                      "roleAssignments",
                                      holders.stream().map(Audit::snapshot).toList());
                                  return uow.catalogs()
                                      .delete(id)
                                      .compose(
                                          ok ->
                                              audited(
                                                  ctx,
                                                  uow,
                                                  "catalog.delete",
                                                  "catalog",
                                                  id.value(),
                                                  before,
                                                  null));
                                })));
  }
}
