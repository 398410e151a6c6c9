package dev.steward.application.service.reviews;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.reviews.DecideAccessReviewsUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.DomainException;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Where access reviews are decided. Only an item's reviewers decide it, while its instance runs;
 * nobody decides on their own access unless the review is a self-review; a justification is
 * required when the review says so. Every decision is audited in its own transaction, which holds
 * the instance row so that an instance never ends half way through a batch.
 */
public final class ReviewDecisionService extends ServiceBase implements DecideAccessReviewsUseCase {
  public ReviewDecisionService(Essentials essentials) {
    super(essentials);
  }

  private record Context(AccessReviewDefinition definition, AccessReviewInstance instance) {}

  private static Future<Context> context(
      UnitOfWork uow, String definitionId, String instanceId, boolean lock) {
    return AccessReviewService.definition(uow, definitionId)
        .compose(
            d ->
                AccessReviewService.instance(uow, definitionId, instanceId, lock)
                    .map(i -> new Context(d, i)));
  }

  @Override
  public Future<Page<AccessReviewDecision>> decisions(
      RequestContext ctx, String definitionId, String instanceId, String afterId, int limit) {
    return transactions.read(
        uow ->
            context(uow, definitionId, instanceId, false)
                .compose(
                    c ->
                        access
                            .heldRoles(ctx.actor(), uow.roleAssignments())
                            .compose(
                                held -> {
                                  boolean governor =
                                      dev.steward.domain.PermissionMatrix.decide(
                                              Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
                                              c.definition().scope(),
                                              held)
                                          .allowed();
                                  // A reviewer who governs nothing sees only their own items;
                                  // anyone else may not look.
                                  return uow.accessReviews()
                                      .decisionsOf(
                                          c.instance().id(),
                                          governor
                                              ? Optional.empty()
                                              : Optional.of(ctx.actor().userId()),
                                          afterId,
                                          limit + 1)
                                      .map(
                                          found -> {
                                            if (!governor && afterId == null && found.isEmpty()) {
                                              throw new DomainException(
                                                  DomainException.Reason.NOT_AUTHORIZED,
                                                  "Only the catalog's governors and this review's"
                                                      + " reviewers may see its items");
                                            }
                                            return found;
                                          });
                                }))
                .map(found -> Page.of(found, limit, AccessReviewDecision::id)));
  }

  @Override
  public Future<Page<AccessReviewDecision>> myDecisions(
      RequestContext ctx, String definitionId, String instanceId, String afterId, int limit) {
    return transactions.read(
        uow ->
            context(uow, definitionId, instanceId, false)
                .compose(
                    c ->
                        uow.accessReviews()
                            .decisionsOf(
                                c.instance().id(),
                                Optional.of(ctx.actor().userId()),
                                afterId,
                                limit + 1))
                .map(found -> Page.of(found, limit, AccessReviewDecision::id)));
  }

  private static Future<AccessReviewDecision> item(UnitOfWork uow, Context c, String decisionId) {
    return uow.accessReviews()
        .findDecision(decisionId)
        .map(
            d ->
                d.filter(x -> x.instanceId().equals(c.instance().id()))
                    .orElseThrow(
                        () ->
                            AccessReviewService.notFound(
                                "Access review decision item", decisionId)));
  }

  @Override
  public Future<AccessReviewDecision> decision(
      RequestContext ctx, String definitionId, String instanceId, String decisionId) {
    return transactions.read(
        uow ->
            context(uow, definitionId, instanceId, false)
                .compose(
                    c ->
                        item(uow, c, decisionId)
                            .compose(
                                d ->
                                    d.isReviewer(ctx.actor().userId())
                                        ? Future.succeededFuture(d)
                                        : access
                                            .require(
                                                ctx.actor(),
                                                uow.roleAssignments(),
                                                Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
                                                c.definition().scope())
                                            .map(d))));
  }

