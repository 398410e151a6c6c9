package dev.steward.application.service;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.Directory;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.ScheduledWork;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.ResourceRoleScope;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the directory in step with assignments: writes the user into each group role a package
 * grants, and takes them out again — unless another of their assignments still grants the same
 * role. Directory calls happen between transactions, never inside one; what the directory said is
 * recorded, so a failure is visible and {@code reprocess} can finish the work.
 */
final class Delivery {
  /** The actor the audit trail names for work Steward does on its own (expiry, deadlines). */
  static final RequestContext SYSTEM =
      new RequestContext(
          new Actor(new PrincipalId("00000000-0000-0000-0000-000000000000"), "steward"),
          "scheduler");

  private final Transactions transactions;
  private final Directory directory;
  private final Clock clock;
  private final Audit audit;
  private final dev.steward.application.port.out.Telemetry telemetry;

  Delivery(
      Transactions transactions,
      Directory directory,
      Clock clock,
      IdGenerator ids,
      dev.steward.application.port.out.Telemetry telemetry) {
    this.transactions = transactions;
    this.directory = directory;
    this.clock = clock;
    this.audit = new Audit(clock, ids);
    this.telemetry = telemetry;
  }

  private record Grant(PrincipalId group, ResourceRole role) {}

  private static Future<Assignment> assignment(UnitOfWork uow, AssignmentId id, boolean lock) {
    return Lookups.orNotFound(
        lock ? uow.assignments().findForUpdate(id) : uow.assignments().find(id),
        DomainException.Reason.ASSIGNMENT_NOT_FOUND,
        "Assignment",
        id.value());
  }

  /** Runs each directory call in turn and collects what failed, instead of stopping. */
  private Future<List<String>> each(List<Grant> grants, boolean add, PrincipalId user) {
    Future<List<String>> all = Future.succeededFuture(new ArrayList<>());
    for (Grant g : grants) {
      all =
          all.compose(
              errors ->
                  (add
                          ? directory.addToGroup(g.group(), user, g.role())
                          : directory.removeFromGroup(g.group(), user, g.role()))
                      .map(ok -> errors)
                      .otherwise(
                          failure -> {
                            errors.add(g.role().originId(g.group()) + ": " + failure.getMessage());
                            return errors;
                          }));
    }
    return all;
  }

  private static List<Grant> grants(List<ResourceRoleScope> scopes) {
    return scopes.stream().map(s -> new Grant(s.groupId(), s.role())).distinct().toList();
  }

  /** Writes an assignment into the directory and records the outcome on it and its request. */
  Future<Assignment> deliver(RequestContext ctx, AssignmentId id, Optional<RequestId> request) {
    return transactions
        .read(
            uow ->
                assignment(uow, id, false)
                    .compose(
                        a ->
                            uow.accessPackages()
                                .roleScopes(a.accessPackageId())
                                .map(s -> Map.entry(a, s))))
        .compose(found -> each(grants(found.getValue()), true, found.getKey().targetId()))
        .compose(
            errors ->
                transactions.inTransaction(
                    uow ->
                        assignment(uow, id, true)
                            .compose(
                                before -> {
                                  boolean ok = errors.isEmpty();
                                  telemetry.delivery("add", ok);
                                  Assignment after =
                                      before.withState(
                                          ok
                                              ? Assignment.State.DELIVERED
                                              : Assignment.State.DELIVERY_FAILED,
                                          ok ? null : String.join("; ", errors),
                                          clock.now());
                                  Future<Void> expiry =
                                      ok && after.endDateTime() != null
                                          ? uow.scheduledWork()
                                              .schedule(
                                                  ScheduledWork.Kind.EXPIRE_ASSIGNMENT,
                                                  id.value(),
                                                  after.endDateTime())
                                          : Future.succeededFuture();
                                  return uow.assignments()
                                      .update(after)
                                      .compose(done -> expiry)
                                      .compose(
                                          done -> finishRequest(uow, request, after, ok, errors))
                                      .compose(
                                          done ->
                                              uow.auditTrail()
                                                  .append(
                                                      audit.record(
                                                          ctx,
                                                          ok
                                                              ? "assignment.delivered"
                                                              : "assignment.deliveryFailed",
                                                          "assignment",
                                                          id.value(),
                                                          snapshot(before),
                                                          snapshot(after))))
                                      .map(after);
                                })));
  }

