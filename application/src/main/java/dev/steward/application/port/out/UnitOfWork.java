package dev.steward.application.port.out;

import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.port.out.notifications.Outbox;
import dev.steward.application.port.out.packages.AccessPackages;
import dev.steward.application.port.out.policies.Policies;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.application.port.out.resources.CatalogResources;

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

  Outbox outbox();

  dev.steward.application.port.out.sessions.SessionStore sessions();

  dev.steward.application.port.out.reviews.AccessReviews accessReviews();

  dev.steward.application.port.out.extensions.CustomExtensions customExtensions();

  dev.steward.application.port.out.extensions.Callouts callouts();
}
