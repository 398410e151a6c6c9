package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.PolicyId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a policy's access review definition in step with its {@code reviewSettings}, in the
 * policy's own transaction: turned on, the definition is written and its next instance scheduled as
 * due work; changed, it is rewritten (instances already run stay); turned off or the policy
 * deleted, it goes with its instances.
 */
public final class PolicyReviews {
  private final Audit audit;
  private final dev.steward.application.port.out.IdGenerator ids;

  public PolicyReviews(Audit audit, dev.steward.application.port.out.IdGenerator ids) {
    this.audit = audit;
    this.ids = ids;
  }

  /** After a policy is created or replaced. */
  public Future<Void> follow(
      RequestContext ctx, UnitOfWork uow, AssignmentPolicy policy, Instant now) {
    return uow.accessReviews()
        .definitionOfPolicy(policy.id())
        .compose(
            existing ->
                Lookups.accessPackage(uow, policy.accessPackageId(), false)
                    .compose(
                        pkg -> {
                          Optional<AccessReviewDefinition> wanted =
                              AccessReviewDefinition.forPolicy(
                                  policy,
                                  pkg.displayName(),
                                  existing,
                                  ids.newId(),
                                  ctx.actor().userId(),
                                  now);
                          if (wanted.isEmpty()) {
                            return existing.isEmpty()
                                ? Future.<Void>succeededFuture()
                                : remove(ctx, uow, existing.get());
                          }
                          AccessReviewDefinition d = wanted.get();
                          if (existing.isPresent()
                              && existing
                                  .get()
                                  .withStarted(d.started(), d.lastModifiedDateTime())
                                  .equals(d)) {
                            return Future.succeededFuture();
                          }
                          Future<Void> saved =
                              existing.isPresent()
                                  ? uow.accessReviews().updateDefinition(d)
                                  : uow.accessReviews().insertDefinition(d);
                          Future<Void> next =
                              d.nextStart()
                                  .map(
                                      at ->
                                          uow.scheduledWork()
                                              .schedule(
                                                  ScheduledWork.Kind.REVIEW_START, d.id(), at))
                                  .orElseGet(
                                      () ->
                                          uow.scheduledWork()
                                              .cancel(ScheduledWork.Kind.REVIEW_START, d.id()));
                          return saved
                              .compose(ok -> next)
                              .compose(
                                  ok ->
                                      uow.auditTrail()
                                          .append(
                                              audit.record(
                                                  ctx,
                                                  existing.isPresent()
                                                      ? "accessReview.definitionUpdate"
                                                      : "accessReview.definitionCreate",
                                                  "accessReviewScheduleDefinition",
                                                  d.id(),
                                                  existing
                                                      .map(PolicyReviews::snapshot)
                                                      .orElse(null),
                                                  snapshot(d))));
                        }));
  }

  /** Before a policy is deleted. */
  public Future<Void> forget(RequestContext ctx, UnitOfWork uow, PolicyId policy) {
    return uow.accessReviews()
        .definitionOfPolicy(policy)
        .compose(d -> d.isEmpty() ? Future.<Void>succeededFuture() : remove(ctx, uow, d.get()));
  }

  private Future<Void> remove(RequestContext ctx, UnitOfWork uow, AccessReviewDefinition d) {
    return uow.scheduledWork()
        .cancel(ScheduledWork.Kind.REVIEW_START, d.id())
        .compose(ok -> uow.accessReviews().deleteDefinition(d.id()))
        .compose(
            ok ->
                uow.auditTrail()
                    .append(
                        audit.record(
                            ctx,
                            "accessReview.definitionDelete",
                            "accessReviewScheduleDefinition",
                            d.id(),
                            snapshot(d),
                            null)));
  }

  /** What the audit trail keeps of a definition. */
  public static Map<String, Object> snapshot(AccessReviewDefinition d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("catalogId", d.catalogId().value());
    m.put("displayName", d.displayName());
    m.put("kind", d.kind().name());
    m.put("scope", d.scopeQuery());
    d.policyId().ifPresent(p -> m.put("policyId", p.value()));
    m.put("reviewers", d.reviewers().toString());
    m.put("fallbackReviewers", d.fallbackReviewers().toString());
    m.put("selfReview", d.selfReview());
    m.put("justificationRequired", d.justificationRequired());
    m.put("recommendationsEnabled", d.recommendationsEnabled());
    m.put("expirationBehavior", d.behaviour().apiName());
    m.put("autoApply", d.autoApply());
    m.put("schedule", d.schedule().policyScheduleJson());
    return m;
  }
}
