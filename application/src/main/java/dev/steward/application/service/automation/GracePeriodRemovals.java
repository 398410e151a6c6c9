package dev.steward.application.service.automation;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.out.directory.AttributeRuleSearch;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a grace period: a user who still does not match the automatic policy's rule loses the
 * access through a systemRemove request; one who came back keeps it.
 */
final class GracePeriodRemovals extends ServiceBase {
  private final DeliverAccessUseCase delivery;
  private final AttributeRuleSearch rules;

  GracePeriodRemovals(
      Essentials essentials, DeliverAccessUseCase delivery, AttributeRuleSearch rules) {
    super(essentials);
    this.delivery = delivery;
    this.rules = rules;
  }

  Future<Boolean> removeIfOutside(AssignmentId id) {
    return transactions
        .read(
            uow ->
                uow.assignments()
                    .find(id)
                    .compose(
                        a ->
                            a.filter(Assignment::isActive).isEmpty()
                                ? Future.succeededFuture(
                                    Optional.<Map.Entry<Assignment, AssignmentPolicy>>empty())
                                : uow.policies()
                                    .find(a.get().policyId())
                                    .map(p -> p.map(policy -> Map.entry(a.get(), policy)))))
        .compose(
            found -> {
              Optional<Map.Entry<Assignment, AssignmentPolicy>> live =
                  found.filter(
                      e ->
                          e.getValue().settings().isAutomatic()
                              && e.getValue()
                                  .settings()
                                  .automaticRequestSettings()
                                  .removeAccessWhenTargetLeavesAllowedTargets());
              if (live.isEmpty()) {
                return Future.succeededFuture(false);
              }
              Assignment a = live.get().getKey();
              MembershipRule rule =
                  AutomaticAssignmentService.rule(live.get().getValue()).orElseThrow();
              // The user may have come back inside the rule during the grace period.
              return rules
                  .matches(rule, a.targetId())
                  .compose(inside -> inside ? Future.succeededFuture(false) : remove(a));
            });
  }

  private Future<Boolean> remove(Assignment a) {
    RequestContext ctx = RequestContext.SYSTEM;
    Instant now = clock.now();
    RequestId requestId = new RequestId(ids.newId());
    return transactions
        .inTransaction(
            uow ->
                uow.assignments()
                    .findForUpdate(a.id())
                    .compose(
                        locked -> {
                          if (locked.filter(Assignment::isActive).isEmpty()) {
                            return Future.succeededFuture(false);
                          }
                          AssignmentRequest request =
                              new AssignmentRequest(
                                  requestId,
                                  AssignmentRequest.Type.SYSTEM_REMOVE,
                                  AssignmentRequest.State.DELIVERING,
                                  a.accessPackageId(),
                                  a.policyId(),
                                  a.catalogId(),
                                  ctx.actor().userId(),
                                  a.targetId(),
                                  a.id(),
                                  "The user no longer matches the automatic policy's rule",
                                  null,
                                  List.of(),
                                  "Removing",
                                  now,
                                  null);
                          return uow.requests()
                              .insert(request)
                              .compose(
                                  ok ->
                                      audited(
                                          ctx,
                                          uow,
                                          "request.submit",
                                          "assignmentRequest",
                                          requestId.value(),
                                          null,
                                          Audit.snapshot(request)))
                              .map(true);
                        }))
        .compose(
            raised ->
                raised
                    ? delivery
                        .remove(ctx, a.id(), Optional.of(requestId), "assignment.removed")
                        .map(true)
                    : Future.succeededFuture(false));
  }
}
