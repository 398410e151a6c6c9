package dev.steward.application.port.in.reviews;

import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ReviewSchedule;
import dev.steward.domain.SubjectSet;
import java.util.List;
import java.util.Objects;

/** A review of a directory group's members, as {@code POST …/accessReviews/definitions} asks. */
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
    ReviewSchedule schedule) {
  public GroupReviewDraft {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(schedule, "schedule");
    reviewers = List.copyOf(reviewers);
    fallbackReviewers = List.copyOf(fallbackReviewers);
  }
}
