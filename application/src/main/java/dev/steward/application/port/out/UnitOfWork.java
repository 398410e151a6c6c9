package dev.steward.application.port.out;

/** The stores as seen from inside one transaction (or one read). */
public interface UnitOfWork {
  Catalogs catalogs();

  RoleAssignments roleAssignments();

  AccessPackages accessPackages();

  CatalogResources resources();

  Policies policies();

  AssignmentRequests requests();

  Assignments assignments();

  ScheduledWork scheduledWork();

  AuditTrail auditTrail();
}
