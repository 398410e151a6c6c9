package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.Notice;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a service of any capability holds: the {@link Essentials} and an audit-record builder. */
public abstract class ServiceBase {
  protected final Transactions transactions;
  protected final AccessControl access;
  protected final Directory directory;
  protected final Clock clock;
  protected final IdGenerator ids;
  protected final Audit audit;
  private final boolean mailOn;

  protected ServiceBase(Essentials e) {
    this.transactions = e.transactions();
    this.access = e.access();
    this.directory = e.directory();
    this.clock = e.clock();
    this.ids = e.ids();
    this.audit = new Audit(e.clock(), e.ids());
    this.mailOn = e.mailOn();
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

  /** Records the mails a change causes in the outbox, in the change's own transaction. */
  protected Future<Void> notify(UnitOfWork uow, List<Notice> notices) {
    Future<Void> all = Future.succeededFuture();
    if (!mailOn) {
      return all;
    }
    for (Notice n : notices) {
      OutboxMessage m =
          new OutboxMessage(
              ids.newId(),
              OutboxMessage.MAIL,
              n.kind().template(),
              n.dedupeKey(),
              n.recipient().value(),
              n.facts(),
              0,
              clock.now());
      all = all.compose(ok -> uow.outbox().enqueue(m));
      access.telemetry().notification(OutboxMessage.MAIL, "queued");
    }
    return all;
  }

  /**
   * Schedules the end of an active assignment and the warnings before it (14 days and a day before,
   * when that is still ahead); an assignment without an end has none of them.
   */
  protected Future<Void> scheduleEnd(UnitOfWork uow, Assignment a) {
    String id = a.id().value();
    Instant end = a.endDateTime();
    Future<Void> all =
        end == null
            ? uow.scheduledWork().cancel(ScheduledWork.Kind.EXPIRE_ASSIGNMENT, id)
            : uow.scheduledWork().schedule(ScheduledWork.Kind.EXPIRE_ASSIGNMENT, id, end);
    for (Map.Entry<ScheduledWork.Kind, Integer> w : WARNINGS.entrySet()) {
      Instant at = end == null ? null : end.minus(Duration.ofDays(w.getValue()));
      all =
          all.compose(
              ok ->
                  at != null && at.isAfter(clock.now())
                      ? uow.scheduledWork().schedule(w.getKey(), id, at)
                      : uow.scheduledWork().cancel(w.getKey(), id));
    }
    return all;
  }

  /** Forgets an assignment's end and the warnings before it: it has ended. */
  protected Future<Void> cancelEnd(UnitOfWork uow, String assignmentId) {
    Future<Void> all =
        uow.scheduledWork().cancel(ScheduledWork.Kind.EXPIRE_ASSIGNMENT, assignmentId);
    for (ScheduledWork.Kind k : WARNINGS.keySet()) {
      all = all.compose(ok -> uow.scheduledWork().cancel(k, assignmentId));
    }
    return all;
  }

  /**
   * Records the mails to an assignment's user, unless its policy turned them off (the policy's
   * {@code notificationSettings}; a policy since deleted leaves them on).
   */
  protected Future<Void> notifyTarget(
      UnitOfWork uow, Assignment a, java.util.function.Function<Boolean, List<Notice>> notices) {
    return uow.policies()
        .find(a.policyId())
        .compose(
            p ->
                notify(
                    uow,
                    notices.apply(
                        p.map(
                                x ->
                                    x.settings()
                                        .notificationSettings()
                                        .isAssignmentNotificationDisabled())
                            .orElse(false))));
  }

  /** The warnings before an assignment ends, and how many days ahead each is sent. */
  protected static final Map<ScheduledWork.Kind, Integer> WARNINGS =
      Map.of(
          ScheduledWork.Kind.EXPIRY_WARNING_14_DAYS,
          14,
          ScheduledWork.Kind.EXPIRY_WARNING_1_DAY,
          1);
}
