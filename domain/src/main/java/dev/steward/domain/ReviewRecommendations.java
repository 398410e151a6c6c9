package dev.steward.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the directory suggests for one user's access: Deny when the user is disabled, is no longer
 * among the policy's allowed targets, or (where the directory records logons) has not signed in for
 * the configured number of days; Approve otherwise.
 */
public final class ReviewRecommendations {
  private ReviewRecommendations() {}

  /** The facts a recommendation is made from. */
  public record Facts(
      boolean found,
      boolean disabled,
      Optional<Boolean> inAllowedTargets,
      Optional<Instant> lastLogon) {}

  /** A recommendation and the reason shown to reviewers. */
  public record Advice(AccessReviewDecision.Recommendation recommendation, String reason) {}

  /**
   * @param noLogonDays after how many days without a logon to recommend Deny; 0 turns it off
   */
  public static Advice recommend(Facts f, int noLogonDays, Instant now) {
    if (!f.found()) {
      return new Advice(
          AccessReviewDecision.Recommendation.DENY, "The user is no longer in the directory");
    }
    if (f.disabled()) {
      return new Advice(AccessReviewDecision.Recommendation.DENY, "The user's account is disabled");
    }
    if (f.inAllowedTargets().isPresent() && !f.inAllowedTargets().get()) {
      return new Advice(
          AccessReviewDecision.Recommendation.DENY,
          "The user is no longer among those the policy lets request this access");
    }
    if (noLogonDays > 0 && f.lastLogon().isPresent()) {
      Instant last = f.lastLogon().get();
      if (Duration.between(last, now).compareTo(Duration.ofDays(noLogonDays)) > 0) {
        return new Advice(
            AccessReviewDecision.Recommendation.DENY,
            "No sign-in for more than " + noLogonDays + " days");
      }
    }
    return new Advice(
        AccessReviewDecision.Recommendation.APPROVE, "The user is active and still in scope");
  }
}
