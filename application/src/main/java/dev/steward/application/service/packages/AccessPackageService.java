package dev.steward.application.service.packages;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogRules;
import dev.steward.domain.DomainException;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Access packages and what they grant. Catalog owners and access package managers build them in
 * their own catalogs; the package's resource roles must come from the same catalog.
 */
public final class AccessPackageService extends ServiceBase implements ManageAccessPackagesUseCase {
  public AccessPackageService(Essentials essentials) {
    super(essentials);
  }

  @Override
  public Future<AccessPackage> create(RequestContext ctx, CreateAccessPackage command) {
    Instant now = clock.now();
    AccessPackage pkg =
        new AccessPackage(
            new AccessPackageId(ids.newId()),
            command.catalog(),
            command.displayName(),
            command.description(),
            command.isHidden(),
            now,
            now);
    return transactions.inTransaction(
        uow ->
            Lookups.catalog(uow.catalogs().findForUpdate(command.catalog()), command.catalog())
                .compose(
                    c ->
                        access.require(
                            ctx.actor(),
                            uow.roleAssignments(),
                            Task.CREATE_ACCESS_PACKAGE,
                            c.scope()))
                .compose(ok -> uow.accessPackages().insert(pkg))
                .compose(
                    ok ->
                        audited(
                            ctx,
                            uow,
                            "accessPackage.create",
                            "accessPackage",
                            pkg.id().value(),
                            null,
                            Audit.snapshot(pkg)))
                .map(pkg));
  }

  @Override
  public Future<AccessPackageView> get(RequestContext ctx, AccessPackageId id, Expand expand) {
    return transactions.read(
        uow ->
            authorizedPackage(ctx, uow, id, Task.VIEW_CATALOG, false)
                .compose(pkg -> expanded(uow, List.of(pkg), expand))
                .map(views -> views.get(0)));
  }

  private Future<List<AccessPackageView>> expanded(
      UnitOfWork uow, List<AccessPackage> pkgs, Expand expand) {
    Future<List<AccessPackageView>> all = Future.succeededFuture(new ArrayList<>());
    for (AccessPackage pkg : pkgs) {
      all =
          all.compose(
              views -> {
                Future<Optional<List<ResourceRoleScope>>> scopes =
                    expand.resourceRoleScopes()
                        ? uow.accessPackages().roleScopes(pkg.id()).map(Optional::of)
                        : Future.succeededFuture(Optional.empty());
                return scopes.compose(
                    s -> {
                      Future<Optional<List<dev.steward.domain.AssignmentPolicy>>> policies =
                          expand.assignmentPolicies()
                              ? uow.policies()
                                  .list(Optional.empty(), Optional.of(pkg.id()), null, 1000)
                                  .map(Optional::of)
                              : Future.succeededFuture(Optional.empty());
                      return policies.map(
                          p -> {
                            views.add(new AccessPackageView(pkg, s, p));
                            return views;
                          });
                    });
              });
    }
    return all;
  }

  @Override
  public Future<Page<AccessPackageView>> list(
      RequestContext ctx, AccessPackageQuery query, Expand expand) {
    return transactions.read(
        uow ->
            access
                .heldRoles(ctx.actor(), uow.roleAssignments())
                .compose(
                    held -> {
                      AccessPackageQuery visible = visible(query, held);
                      if (visible.catalogs().map(Set::isEmpty).orElse(false)) {
                        return Future.succeededFuture(List.<AccessPackage>of());
                      }
                      return uow.accessPackages().list(visible.withLimit(query.limit() + 1));
                    })
                .compose(
                    found -> {
                      Page<AccessPackage> page = Page.of(found, query.limit(), p -> p.id().value());
                      return expanded(uow, page.items(), expand)
                          .map(views -> new Page<>(views, page.nextAfter()));
                    }));
  }

  /** The query narrowed to the catalogs where the caller's roles let them view packages. */
  private static AccessPackageQuery visible(
      AccessPackageQuery query, java.util.List<dev.steward.domain.HeldRole> held) {
    Optional<Set<CatalogId>> viewable = AccessControl.catalogsAllowing(Task.VIEW_CATALOG, held);
    if (viewable.isEmpty()) {
      return query;
    }
    Set<CatalogId> mine = viewable.get();
    Set<CatalogId> narrowed =
        query
            .catalogs()
            .map(asked -> asked.stream().filter(mine::contains).collect(Collectors.toSet()))
            .orElse(mine);
    return query.withCatalogs(Optional.of(narrowed));
  }

  @Override
  public Future<Long> count(RequestContext ctx, AccessPackageQuery query) {
    return transactions.read(
        uow ->
            access
                .heldRoles(ctx.actor(), uow.roleAssignments())
                .compose(
                    held -> {
                      AccessPackageQuery visible = visible(query, held);
                      return visible.catalogs().map(Set::isEmpty).orElse(false)
                          ? Future.succeededFuture(0L)
                          : uow.accessPackages().count(visible);
                    }));
  }

