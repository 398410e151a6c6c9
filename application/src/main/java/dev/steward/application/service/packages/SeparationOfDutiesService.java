package dev.steward.application.service.packages;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
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
                .compose(
                    ok ->
                        audited(
                            ctx,
                            uow,
                            "accessPackage.incompatiblePackage.add",
                            "accessPackage",
                            pkg.value(),
                            null,
                            Audit.pair(
                                "accessPackageId",
                                pkg.value(),
                                "incompatibleAccessPackageId",
                                other.value()))));
  }

  @Override
  public Future<Void> removeIncompatiblePackage(
      RequestContext ctx, AccessPackageId pkg, AccessPackageId other) {
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.CREATE_ACCESS_PACKAGE, true)
                .compose(p -> uow.accessPackages().removeIncompatiblePackage(pkg, other))
                .compose(
                    removed -> {
                      if (!removed) {
                        throw DomainException.notFound(
                            DomainException.Reason.ACCESS_PACKAGE_NOT_FOUND,
                            "Incompatible access package",
                            other.value());
                      }
                      return audited(
                          ctx,
                          uow,
                          "accessPackage.incompatiblePackage.remove",
                          "accessPackage",
                          pkg.value(),
                          Audit.pair(
                              "accessPackageId",
                              pkg.value(),
                              "incompatibleAccessPackageId",
                              other.value()),
                          null);
                    }));
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
                            .compose(
                                ok ->
                                    audited(
                                        ctx,
                                        uow,
                                        "accessPackage.incompatibleGroup.add",
                                        "accessPackage",
                                        pkg.value(),
                                        null,
                                        Audit.pair(
                                            "accessPackageId",
                                            pkg.value(),
                                            "incompatibleGroupId",
                                            group.value())))));
  }

  @Override
  public Future<Void> removeIncompatibleGroup(
      RequestContext ctx, AccessPackageId pkg, PrincipalId group) {
    return transactions.inTransaction(
        uow ->
            authorizedPackage(ctx, uow, pkg, Task.CREATE_ACCESS_PACKAGE, true)
                .compose(p -> uow.accessPackages().removeIncompatibleGroup(pkg, group))
                .compose(
                    removed -> {
                      if (!removed) {
                        throw DomainException.notFound(
                            DomainException.Reason.PRINCIPAL_NOT_FOUND,
                            "Incompatible group",
                            group.value());
                      }
                      return audited(
                          ctx,
                          uow,
                          "accessPackage.incompatibleGroup.remove",
                          "accessPackage",
                          pkg.value(),
                          Audit.pair(
                              "accessPackageId", pkg.value(), "incompatibleGroupId", group.value()),
                          null);
                    }));
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
