package dev.steward.application.service.delivery;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.Notices;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.ResourceRoleScope;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
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
public final class DeliveryService extends ServiceBase implements DeliverAccessUseCase {
  private final dev.steward.application.port.out.Telemetry telemetry;
  private final dev.steward.application.service.CustomExtensionCallouts callouts;

  public DeliveryService(Essentials essentials) {
    super(essentials);
    this.callouts = new dev.steward.application.service.CustomExtensionCallouts(essentials);
    this.telemetry = essentials.access().telemetry();
  }

  private record Grant(PrincipalId group, ResourceRole role) {}

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
                            errors.add(g.role().originId(g.group()) + ": " + describe(failure));
                            return errors;
                          }));
    }
    return all;
  }

  private static List<Grant> grants(List<ResourceRoleScope> scopes) {
    return scopes.stream().map(s -> new Grant(s.groupId(), s.role())).distinct().toList();
  }

  /** Writes an assignment into the directory and records the outcome on it and its request. */
  @Override
  public Future<Assignment> deliver(
      RequestContext ctx, AssignmentId id, Optional<RequestId> request) {
    return transactions
        .read(
            uow ->
                Lookups.assignment(uow, id, false)
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
                        Lookups.assignment(uow, id, true)
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
                                      ok
                                          ? scheduleEnd(uow, after)
                                              .compose(
                                                  done ->
                                                      notifyTarget(
                                                          uow,
                                                          after,
                                                          off -> Notices.granted(after, off)))
                                          : retryLater(uow, id);
                                  return uow.assignments()
                                      .update(after)
                                      .compose(done -> expiry)
                                      .compose(
                                          done -> finishRequest(uow, request, after, ok, errors))
                                      .compose(
                                          done ->
                                              unchanged(before, after)
                                                  // a reprocess that changed nothing is not news
                                                  ? Future.<Void>succeededFuture()
                                                  : audited(
                                                      ctx,
                                                      uow,
                                                      ok
                                                          ? "assignment.delivered"
                                                          : "assignment.deliveryFailed",
                                                      "assignment",
                                                      id.value(),
                                                      Audit.snapshot(before),
                                                      Audit.snapshot(after)))
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
              boolean newlyDone = ok && r.state() != AssignmentRequest.State.DELIVERED;
              return uow.requests()
                  .update(after)
                  .compose(
                      done ->
                          !newlyDone
                              ? Future.succeededFuture()
                              : r.type().removes()
                                  ? callouts.atStage(
                                      uow, CustomExtension.Stage.ASSIGNMENT_REQUEST_REMOVED, after)
                                  : r.type().adds()
                                      ? callouts.atStage(
                                          uow,
                                          CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED,
                                          after)
                                      : Future.succeededFuture());
            });
  }

  /**
   * Takes an assignment's access out of the directory and marks it expired; roles another active
   * assignment of the same user still grants stay.
   */
  @Override
  public Future<Assignment> remove(
      RequestContext ctx, AssignmentId id, Optional<RequestId> request, String action) {
    return transactions
        .inTransaction(
            uow ->
                Lookups.assignment(uow, id, true)
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
                                    Lookups.assignment(uow, id, true)
                                        .compose(
                                            before -> {
                                              if (before.state() == Assignment.State.EXPIRED) {
                                                return Future.succeededFuture(before);
                                              }
                                              boolean ok = errors.isEmpty();
                                              telemetry.delivery("remove", ok);
                                              Assignment after =
                                                  ok
                                                      ? expired(before, action)
                                                      : before.withState(
                                                          Assignment.State.REMOVING,
                                                          String.join("; ", errors),
                                                          clock.now());
                                              Future<Void> expiry =
                                                  ok
                                                      ? cancelEnd(uow, id.value())
                                                          .compose(
                                                              done ->
                                                                  notifyTarget(
                                                                      uow,
                                                                      after,
                                                                      off ->
                                                                          Notices.ended(
                                                                              after, off)))
                                                      : action.equals("assignment.expired")
                                                          // the expiry item itself comes back
                                                          ? Future.<Void>succeededFuture()
                                                          : retryLater(uow, id);
                                              return uow.assignments()
                                                  .update(after)
                                                  .compose(done -> expiry)
                                                  .compose(
                                                      done ->
                                                          finishRequest(
                                                              uow, request, after, ok, errors))
                                                  .compose(
                                                      done ->
                                                          audited(
                                                              ctx,
                                                              uow,
                                                              ok ? action : action + "Failed",
                                                              "assignment",
                                                              id.value(),
                                                              Audit.snapshot(before),
                                                              Audit.snapshot(after)))
                                                  .map(after);
                                            }))));
  }

  /** The assignment out of the directory; an expiry also records that its user was told. */
  private Assignment expired(Assignment before, String action) {
    Assignment after = before.withState(Assignment.State.EXPIRED, null, clock.now());
    return action.equals("assignment.expired")
        ? after.withNotificationStatus(Assignment.EXPIRED_NOTIFIED, clock.now())
        : after;
  }

  private static boolean unchanged(Assignment before, Assignment after) {
    return before.state() == after.state()
        && java.util.Objects.equals(before.deliveryError(), after.deliveryError());
  }

  /** How long after a failed delivery Steward first tries again (then longer, see due work). */
  static final java.time.Duration FIRST_RETRY = java.time.Duration.ofSeconds(10);

  private Future<Void> retryLater(UnitOfWork uow, AssignmentId id) {
    return uow.scheduledWork()
        .scheduleIfAbsent(
            ScheduledWork.Kind.RETRY_DELIVERY, id.value(), clock.now().plus(FIRST_RETRY));
  }

  /**
   * What an assignment's reader may see of a failure: the directory's refusal, but never where the
   * directory is (host and port stay in the log).
   */
  private static String describe(Throwable failure) {
    return failure instanceof dev.steward.application.port.out.DependencyUnavailableException
        ? "the directory could not be reached; Steward tries again"
        : String.valueOf(failure.getMessage());
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
}
