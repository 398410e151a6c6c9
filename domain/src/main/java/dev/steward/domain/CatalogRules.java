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
}
