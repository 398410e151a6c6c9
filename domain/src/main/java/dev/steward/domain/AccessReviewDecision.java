package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One user's access under review in one instance (Graph's accessReviewInstanceDecisionItem): who
 * may decide, what the directory suggests, what a reviewer decided and what applying it did.
 *
 * @param resourceId the assignment (package reviews) or the group (group reviews)
 * @param reviewers who may decide it, resolved when the instance started
 * @param recommendationReason why the recommendation is what it is, for reviewers
 */
public record AccessReviewDecision(
    String id,
    String instanceId,
    String definitionId,
    PrincipalId principalId,
    String principalName,
    String principalLogin,
    String resourceId,
    String resourceName,
    Set<PrincipalId> reviewers,
    Recommendation recommendation,
    String recommendationReason,
    Verdict decision,
    String justification,
    PrincipalId reviewedBy,
    Instant reviewedDateTime,
    ApplyResult applyResult,
    PrincipalId appliedBy,
    Instant appliedDateTime) {
  /** What a reviewer decided. */
  public enum Verdict {
    NOT_REVIEWED("NotReviewed"),
    APPROVE("Approve"),
    DENY("Deny"),
    DONT_KNOW("DontKnow");

    private final String apiName;

    Verdict(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    /** A reviewer's answer: Approve, Deny or DontKnow. */
    public static Verdict parse(String apiName) {
      for (Verdict v : values()) {
        if (v != NOT_REVIEWED && v.apiName.equals(apiName)) {
          return v;
        }
      }
      throw DomainException.invalid("decision", "'decision' must be Approve, Deny or DontKnow");
    }

    public static Verdict of(String apiName) {
      for (Verdict v : values()) {
        if (v.apiName.equals(apiName)) {
          return v;
        }
      }
      throw new IllegalArgumentException(apiName);
    }
  }

  /** What the directory suggests. */
  public enum Recommendation {
    APPROVE("Approve"),
    DENY("Deny"),
    NO_INFO("NoInfoAvailable");

    private final String apiName;

    Recommendation(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static Recommendation of(String apiName) {
      for (Recommendation r : values()) {
        if (r.apiName.equals(apiName)) {
          return r;
        }
      }
      throw new IllegalArgumentException(apiName);
    }
  }

  /** What applying the decision did, as Graph names it. */
  public enum ApplyResult {
    NEW("New"),
    APPLIED_SUCCESSFULLY("AppliedSuccessfully"),
    APPLIED_WITH_UNKNOWN_FAILURE("AppliedWithUnknownFailure"),
    APPLIED_SUCCESSFULLY_BUT_OBJECT_NOT_FOUND("AppliedSuccessfullyButObjectNotFound"),
    APPLY_NOT_SUPPORTED("ApplyNotSupported");

    private final String apiName;

    ApplyResult(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static ApplyResult of(String apiName) {
      for (ApplyResult r : values()) {
        if (r.apiName.equals(apiName)) {
          return r;
        }
      }
      throw new IllegalArgumentException(apiName);
    }
  }

  public AccessReviewDecision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(recommendation, "recommendation");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(applyResult, "applyResult");
    reviewers = Set.copyOf(reviewers);
    principalName = principalName == null ? "" : principalName;
    principalLogin = principalLogin == null ? "" : principalLogin;
    resourceName = resourceName == null ? "" : resourceName;
    recommendationReason = recommendationReason == null ? "" : recommendationReason;
    justification = justification == null ? "" : justification;
  }

  public boolean isReviewer(PrincipalId who) {
    return reviewers.contains(who);
  }

  /**
   * A reviewer's decision. Only the item's reviewers decide; nobody decides on their own access
   * unless the review is a self-review; a required justification must be given.
   */
  public AccessReviewDecision decide(
      PrincipalId reviewer,
      Verdict verdict,
      String reason,
      boolean selfReview,
      boolean justificationRequired,
      Instant now) {
    if (!isReviewer(reviewer)) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "Only this item's reviewers may decide it");
    }
    if (reviewer.equals(principalId) && !selfReview) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "Nobody reviews their own access in this review");
    }
    String text = reason == null ? "" : reason.strip();
    if (justificationRequired && text.isEmpty() && verdict != Verdict.NOT_REVIEWED) {
      throw DomainException.invalid("justification", "This review requires a justification");
    }
    if (text.length() > 2000) {
      throw DomainException.invalid("justification", "'justification' is longer than 2000");
    }
    return new AccessReviewDecision(
        id,
        instanceId,
        definitionId,
        principalId,
        principalName,
        principalLogin,
        resourceId,
        resourceName,
        reviewers,
        recommendation,
        recommendationReason,
        verdict,
        text,
        reviewer,
        now,
        applyResult,
        appliedBy,
        appliedDateTime);
  }

  /** What applying does to an item: remove the access or keep it. */
  public boolean removes(AccessReviewDefinition.Behaviour behaviour) {
    return switch (decision) {
      case DENY -> true;
      case APPROVE -> false;
      case NOT_REVIEWED, DONT_KNOW ->
          switch (behaviour) {
            case KEEP_ACCESS -> false;
            case REMOVE_ACCESS -> true;
            case ACCEPT_RECOMMENDATION -> recommendation == Recommendation.DENY;
          };
    };
  }

  public AccessReviewDecision applied(ApplyResult result, PrincipalId by, Instant now) {
    return new AccessReviewDecision(
        id,
        instanceId,
        definitionId,
        principalId,
        principalName,
        principalLogin,
        resourceId,
        resourceName,
        reviewers,
        recommendation,
        recommendationReason,
        decision,
        justification,
        reviewedBy,
        reviewedDateTime,
        result,
        by,
        now);
  }
}