  @Override
  public Future<AccessPackage> update(RequestContext ctx, UpdateAccessPackage command) {
    boolean edits = command.displayName().isPresent() || command.description().isPresent();
    return transactions.inTransaction(
        uow ->
            Lookups.accessPackage(uow, command.id(), true)
                .compose(
                    before -> {
                      // Hiding is its own task in the matrix; renaming is part of building it.
                      Future<?> allowed =
                          edits
                              ? access.require(
                                  ctx.actor(),
                                  uow.roleAssignments(),
                                  Task.CREATE_ACCESS_PACKAGE,
                                  before.scope())
                              : Future.succeededFuture();
                      return allowed
                          .compose(
                              ok ->
                                  command.isHidden().isPresent()
                                      ? access.require(
                                          ctx.actor(),
                                          uow.roleAssignments(),
                                          Task.HIDE_ACCESS_PACKAGE,
                                          before.scope())
                                      : access.require(
                                          ctx.actor(),
                                          uow.roleAssignments(),
                                          Task.CREATE_ACCESS_PACKAGE,
                                          before.scope()))
                          .compose(
                              ok -> {
                                AccessPackage after =
                                    before.with(
                                        command.displayName().orElse(null),
                                        command.description().orElse(null),
                                        command.isHidden().orElse(null),
                                        clock.now());
                                if (after
                                    .with(null, null, null, before.modifiedDateTime())
                                    .equals(before)) {
                                  // Nothing changes, so nothing is written or audited.
                                  return Future.succeededFuture(before);
                                }
                                return uow.accessPackages()
                                    .update(after)
                                    .compose(
                                        done ->
                                            audited(
                                                ctx,
                                                uow,
                                                "accessPackage.update",
                                                "accessPackage",
                                                after.id().value(),
                                                Audit.snapshot(before),
                                                Audit.snapshot(after)))
                                    .map(after);
                              });
                    }));
  }

  @Override
  public Future<Void> delete(RequestContext ctx, AccessPackageId id) {
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, id, Task.DELETE_ACCESS_PACKAGE, true)
                .compose(
                    pkg ->
                        uow.accessPackages()
                            .countAssignments(id)
                            .compose(
                                n -> {
                                  CatalogRules.requirePackageDeletable(pkg, n);
                                  return uow.accessPackages().delete(id);
                                })
                            .compose(
                                ok ->
                                    audited(
                                        ctx,
                                        uow,
                                        "accessPackage.delete",
                                        "accessPackage",
                                        id.value(),
                                        Audit.snapshot(pkg),
                                        null))));
  }

  @Override
  public Future<ResourceRoleScope> addResourceRole(RequestContext ctx, AddResourceRole command) {
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, command.pkg(), Task.CHANGE_RESOURCE_ROLES, true)
                .compose(
                    pkg ->
                        Lookups.orNotFound(
                                uow.resources().find(command.resource()),
                                DomainException.Reason.RESOURCE_NOT_FOUND,
                                "Resource",
                                command.resource().value())
                            .compose(
                                resource -> {
                                  CatalogRules.requireSameCatalog(pkg, resource);
                                  if (!command.scopeOriginId().equals(resource.originId())) {
                                    throw DomainException.invalid(
                                        "scope.originId",
                                        "'scope.originId' must be the resource's group id "
                                            + resource.originId());
                                  }
                                  ResourceRole role =
                                      ResourceRole.parseOriginId(
                                          command.roleOriginId(), resource.originId());
                                  if (!directory.grantable(role)) {
                                    throw DomainException.invalid(
                                        "role.originId",
                                        "the directory keeps a group's "
                                            + role.apiName()
                                            + " in an attribute of one value: Steward cannot"
                                            + " grant it to the users of a package");
                                  }
                                  ResourceRoleScope scope =
                                      new ResourceRoleScope(
                                          new ResourceRoleScopeId(ids.newId()),
                                          pkg.id(),
                                          resource.id(),
                                          resource.originId(),
                                          role,
                                          clock.now());
                                  return uow.accessPackages()
                                      .addRoleScope(scope)
                                      .compose(
                                          ok ->
                                              audited(
                                                  ctx,
                                                  uow,
                                                  "accessPackage.resourceRole.add",
                                                  "resourceRoleScope",
                                                  scope.id().value(),
                                                  null,
                                                  Audit.snapshot(scope)))
                                      .map(scope);
                                })));
  }

  @Override
  public Future<Void> removeResourceRole(
      RequestContext ctx, AccessPackageId pkg, ResourceRoleScopeId scopeId) {
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.CHANGE_RESOURCE_ROLES, true)
                .compose(
                    p ->
                        Lookups.orNotFound(
                            uow.accessPackages()
                                .findRoleScope(scopeId)
                                .map(s -> s.filter(x -> x.accessPackageId().equals(pkg))),
                            DomainException.Reason.RESOURCE_NOT_FOUND,
                            "Resource role scope",
                            scopeId.value()))
                .compose(
                    scope ->
                        uow.accessPackages()
                            .removeRoleScope(scopeId)
                            .compose(
                                ok ->
                                    audited(
                                        ctx,
                                        uow,
                                        "accessPackage.resourceRole.remove",
                                        "resourceRoleScope",
                                        scopeId.value(),
                                        Audit.snapshot(scope),
                                        null))));
  }

  @Override
  public Future<List<ResourceRoleScope>> resourceRoles(RequestContext ctx, AccessPackageId pkg) {
    return transactions.read(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.VIEW_CATALOG, false)
                .compose(p -> uow.accessPackages().roleScopes(pkg)));
  }
}
