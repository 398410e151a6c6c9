package dev.steward.application.port.in.packages;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.List;

/** Separation of duties: the packages and groups whose holders may not get an access package. */
public interface ManageIncompatibilitiesUseCase {
  Future<Void> addIncompatiblePackage(
      RequestContext ctx, AccessPackageId pkg, AccessPackageId other);

  Future<Void> removeIncompatiblePackage(
      RequestContext ctx, AccessPackageId pkg, AccessPackageId other);

  Future<List<AccessPackage>> incompatiblePackages(RequestContext ctx, AccessPackageId pkg);

  Future<Void> addIncompatibleGroup(RequestContext ctx, AccessPackageId pkg, PrincipalId group);

  Future<Void> removeIncompatibleGroup(RequestContext ctx, AccessPackageId pkg, PrincipalId group);

  Future<List<Principal>> incompatibleGroups(RequestContext ctx, AccessPackageId pkg);
}
