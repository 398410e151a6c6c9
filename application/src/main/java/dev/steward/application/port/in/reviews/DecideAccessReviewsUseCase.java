package dev.steward.application.port.in.reviews;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Where access reviews are decided: the items of an instance, a reviewer's own items, and their
 * decisions one at a time, in a batch, or by accepting the recommendations.
 */
public interface DecideAccessReviewsUseCase {
  /** Every item of the instance, for those who may see its progress. */
  Future<Page<AccessReviewDecision>> decisions(
      RequestContext ctx, String definitionId, String instanceId, String afterId, int limit);

  /** The items the caller may decide ({@code filterByCurrentUser(on='reviewer')}). */
  Future<Page<AccessReviewDecision>> myDecisions(
      RequestContext ctx, String definitionId, String instanceId, String afterId, int limit);

  Future<AccessReviewDecision> decision(
      RequestContext ctx, String definitionId, String instanceId, String decisionId);

  /** One reviewer's decision on one item. */
  Future<AccessReviewDecision> record(
      RequestContext ctx,
      String definitionId,
      String instanceId,
      String decisionId,
      AccessReviewDecision.Verdict verdict,
      String justification);

  /** One line of {@code batchRecordDecisions}: the items it names (all when both are empty). */
  record BatchDecision(
      AccessReviewDecision.Verdict verdict,
      String justification,
      Optional<PrincipalId> principal,
      Optional<String> resource) {}

  /** Decides every item of the caller's that each line names; returns how many were decided. */
  Future<Integer> batchRecord(
      RequestContext ctx, String definitionId, String instanceId, List<BatchDecision> lines);

  /** Takes the recommendation on each of the caller's items not yet reviewed. */
  Future<Integer> acceptRecommendations(RequestContext ctx, String definitionId, String instanceId);
}
