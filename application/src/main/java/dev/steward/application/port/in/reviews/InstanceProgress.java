package dev.steward.application.port.in.reviews;

import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import java.util.Map;

/**
 * An instance with its definition and how far its reviewers have got: decisions counted by their
 * Graph name (NotReviewed, Approve, Deny, DontKnow).
 */
public record InstanceProgress(
    AccessReviewInstance instance, AccessReviewDefinition definition, Map<String, Integer> counts) {
  public InstanceProgress {
    counts = Map.copyOf(counts);
  }
}
