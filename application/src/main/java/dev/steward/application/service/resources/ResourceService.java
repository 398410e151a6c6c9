package dev.steward.application.service.resources;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.ServiceBase;
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
public final class ResourceService extends ServiceBase implements ManageCatalogResourcesUseCase {
  public ResourceService(Essentials essentials) {
    super(essentials);
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
                            Lookups.catalog(
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
                                                  audited(
                                                      ctx,
                                                      uow,
                                                      "resource.add",
                                                      "resource",
                                                      resource.id().value(),
                                                      null,
                                                      Audit.snapshot(resource)))
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
            Lookups.catalog(uow.catalogs().findForUpdate(request.catalog()), request.catalog())
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
                                    audited(
                                        ctx,
                                        uow,
                                        "resource.remove",
                                        "resource",
                                        resource.id().value(),
                                        Audit.snapshot(resource),
                                        null))
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
    return Lookups.catalog(uow.catalogs().find(catalog), catalog)
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