  private Future<Void> finishRequest(
      UnitOfWork uow,
      Optional<RequestId> request,
      Assignment assignment,
      boolean ok,
      List<String> errors) {
    if (request.isEmpty()) {
      return Future.succeededFuture();
    }
    return uow.requests()
        .findForUpdate(request.get())
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture();
              }
              AssignmentRequest r = found.get();
              AssignmentRequest after =
                  ok
                      ? r.delivered(assignment.id(), clock.now())
                      : r.deliveryFailed(assignment.id(), String.join("; ", errors));
              telemetry.requestSettled(after.type(), after.state());
              return uow.requests().update(after);
            });
  }

  /**
   * Takes an assignment's access out of the directory and marks it expired; roles another active
   * assignment of the same user still grants stay.
   */
  Future<Assignment> remove(
      RequestContext ctx, AssignmentId id, Optional<RequestId> request, String action) {
    return transactions
        .inTransaction(
            uow ->
                assignment(uow, id, true)
                    .compose(
                        a -> {
                          if (a.state() == Assignment.State.EXPIRED) {
                            return Future.succeededFuture(Map.entry(a, List.<Grant>of()));
                          }
                          Assignment removing =
                              a.withState(
                                  Assignment.State.REMOVING, a.deliveryError(), clock.now());
                          return uow.assignments()
                              .update(removing)
                              .compose(ok -> toRemove(uow, removing))
                              .map(grants -> Map.entry(removing, grants));
                        }))
        .compose(
            found ->
                each(found.getValue(), false, found.getKey().targetId())
                    .compose(
                        errors ->
                            transactions.inTransaction(
                                uow ->
                                    assignment(uow, id, true)
                                        .compose(
                                            before -> {
                                              if (before.state() == Assignment.State.EXPIRED) {
                                                return Future.succeededFuture(before);
                                              }
                                              boolean ok = errors.isEmpty();
                                              telemetry.delivery("remove", ok);
                                              Assignment after =
                                                  ok
                                                      ? before.withState(
                                                          Assignment.State.EXPIRED,
                                                          null,
                                                          clock.now())
                                                      : before.withState(
                                                          Assignment.State.REMOVING,
                                                          String.join("; ", errors),
                                                          clock.now());
                                              Future<Void> expiry =
                                                  ok
                                                      ? uow.scheduledWork()
                                                          .cancel(
                                                              ScheduledWork.Kind.EXPIRE_ASSIGNMENT,
                                                              id.value())
                                                      : Future.succeededFuture();
                                              return uow.assignments()
                                                  .update(after)
                                                  .compose(done -> expiry)
                                                  .compose(
                                                      done ->
                                                          finishRequest(
                                                              uow, request, after, ok, errors))
                                                  .compose(
                                                      done ->
                                                          uow.auditTrail()
                                                              .append(
                                                                  audit.record(
                                                                      ctx,
                                                                      ok
                                                                          ? action
                                                                          : action + "Failed",
                                                                      "assignment",
                                                                      id.value(),
                                                                      snapshot(before),
                                                                      snapshot(after))))
                                                  .map(after);
                                            }))));
  }

  /** The grants of this assignment that no other active assignment of the user still needs. */
  private Future<List<Grant>> toRemove(UnitOfWork uow, Assignment a) {
    return uow.accessPackages()
        .roleScopes(a.accessPackageId())
        .compose(
            mine ->
                uow.assignments()
                    .activeOf(a.targetId())
                    .compose(
                        others -> {
                          Future<Set<Grant>> kept = Future.succeededFuture(new HashSet<>());
                          for (Assignment other : others) {
                            if (other.id().equals(a.id())) {
                              continue;
                            }
                            kept =
                                kept.compose(
                                    set ->
                                        uow.accessPackages()
                                            .roleScopes(other.accessPackageId())
                                            .map(
                                                s -> {
                                                  set.addAll(grants(s));
                                                  return set;
                                                }));
                          }
                          return kept.map(
                              k -> grants(mine).stream().filter(g -> !k.contains(g)).toList());
                        }));
  }

  static Map<String, Object> snapshot(Assignment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().value());
    m.put("accessPackageId", a.accessPackageId().value());
    m.put("targetId", a.targetId().value());
    m.put("state", a.state().apiName());
    m.put("endDateTime", a.endDateTime() == null ? null : a.endDateTime().toString());
    m.put("deliveryError", a.deliveryError());
    return m;
  }
}
