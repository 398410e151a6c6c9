package dev.steward.adapter.postgres;

import dev.steward.application.port.out.AccessPackages;
import dev.steward.application.port.out.AuditTrail;
import dev.steward.application.port.out.Catalogs;
import dev.steward.application.port.out.RoleAssignments;
import dev.steward.application.port.out.UnitOfWork;
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
  public dev.steward.application.port.out.CatalogResources resources() {
    return new PgResources(client);
  }

  @Override
  public dev.steward.application.port.out.Policies policies() {
    return new PgPolicies(client);
  }

  @Override
  public dev.steward.application.port.out.AssignmentRequests requests() {
    return new PgRequests(client);
  }

  @Override
  public dev.steward.application.port.out.Assignments assignments() {
    return new PgAssignments(client);
  }

  @Override
  public dev.steward.application.port.out.ScheduledWork scheduledWork() {
    return new PgScheduledWork(client);
  }

  @Override
  public AuditTrail auditTrail() {
    return new PgAuditTrail(client);
  }
}
