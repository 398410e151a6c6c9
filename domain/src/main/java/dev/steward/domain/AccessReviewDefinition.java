package dev.steward.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An access review as Graph's accessReviewScheduleDefinition: what is reviewed (the assignments of
 * an access package, from its policy's {@code reviewSettings}, or the members of a directory group
 * that is a catalog resource), by whom, how, and when its instances run.
 *
 * @param policyId the policy whose review settings made it, when it reviews package assignments
 * @param resourceId the access package (package reviews) or the group (group reviews) reviewed
 * @param started how many instances have started
 */
public record AccessReviewDefinition(
    String id,
    Kind kind,
    String displayName,
    String descriptionForAdmins,
    String descriptionForReviewers,
    CatalogId catalogId,
    Optional<PolicyId> policyId,
    String resourceId,
    List<SubjectSet> reviewers,
    List<SubjectSet> fallbackReviewers,
    boolean selfReview,
    boolean justificationRequired,
    boolean recommendationsEnabled,
    Behaviour behaviour,
    boolean autoApply,
    ReviewSchedule schedule,
    PrincipalId createdBy,
    Instant createdDateTime,
    Instant lastModifiedDateTime,
    int started) {
  /** What a definition reviews. */
  public enum Kind {
    PACKAGE_ASSIGNMENTS,
    GROUP_MEMBERS
  }

  /** What becomes of access nobody reviewed when an instance ends. */
  public enum Behaviour {
    KEEP_ACCESS("keepAccess", "Approve"),
    REMOVE_ACCESS("removeAccess", "Deny"),
    ACCEPT_RECOMMENDATION("acceptAccessRecommendation", "Recommendation");

    private final String apiName;
    private final String defaultDecision;

    Behaviour(String apiName, String defaultDecision) {
      this.apiName = apiName;
      this.defaultDecision = defaultDecision;
    }

    public String apiName() {
      return apiName;
    }

    /** Graph's {@code settings.defaultDecision} for a group review. */
    public String defaultDecision() {
      return defaultDecision;
    }

    public static Behaviour parse(String apiName) {
      for (Behaviour b : values()) {
        if (b.apiName.equals(apiName)) {
          return b;
        }
      }
      throw DomainException.invalid(
          "expirationBehavior",
          "'expirationBehavior' must be keepAccess, removeAccess or acceptAccessRecommendation");
    }

    /** From a group review's {@code defaultDecision}: Approve, Deny or Recommendation. */
    public static Behaviour ofDefaultDecision(String decision) {
      for (Behaviour b : values()) {
        if (b.defaultDecision.equals(decision)) {
          return b;
        }
      }
      throw DomainException.invalid(
          "settings.defaultDecision",
          "'settings.defaultDecision' must be Approve, Deny or Recommendation");
    }
  }

  public AccessReviewDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(schedule, "schedule");
    displayName = displayName == null ? "" : displayName;
    descriptionForAdmins = descriptionForAdmins == null ? "" : descriptionForAdmins;
    descriptionForReviewers = descriptionForReviewers == null ? "" : descriptionForReviewers;
    reviewers = List.copyOf(reviewers);
    fallbackReviewers = List.copyOf(fallbackReviewers);
    if (behaviour == Behaviour.ACCEPT_RECOMMENDATION && !recommendationsEnabled) {
      throw DomainException.invalid(
          "settings.defaultDecision", "taking the recommendation needs recommendations enabled");
    }
    if (!selfReview && reviewers.isEmpty()) {
      throw DomainException.invalid("reviewers", "a review needs reviewers, or is a self-review");
    }
  }

  /** The Graph query naming what the review covers. */
  public String scopeQuery() {
    return kind == Kind.PACKAGE_ASSIGNMENTS
        ? "/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '"
            + resourceId
            + "')"
        : "/groups/" + resourceId + "/transitiveMembers";
  }

  /**
   * The definition a policy's review settings ask for, keeping the id, creation and instance count
   * of the one it had (if any); empty when the policy's reviews are off.
   */
  public static Optional<AccessReviewDefinition> forPolicy(
      AssignmentPolicy policy,
      String packageName,
      Optional<AccessReviewDefinition> existing,
      String newId,
      PrincipalId by,
      Instant now) {
    AssignmentPolicy.ReviewSettings r = policy.settings().reviewSettings();
    if (!r.isEnabled() || r.reviewSchedule().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AccessReviewDefinition(
            existing.map(AccessReviewDefinition::id).orElse(newId),
            Kind.PACKAGE_ASSIGNMENTS,
            "Review of " + packageName + " (" + policy.displayName() + ")",
            "Assignments of the access package through policy " + policy.displayName(),
            "",
            policy.catalogId(),
            Optional.of(policy.id()),
            policy.accessPackageId().value(),
            r.primaryReviewers(),
            r.fallbackReviewers(),
            r.isSelfReview(),
            r.isReviewerJustificationRequired(),
            r.isRecommendationEnabled(),
            Behaviour.parse(r.behaviourOrDefault()),
            true,
            r.reviewSchedule().get(),
            existing.map(AccessReviewDefinition::createdBy).orElse(by),
            existing.map(AccessReviewDefinition::createdDateTime).orElse(now),
            now,
            existing.map(AccessReviewDefinition::started).orElse(0)));
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  public AccessReviewDefinition withStarted(int count, Instant now) {
    return new AccessReviewDefinition(
        id,
        kind,
        displayName,
        descriptionForAdmins,
        descriptionForReviewers,
        catalogId,
        policyId,
        resourceId,
        reviewers,
        fallbackReviewers,
        selfReview,
        justificationRequired,
        recommendationsEnabled,
        behaviour,
        autoApply,
        schedule,
        createdBy,
        createdDateTime,
        now,
        count);
  }

  /** When the next instance starts; empty when the schedule has no more. */
  public Optional<Instant> nextStart() {
    return schedule.startOf(started);
  }
}
