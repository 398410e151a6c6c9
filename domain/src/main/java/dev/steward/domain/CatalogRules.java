package dev.steward.domain;

/** The lifecycle rules of catalogs and of the roles held in them. */
public final class CatalogRules {
  private CatalogRules() {}

  /** A catalog can be deleted only when it has no access packages. */
  public static void requireDeletable(Catalog catalog, long accessPackages) {
    if (accessPackages > 0) {
      throw new DomainException(
          DomainException.Reason.CATALOG_HAS_ACCESS_PACKAGES,
          "Catalog '"
              + catalog.id()
              + "' still has "
              + accessPackages
              + " access package(s); delete them before deleting the catalog");
    }
  }

  /**
   * A catalog always keeps at least one owner.
   *
   * @param ownersInCatalog owner assignments in the catalog, counted while the catalog is locked
   */
  public static void requireOwnerRemains(RoleAssignment removed, long ownersInCatalog) {
    if (removed.role() == RoleDefinition.CATALOG_OWNER && ownersInCatalog <= 1) {
      throw new DomainException(
          DomainException.Reason.LAST_CATALOG_OWNER,
          "Role assignment '"
              + removed.id()
              + "' is the last owner of the catalog; add another owner before removing it");
    }
  }

  /** The principal of a new role assignment must exist in the directory and be of its kind. */
  public static void requirePrincipalKnown(PrincipalId id, java.util.Optional<Principal> found) {
    if (found.isEmpty()) {
      throw DomainException.notFound(
          DomainException.Reason.PRINCIPAL_NOT_FOUND, "Directory user or group", id.value());
    }
  }

  /** A resource can leave a catalog only when no access package in it uses the resource. */
  public static void requireResourceRemovable(CatalogResource resource, long usedBy) {
    if (usedBy > 0) {
      throw new DomainException(
          DomainException.Reason.RESOURCE_IN_USE,
          "Resource '"
              + resource.originId()
              + "' is used by "
              + usedBy
              + " resource role(s) of access packages in the catalog; remove them first");
    }
  }

  /** An access package can be deleted only when no assignments of it are left. */
  public static void requirePackageDeletable(AccessPackage pkg, long assignments) {
    if (assignments > 0) {
      throw new DomainException(
          DomainException.Reason.ACCESS_PACKAGE_HAS_ASSIGNMENTS,
          "Access package '"
              + pkg.id()
              + "' still has "
              + assignments
              + " assignment(s); remove every assignment (adminRemove) before deleting it");
    }
  }

  /** A package's resource roles come from resources of its own catalog. */
  public static void requireSameCatalog(AccessPackage pkg, CatalogResource resource) {
    if (!pkg.catalogId().equals(resource.catalogId())) {
      throw new DomainException(
          DomainException.Reason.RESOURCE_NOT_IN_CATALOG,
          "Resource '"
              + resource.id()
              + "' is not in the access package's catalog; add it to the catalog first");
    }
  }
}
