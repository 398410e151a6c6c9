package dev.steward.domain;

/** Everything the permission matrix decides on, named as the API reports it. */
public enum Task {
  DELEGATE_CATALOG_CREATOR("delegateCatalogCreator"),
  CREATE_CATALOG("createCatalog"),
  VIEW_CATALOG("viewCatalog"),
  MANAGE_CATALOG_RESOURCES("manageCatalogResources"),
  MANAGE_CATALOG_OWNERS("manageCatalogOwners"),
  EDIT_CATALOG("editCatalog"),
  DELETE_CATALOG("deleteCatalog"),
  MANAGE_ACCESS_PACKAGE_MANAGERS("manageAccessPackageManagers"),
  MANAGE_CATALOG_READERS_AND_ASSIGNMENT_MANAGERS("manageCatalogReadersAndAssignmentManagers"),
  CREATE_ACCESS_PACKAGE("createAccessPackage"),
  CHANGE_RESOURCE_ROLES("changeResourceRoles"),
  MANAGE_POLICIES("managePolicies"),
  MANAGE_ASSIGNMENTS("manageAssignments"),
  VIEW_ASSIGNMENTS_AND_REQUESTS("viewAssignmentsAndRequests"),
  REPROCESS_OR_CANCEL_REQUEST("reprocessOrCancelRequest"),
  HIDE_ACCESS_PACKAGE("hideAccessPackage"),
  DELETE_ACCESS_PACKAGE("deleteAccessPackage"),
  READ_AUDIT_LOG("readAuditLog");

  private final String apiName;

  Task(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /** The task that governs assigning or removing the given role. */
  public static Task forManaging(RoleDefinition role) {
    return switch (role) {
      case CATALOG_CREATOR -> DELEGATE_CATALOG_CREATOR;
      case CATALOG_OWNER -> MANAGE_CATALOG_OWNERS;
      case ACCESS_PACKAGE_MANAGER -> MANAGE_ACCESS_PACKAGE_MANAGERS;
      case CATALOG_READER, ACCESS_PACKAGE_ASSIGNMENT_MANAGER ->
          MANAGE_CATALOG_READERS_AND_ASSIGNMENT_MANAGERS;
      case GLOBAL_ADMINISTRATOR,
          IDENTITY_GOVERNANCE_ADMINISTRATOR,
          USER_ADMINISTRATOR,
          REPORTS_READER ->
          throw DomainException.invalid(
              "roleDefinitionId", role.displayName() + " cannot be managed through Steward");
    };
  }
}