  private Future<AccessReviewDecision> decideIn(
      RequestContext ctx,
      UnitOfWork uow,
      Context c,
      AccessReviewDecision before,
      AccessReviewDecision.Verdict verdict,
      String justification) {
    AccessReviewDecision after =
        before.decide(
            ctx.actor().userId(),
            verdict,
            justification,
            c.definition().selfReview(),
            c.definition().justificationRequired(),
            clock.now());
    return uow.accessReviews()
        .updateDecision(after)
        .compose(
            ok ->
                audited(
                    ctx,
                    uow,
                    "accessReview.decisionRecorded",
                    "accessReviewInstanceDecisionItem",
                    after.id(),
                    ReviewSnapshots.of(before, c.definition().catalogId()),
                    ReviewSnapshots.of(after, c.definition().catalogId())))
        .map(after);
  }

  @Override
  public Future<AccessReviewDecision> record(
      RequestContext ctx,
      String definitionId,
      String instanceId,
      String decisionId,
      AccessReviewDecision.Verdict verdict,
      String justification) {
    return transactions.inTransaction(
        uow ->
            context(uow, definitionId, instanceId, true)
                .compose(
                    c ->
                        item(uow, c, decisionId)
                            .compose(
                                before -> {
                                  if (!before.isReviewer(ctx.actor().userId())) {
                                    throw new DomainException(
                                        DomainException.Reason.NOT_AUTHORIZED,
                                        "Only this item's reviewers may decide it");
                                  }
                                  c.instance().requireInProgress();
                                  return decideIn(ctx, uow, c, before, verdict, justification);
                                })));
  }

  @Override
  public Future<Integer> batchRecord(
      RequestContext ctx, String definitionId, String instanceId, List<BatchDecision> lines) {
    return transactions.inTransaction(
        uow ->
            context(uow, definitionId, instanceId, true)
                .compose(
                    c -> {
                      c.instance().requireInProgress();
                      return uow.accessReviews()
                          .decisionsOf(
                              c.instance().id(),
                              Optional.of(ctx.actor().userId()),
                              null,
                              ReviewRunService.MAX_ITEMS)
                          .compose(
                              mine -> {
                                Future<Integer> count = Future.succeededFuture(0);
                                for (BatchDecision line : lines) {
                                  for (AccessReviewDecision d : mine) {
                                    boolean named =
                                        line.principal()
                                                .map(p -> p.equals(d.principalId()))
                                                .orElse(true)
                                            && line.resource()
                                                .map(r -> r.equals(d.resourceId()))
                                                .orElse(true);
                                    if (!named) {
                                      continue;
                                    }
                                    count =
                                        count.compose(
                                            n ->
                                                uow.accessReviews()
                                                    .findDecision(d.id())
                                                    .compose(
                                                        now ->
                                                            decideIn(
                                                                ctx,
                                                                uow,
                                                                c,
                                                                now.orElse(d),
                                                                line.verdict(),
                                                                line.justification()))
                                                    .map(x -> n + 1));
                                  }
                                }
                                return count;
                              });
                    }));
  }

  @Override
  public Future<Integer> acceptRecommendations(
      RequestContext ctx, String definitionId, String instanceId) {
    return transactions.inTransaction(
        uow ->
            context(uow, definitionId, instanceId, true)
                .compose(
                    c -> {
                      c.instance().requireInProgress();
                      return uow.accessReviews()
                          .decisionsOf(
                              c.instance().id(),
                              Optional.of(ctx.actor().userId()),
                              null,
                              ReviewRunService.MAX_ITEMS)
                          .compose(
                              mine -> {
                                Future<Integer> count = Future.succeededFuture(0);
                                for (AccessReviewDecision d : mine) {
                                  if (d.decision() != AccessReviewDecision.Verdict.NOT_REVIEWED
                                      || d.recommendation()
                                          == AccessReviewDecision.Recommendation.NO_INFO
                                      || (d.principalId().equals(ctx.actor().userId())
                                          && !c.definition().selfReview())) {
                                    continue;
                                  }
                                  AccessReviewDecision.Verdict v =
                                      d.recommendation()
                                              == AccessReviewDecision.Recommendation.APPROVE
                                          ? AccessReviewDecision.Verdict.APPROVE
                                          : AccessReviewDecision.Verdict.DENY;
                                  count =
                                      count.compose(
                                          n ->
                                              decideIn(
                                                      ctx,
                                                      uow,
                                                      c,
                                                      d,
                                                      v,
                                                      "Accepted the recommendation: "
                                                          + d.recommendationReason())
                                                  .map(x -> n + 1));
                                }
                                return count;
                              });
                    }));
  }
}
