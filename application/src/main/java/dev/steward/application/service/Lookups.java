package dev.steward.application.service;

import dev.steward.application.port.out.UnitOfWork;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.DomainException;
import dev.steward.domain.PolicyId;
import io.vertx.core.Future;
import java.util.Optional;

/** Finding things by id, or failing with the not-found reason that names them. */
final class Lookups {
  private Lookups() {}

  static <T> Future<T> orNotFound(
      Future<Optional<T>> lookup, DomainException.Reason reason, String what, String id) {
    return lookup.map(found -> found.orElseThrow(() -> DomainException.notFound(reason, what, id)));
  }

  static Future<AccessPackage> accessPackage(UnitOfWork uow, AccessPackageId id, boolean lock) {
    return orNotFound(
        lock ? uow.accessPackages().findForUpdate(id) : uow.accessPackages().find(id),
        DomainException.Reason.ACCESS_PACKAGE_NOT_FOUND,
        "Access package",
        id.value());
  }

  static Future<AssignmentPolicy> policy(UnitOfWork uow, PolicyId id) {
    return orNotFound(
        uow.policies().find(id),
        DomainException.Reason.POLICY_NOT_FOUND,
        "Assignment policy",
        id.value());
  }
}
