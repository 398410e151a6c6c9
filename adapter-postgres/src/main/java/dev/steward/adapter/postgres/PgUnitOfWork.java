package dev.steward.adapter.postgres;

import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.packages.AccessPackages;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/** The Postgres stores bound to one connection (in a transaction) or to the pool (for reads). */
final class PgUnitOfWork implements UnitOfWork {
  private final SqlClient client;
  private final Pool pool;
  private final AuditSeal seal;
  private final PgAuditChain chain;

  /** Stores in a transaction: the audit records written are sealed by {@link #sealAudit}. */
  static PgUnitOfWork inTransaction(SqlClient conn, AuditSeal seal) {
    return new PgUnitOfWork(conn, null, seal, new PgAuditChain(seal));
  }

  /**
   * Stores on one connection outside a transaction, for reads; {@code pool} is for the one read
   * that needs a snapshot of its own (the audit chain's verification).
   */
  static PgUnitOfWork forReading(SqlClient conn, Pool pool, AuditSeal seal) {
    return new PgUnitOfWork(conn, pool, seal, null);
  }

  private PgUnitOfWork(SqlClient client, Pool pool, AuditSeal seal, PgAuditChain chain) {
    this.client = client;
    this.pool = pool;
    this.seal = seal;
    this.chain = chain;
  }

  /** Seals the audit records this transaction wrote: the last statements before its commit. */
  Future<Void> sealAudit() {
    return chain == null ? Future.succeededFuture() : chain.seal(client);
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
  public dev.steward.application.port.out.sessions.SessionStore sessions() {
    return new PgSessionStore(client);
  }

  @Override
  public AuditTrail auditTrail() {
    return new PgAuditTrail(client, pool, chain, seal);
  }

  @Override
  public dev.steward.application.port.out.notifications.Outbox outbox() {
    return new PgOutbox(client);
  }

  @Override
  public dev.steward.application.port.out.reviews.AccessReviews accessReviews() {
    return new PgAccessReviews(client);
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
