package dev.steward.application.port.out.reviews;

import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Access review definitions, their instances and the decisions in each, as stored. */
public interface AccessReviews {
  Future<Void> insertDefinition(AccessReviewDefinition d);

  Future<Void> updateDefinition(AccessReviewDefinition d);

  /** Removes a definition with its instances and decisions. */
  Future<Void> deleteDefinition(String id);

  Future<Optional<AccessReviewDefinition>> findDefinition(String id, boolean lock);

  /** The definition a policy's review settings made, if any. */
  Future<Optional<AccessReviewDefinition>> definitionOfPolicy(PolicyId policy);

  /**
   * Definitions in the given catalogs (all when empty) whose scope query contains {@code
   * scopeContains} (when given), ordered by id, after {@code afterId}.
   */
  Future<List<AccessReviewDefinition>> listDefinitions(
      Optional<Set<CatalogId>> catalogs, Optional<String> scopeContains, String afterId, int limit);

  Future<Void> insertInstance(AccessReviewInstance i);

  Future<Void> updateInstance(AccessReviewInstance i);

  Future<Optional<AccessReviewInstance>> findInstance(String id, boolean lock);

  /** A definition's instances, oldest first. */
  Future<List<AccessReviewInstance>> instancesOf(String definitionId);

  /** The instances in which {@code reviewer} may decide at least one item, newest first. */
  Future<List<AccessReviewInstance>> instancesWithReviewer(PrincipalId reviewer);

  Future<Void> insertDecisions(List<AccessReviewDecision> decisions);

  Future<Void> updateDecision(AccessReviewDecision d);

  Future<Optional<AccessReviewDecision>> findDecision(String id);

  /**
   * An instance's decisions, ordered by id after {@code afterId}; only those {@code reviewer} may
   * decide, when given.
   */
  Future<List<AccessReviewDecision>> decisionsOf(
      String instanceId, Optional<PrincipalId> reviewer, String afterId, int limit);
}
