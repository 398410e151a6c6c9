package dev.steward.application.port.in.reviews;

import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.SubjectSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A review of a directory group's members, as {@code POST …/accessReviews/definitions} asks; the
 * first instance starts when it is created, or on the recurrence range's {@code startDate}.
 *
 * @param recurrence Graph's patternedRecurrence, empty for a one-time review
 */
public record GroupReviewDraft(
    String displayName,
    String descriptionForAdmins,
    String descriptionForReviewers,
    PrincipalId group,
    List<SubjectSet> reviewers,
    List<SubjectSet> fallbackReviewers,
    boolean justificationRequired,
    boolean recommendationsEnabled,
    AccessReviewDefinition.Behaviour behaviour,
    boolean autoApply,
    Map<String, Object> recurrence,
    int instanceDurationInDays) {
  public GroupReviewDraft {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(behaviour, "behaviour");
    recurrence = recurrence == null ? Map.of() : Map.copyOf(recurrence);
    reviewers = List.copyOf(reviewers);
    fallbackReviewers = List.copyOf(fallbackReviewers);
  }
}
