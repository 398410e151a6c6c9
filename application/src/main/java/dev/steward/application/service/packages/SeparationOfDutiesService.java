package dev.steward.application.service.packages;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Separation of duties: which access packages and groups are incompatible with a package (one
 * direction each). Requests and approvals check them through {@code PolicyEvaluation}.
 */
public final class SeparationOfDutiesService extends ServiceBase
    implements ManageIncompatibilitiesUseCase {
  public SeparationOfDutiesService(Essentials essentials) {
    super(essentials);
  }

  @Override
  public Future<Void> addIncompatiblePackage(
      RequestContext ctx, AccessPackageId pkg, AccessPackageId other) {
    if (pkg.equals(other)) {
      throw DomainException.invalid(
          "@odata.id", "an access package cannot be incompatible with itself");
    }
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.CREATE_ACCESS_PACKAGE, true)
                .compose(p -> Lookups.accessPackage(uow, other, false))
                .compose(o -> uow.accessPackages().addIncompatiblePackage(pkg, other))
                .compose(ok -> audit(ctx, uow, pkg, PACKAGE, other.value(), true)));
  }

  @Override
  public Future<Void> removeIncompatiblePackage(
      RequestContext ctx, AccessPackageId pkg, AccessPackageId other) {
    return remove(
        ctx,
        pkg,
        PACKAGE,
        other.value(),
        uow -> uow.accessPackages().removeIncompatiblePackage(pkg, other),
        () ->
            DomainException.notFound(
                DomainException.Reason.ACCESS_PACKAGE_NOT_FOUND,
                "Incompatible access package",
                other.value()));
  }

  @Override
  public Future<List<AccessPackage>> incompatiblePackages(RequestContext ctx, AccessPackageId pkg) {
    return transactions.read(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.VIEW_CATALOG, false)
                .compose(p -> uow.accessPackages().incompatiblePackages(pkg)));
  }

  @Override
  public Future<Void> addIncompatibleGroup(
      RequestContext ctx, AccessPackageId pkg, PrincipalId group) {
    return directory
        .find(group)
        .compose(
            found ->
                transactions.inTransaction(
                    uow ->
                        authorizedPackage(ctx, uow, pkg, Task.CREATE_ACCESS_PACKAGE, true)
                            .compose(
                                p -> {
                                  if (found
                                      .filter(g -> g.type() == PrincipalType.GROUP)
                                      .isEmpty()) {
                                    throw DomainException.notFound(
                                        DomainException.Reason.PRINCIPAL_NOT_FOUND,
                                        "Directory group",
                                        group.value());
                                  }
                                  return uow.accessPackages().addIncompatibleGroup(pkg, group);
                                })
                            .compose(ok -> audit(ctx, uow, pkg, GROUP, group.value(), true))));
  }

  @Override
  public Future<Void> removeIncompatibleGroup(
      RequestContext ctx, AccessPackageId pkg, PrincipalId group) {
    return remove(
        ctx,
        pkg,
        GROUP,
        group.value(),
        uow -> uow.accessPackages().removeIncompatibleGroup(pkg, group),
        () ->
            DomainException.notFound(
                DomainException.Reason.PRINCIPAL_NOT_FOUND, "Incompatible group", group.value()));
  }

  /** What an incompatibility names, as audit records call it: its kind and its id field. */
  private record Kind(String name, String idField) {}

  private static final Kind PACKAGE =
      new Kind("incompatiblePackage", "incompatibleAccessPackageId");
  private static final Kind GROUP = new Kind("incompatibleGroup", "incompatibleGroupId");

  /** Takes an incompatibility away; one that is not there is not found. */
  private Future<Void> remove(
      RequestContext ctx,
      AccessPackageId pkg,
      Kind kind,
      String otherId,
      java.util.function.Function<UnitOfWork, Future<Boolean>> delete,
      java.util.function.Supplier<DomainException> missing) {
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.CREATE_ACCESS_PACKAGE, true)
                .compose(p -> delete.apply(uow))
                .compose(
                    removed -> {
                      if (!removed) {
                        throw missing.get();
                      }
                      return audit(ctx, uow, pkg, kind, otherId, false);
                    }));
  }

  /** The record of an incompatibility added (as the state after) or removed (as the before). */
  private Future<Void> audit(
      RequestContext ctx,
      UnitOfWork uow,
      AccessPackageId pkg,
      Kind kind,
      String otherId,
      boolean added) {
    Map<String, Object> pair = Audit.pair("accessPackageId", pkg.value(), kind.idField(), otherId);
    return audited(
        ctx,
        uow,
        "accessPackage." + kind.name() + (added ? ".add" : ".remove"),
        "accessPackage",
        pkg.value(),
        added ? null : pair,
        added ? pair : null);
  }

  @Override
  public Future<List<Principal>> incompatibleGroups(RequestContext ctx, AccessPackageId pkg) {
    return transactions
        .read(
            uow ->
                authorizedPackage(ctx, uow, pkg, Task.VIEW_CATALOG, false)
                    .compose(p -> uow.accessPackages().incompatibleGroups(pkg)))
        .compose(
            groups -> {
              Future<List<Principal>> all = Future.succeededFuture(new ArrayList<>());
              for (PrincipalId g : groups) {
                Future<Optional<Principal>> lookup = directory.find(g);
                all =
                    all.compose(
                        list ->
                            lookup.map(
                                found -> {
                                  found.ifPresent(list::add);
                                  return list;
                                }));
              }
              return all;
            });
  }
}
