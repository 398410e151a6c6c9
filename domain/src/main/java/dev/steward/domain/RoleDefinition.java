package dev.steward.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roles of entitlement management with their fixed Graph ids.
 *
 * <p>The four directory roles are held through membership of an LDAP group named in configuration;
 * they cannot be assigned through the role-assignment API. The catalog creator is assigned at
 * tenant scope; the other four only at catalog scope.
 */
public enum RoleDefinition {
  GLOBAL_ADMINISTRATOR(
      "62e90394-69f5-4237-9190-012177145e10",
      "Global Administrator",
      "Can manage everything in Steward.",
      Kind.DIRECTORY),
  IDENTITY_GOVERNANCE_ADMINISTRATOR(
      "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e",
      "Identity Governance Administrator",
      "Can manage everything in entitlement management.",
      Kind.DIRECTORY),
  USER_ADMINISTRATOR(
      "fe930be7-5e62-47db-91af-98c3a49a38b1",
      "User Administrator",
      "Can view catalogs and add or remove access package managers in any catalog.",
      Kind.DIRECTORY),
  REPORTS_READER(
      "4a5d8f65-41da-4de4-8968-e035b65339cf",
      "Reports Reader",
      "Can read the audit log of every catalog.",
      Kind.DIRECTORY),
  CATALOG_CREATOR(
      "ba92d953-d8e0-4e39-a797-0cbedb0a89e8",
      "Catalog creator",
      "Can create catalogs and becomes the first owner of each one it creates.",
      Kind.TENANT),
  CATALOG_OWNER(
      "ae79f266-94d4-4dab-b730-feca7e132178",
      "Catalog owner",
      "Manages the catalog, its resources, its access packages and who holds its roles.",
      Kind.CATALOG),
  CATALOG_READER(
      "44272f93-9762-48e8-af59-1b5351b1d6b3",
      "Catalog reader",
      "Views the catalog, its access packages, assignments and requests.",
      Kind.CATALOG),
  ACCESS_PACKAGE_MANAGER(
      "7f480852-ebdc-47d4-87de-0d8498384a83",
      "Access package manager",
      "Manages every access package and policy in the catalog; cannot add resources.",
      Kind.CATALOG),
  ACCESS_PACKAGE_ASSIGNMENT_MANAGER(
      "e2182095-804a-4656-ae11-64734e9b7ae5",
      "Access package assignment manager",
      "Manages assignments of the catalog's access packages.",
      Kind.CATALOG);

  /** Where a role is held and how it is granted. */
  public enum Kind {
    /** Tenant-wide, from membership of a configured LDAP group. */
    DIRECTORY,
    /** Tenant-wide, assigned through the API at scope {@code /}. */
    TENANT,
    /** Assigned through the API at one catalog's scope. */
    CATALOG
  }

  private final String id;
  private final String displayName;
  private final String description;
  private final Kind kind;

  RoleDefinition(String id, String displayName, String description, Kind kind) {
    this.id = id;
    this.displayName = displayName;
    this.description = description;
    this.kind = kind;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public String description() {
    return description;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isAssignable() {
    return kind != Kind.DIRECTORY;
  }

  public boolean isAdministrator() {
    return this == GLOBAL_ADMINISTRATOR || this == IDENTITY_GOVERNANCE_ADMINISTRATOR;
  }

  /** The roles that the role-definition and role-assignment APIs show. */
  public static List<RoleDefinition> assignable() {
    return Arrays.stream(values()).filter(RoleDefinition::isAssignable).toList();
  }

  public static Optional<RoleDefinition> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    // A loop over a kept copy: every role assignment read from Postgres comes through here, and
    // values() plus a stream per row was 4% of a role-assignment list's CPU in a JFR profile.
    for (RoleDefinition r : ALL) {
      if (r.id.equalsIgnoreCase(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static final RoleDefinition[] ALL = values();

  /**
   * Checks that this role may be assigned at the given scope: catalog roles only at a catalog, the
   * catalog creator only at the tenant, directory roles never.
   */
  public void requireAssignableAt(Scope scope) {
    switch (kind) {
      case DIRECTORY ->
          throw DomainException.invalid(
              "roleDefinitionId",
              displayName + " is held through directory group membership and cannot be assigned");
      case TENANT -> {
        if (!scope.isTenant()) {
          throw DomainException.invalid(
              "appScopeId", displayName + " can only be assigned at appScopeId '/'");
        }
      }
      case CATALOG -> {
        if (scope.isTenant()) {
          throw DomainException.invalid(
              "appScopeId",
              displayName + " can only be assigned at '/AccessPackageCatalog/{catalogId}'");
        }
      }
    }
  }
}
