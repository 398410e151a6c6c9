package dev.steward.application.port.in.reviews;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessReviewDefinition;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Access review definitions and instances for those who govern a catalog: group reviews created,
 * progress seen, instances stopped, applied or reminded.
 */
public interface ManageAccessReviewsUseCase {
  /** A review of a group that is a resource of a catalog the caller owns. */
  Future<AccessReviewDefinition> createGroupReview(RequestContext ctx, GroupReviewDraft draft);

  /** The definitions the caller may see, those whose scope query contains the text when given. */
  Future<Page<AccessReviewDefinition>> listDefinitions(
      RequestContext ctx, Optional<String> scopeContains, String afterId, int limit);

  /** The definitions with an instance in which the caller reviews something. */
  Future<List<AccessReviewDefinition>> definitionsReviewedBy(RequestContext ctx);

  Future<AccessReviewDefinition> getDefinition(RequestContext ctx, String id);

  /** Deletes a group review; a policy's review goes when its settings turn it off. */
  Future<Void> deleteDefinition(RequestContext ctx, String id);

  /** A definition's instances with their progress (for reviewers: those they review in). */
  Future<List<InstanceProgress>> instances(RequestContext ctx, String definitionId);

  Future<InstanceProgress> instance(RequestContext ctx, String definitionId, String instanceId);

  /** Ends a running instance now; its decisions are applied as at its end. */
  Future<Void> stop(RequestContext ctx, String definitionId, String instanceId);

  /** Applies a completed instance's decisions (again, for those that failed). */
  Future<Void> applyDecisions(RequestContext ctx, String definitionId, String instanceId);

  /** Mails the reviewers who still have items to decide. */
  Future<Void> sendReminder(RequestContext ctx, String definitionId, String instanceId);
}
