package dev.steward.application.service;

import dev.steward.application.port.in.ManageCatalogResourcesUseCase;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.Directory;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.CatalogRules;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Catalog resources: only administrators and catalog owners add or remove them, and only when they
 * also have a right on the group itself (an administrator, or named in its LDAP owner attribute).
 */
public final class ResourceService implements ManageCatalogResourcesUseCase {
  private final Transactions transactions;
  private final AccessControl access;
  private final Directory directory;
  private final Clock clock;
  private final IdGenerator ids;
  private final Audit audit;

  public ResourceService(
      Transactions transactions,
      AccessControl access,
      Directory directory,
      Clock clock,
      IdGenerator ids) {
    this.transactions = transactions;
    this.access = access;
    this.directory = directory;
    this.clock = clock;
    this.ids = ids;
    this.audit = new Audit(clock, ids);
  }

  @Override
  public Future<ResourceRequestResult> request(RequestContext ctx, ResourceRequest request) {
    return request.type() == RequestType.ADMIN_ADD ? add(ctx, request) : remove(ctx, request);
  }

  private Future<ResourceRequestResult> add(RequestContext ctx, ResourceRequest request) {
    Future<Optional<Principal>> group = directory.find(request.originId());
    Future<Set<dev.steward.domain.PrincipalId>> owners = directory.ownersOf(request.originId());
    return group.compose(
        found ->
            owners.compose(
                groupOwners ->
                    transactions.inTransaction(
                        uow ->
                            CatalogService.existing(
                                    uow.catalogs().findForUpdate(request.catalog()),
                                    request.catalog())
                                .compose(
                                    catalog -> access.heldRoles(ctx.actor(), uow.roleAssignments()))
                                .compose(
                                    held -> {
                                      dev.steward.domain.PermissionMatrix.decide(
                                              Task.MANAGE_CATALOG_RESOURCES,
                                              dev.steward.domain.Scope.of(request.catalog()),
                                              held)
                                          .orThrow();
                                      Principal g =
                                          found
                                              .filter(p -> p.type() == PrincipalType.GROUP)
                                              .orElseThrow(
                                                  () ->
                                                      DomainException.notFound(
                                                          DomainException.Reason
                                                              .PRINCIPAL_NOT_FOUND,
                                                          "Directory group",
                                                          request.originId().value()));
                                      if (!AccessControl.isAdministrator(held)
                                          && !groupOwners.contains(ctx.actor().userId())) {
                                        throw new DomainException(
                                            DomainException.Reason.NOT_AUTHORIZED,
                                            "Only an administrator or an owner of group '"
                                                + g.displayName()
                                                + "' (its LDAP owner attribute) may add it to a catalog");
                                      }
                                      Instant now = clock.now();
                                      CatalogResource resource =
                                          new CatalogResource(
                                              new ResourceId(ids.newId()),
                                              request.catalog(),
                                              g.id(),
                                              g.displayName(),
                                              "",
                                              now);
                                      return uow.resources()
                                          .add(resource)
                                          .compose(
                                              ok ->
                                                  uow.auditTrail()
                                                      .append(
                                                          audit.record(
                                                              ctx,
                                                              "resource.add",
                                                              "resource",
                                                              resource.id().value(),
                                                              null,
                                                              Audit.snapshot(resource))))
                                          .map(
                                              ok ->
                                                  new ResourceRequestResult(
                                                      ids.newId(),
                                                      RequestType.ADMIN_ADD,
                                                      resource,
                                                      now));
                                    }))));
  }

  private Future<ResourceRequestResult> remove(RequestContext ctx, ResourceRequest request) {
    return transactions.inTransaction(
        uow ->
            CatalogService.existing(
                    uow.catalogs().findForUpdate(request.catalog()), request.catalog())
                .compose(
                    catalog ->
                        access.require(
                            ctx.actor(),
                            uow.roleAssignments(),
                            Task.MANAGE_CATALOG_RESOURCES,
                            catalog.scope()))
                .compose(
                    ok ->
                        Lookups.orNotFound(
                            uow.resources().findByOrigin(request.catalog(), request.originId()),
                            DomainException.Reason.RESOURCE_NOT_FOUND,
                            "Resource for group",
                            request.originId().value()))
                .compose(
                    resource ->
                        uow.resources()
                            .countRoleScopesUsing(resource.id())
                            .compose(
                                used -> {
                                  CatalogRules.requireResourceRemovable(resource, used);
                                  return uow.resources().remove(resource.id());
                                })
                            .compose(
                                ok ->
                                    uow.auditTrail()
                                        .append(
                                            audit.record(
                                                ctx,
                                                "resource.remove",
                                                "resource",
                                                resource.id().value(),
                                                Audit.snapshot(resource),
                                                null)))
                            .map(
                                ok ->
                                    new ResourceRequestResult(
                                        ids.newId(),
                                        RequestType.ADMIN_REMOVE,
                                        resource,
                                        clock.now()))));
  }

  @Override
  public Future<List<CatalogResource>> resources(RequestContext ctx, CatalogId catalog) {
    return transactions.read(
        uow -> viewable(ctx, uow, catalog).compose(ok -> uow.resources().inCatalog(catalog)));
  }

  private Future<Void> viewable(RequestContext ctx, UnitOfWork uow, CatalogId catalog) {
    return CatalogService.existing(uow.catalogs().find(catalog), catalog)
        .compose(
            c -> access.require(ctx.actor(), uow.roleAssignments(), Task.VIEW_CATALOG, c.scope()))
        .mapEmpty();
  }

  @Override
  public Future<List<ResourceRoleView>> resourceRoles(
      RequestContext ctx, CatalogId catalog, Optional<ResourceId> resource) {
    return resources(ctx, catalog)
        .map(
            found -> {
              List<ResourceRoleView> roles = new ArrayList<>();
              for (CatalogResource r : found) {
                if (resource.isEmpty() || resource.get().equals(r.id())) {
                  for (ResourceRole role : ResourceRole.values()) {
                    roles.add(new ResourceRoleView(r, role));
                  }
                }
              }
              return roles;
            });
  }
}
