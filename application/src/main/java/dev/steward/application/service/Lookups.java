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
public final class Lookups {
  private Lookups() {}

  public static <T> Future<T> orNotFound(
      Future<Optional<T>> lookup, DomainException.Reason reason, String what, String id) {
    return lookup.map(found -> found.orElseThrow(() -> DomainException.notFound(reason, what, id)));
  }

  public static Future<AccessPackage> accessPackage(
      UnitOfWork uow, AccessPackageId id, boolean lock) {
    return packageOrNotFound(
        lock ? uow.accessPackages().findForUpdate(id) : uow.accessPackages().find(id), id);
  }

  /**
   * The package, kept from changing until the transaction ends but not from other requests for it
   * ({@code AccessPackages.findForShare}): what a request or its delivery needs.
   */
  public static Future<AccessPackage> accessPackageKept(UnitOfWork uow, AccessPackageId id) {
    return packageOrNotFound(uow.accessPackages().findForShare(id), id);
  }

  private static Future<AccessPackage> packageOrNotFound(
      Future<Optional<AccessPackage>> lookup, AccessPackageId id) {
    return orNotFound(
        lookup, DomainException.Reason.ACCESS_PACKAGE_NOT_FOUND, "Access package", id.value());
  }

  public static Future<AssignmentPolicy> policy(UnitOfWork uow, PolicyId id) {
    return orNotFound(
        uow.policies().find(id),
        DomainException.Reason.POLICY_NOT_FOUND,
        "Assignment policy",
        id.value());
  }

  public static Future<dev.steward.domain.Catalog> catalog(
      Future<Optional<dev.steward.domain.Catalog>> lookup, dev.steward.domain.CatalogId id) {
    return orNotFound(lookup, DomainException.Reason.CATALOG_NOT_FOUND, "Catalog", id.value());
  }

  public static Future<dev.steward.domain.Assignment> assignment(
      UnitOfWork uow, dev.steward.domain.AssignmentId id, boolean lock) {
    return orNotFound(
        lock ? uow.assignments().findForUpdate(id) : uow.assignments().find(id),
        DomainException.Reason.ASSIGNMENT_NOT_FOUND,
        "Assignment",
        id.value());
  }

  public static Future<dev.steward.domain.AssignmentRequest> request(
      UnitOfWork uow, dev.steward.domain.RequestId id, boolean lock) {
    return orNotFound(
        lock ? uow.requests().findForUpdate(id) : uow.requests().find(id),
        DomainException.Reason.REQUEST_NOT_FOUND,
        "Assignment request",
        id.value());
  }
}
