package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.Map;

/** What a service of any capability holds: the {@link Essentials} and an audit-record builder. */
public abstract class ServiceBase {
  protected final Transactions transactions;
  protected final AccessControl access;
  protected final Directory directory;
  protected final Clock clock;
  protected final IdGenerator ids;
  protected final Audit audit;

  protected ServiceBase(Essentials e) {
    this.transactions = e.transactions();
    this.access = e.access();
    this.directory = e.directory();
    this.clock = e.clock();
    this.ids = e.ids();
    this.audit = new Audit(e.clock(), e.ids());
  }

  /** Finds a package and checks the caller may do the task in its catalog. */
  protected Future<AccessPackage> authorizedPackage(
      RequestContext ctx, UnitOfWork uow, AccessPackageId id, Task task, boolean lock) {
    return Lookups.accessPackage(uow, id, lock)
        .compose(
            pkg -> access.require(ctx.actor(), uow.roleAssignments(), task, pkg.scope()).map(pkg));
  }

  /** Appends the audit record of a change, in the change's transaction. */
  protected Future<Void> audited(
      RequestContext ctx,
      UnitOfWork uow,
      String action,
      String type,
      String id,
      Map<String, Object> before,
      Map<String, Object> after) {
    return uow.auditTrail().append(audit.record(ctx, action, type, id, before, after));
  }
}
