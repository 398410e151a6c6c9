package dev.steward.adapter.postgres;

import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.packages.AccessPackages;
import io.vertx.sqlclient.SqlClient;

/** The Postgres stores bound to one connection (in a transaction) or to the pool (for reads). */
final class PgUnitOfWork implements UnitOfWork {
  private final SqlClient client;

  PgUnitOfWork(SqlClient client) {
    this.client = client;
  }

  @Override
  public Catalogs catalogs() {
    return new PgCatalogs(client);
  }

  @Override
  public RoleAssignments roleAssignments() {
    return new PgRoleAssignments(client);
  }

  @Override
  public AccessPackages accessPackages() {
    return new PgAccessPackages(client);
  }

  @Override
  public dev.steward.application.port.out.resources.CatalogResources resources() {
    return new PgResources(client);
  }

  @Override
  public dev.steward.application.port.out.policies.Policies policies() {
    return new PgPolicies(client);
  }

  @Override
  public dev.steward.application.port.out.requests.AssignmentRequests requests() {
    return new PgRequests(client);
  }

  @Override
  public dev.steward.application.port.out.assignments.Assignments assignments() {
    return new PgAssignments(client);
  }

  @Override
  public dev.steward.application.port.out.duework.ScheduledWork scheduledWork() {
    return new PgScheduledWork(client);
  }

  @Override
  public AuditTrail auditTrail() {
    return new PgAuditTrail(client);
  }

  @Override
  public dev.steward.application.port.out.notifications.Outbox outbox() {
    return new PgOutbox(client);
  }

  @Override
  public dev.steward.application.port.out.extensions.CustomExtensions customExtensions() {
    return new PgCustomExtensions(client);
  }

  @Override
  public dev.steward.application.port.out.extensions.Callouts callouts() {
    return new PgCallouts(client);
  }
}
