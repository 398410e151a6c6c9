package dev.steward.domain;

import java.time.Duration;

/**
 * Graph's {@code automaticRequestSettings}: Steward itself requests access for every user the
 * policy's attribute rule matches, and (when asked) removes it a grace period after they stop
 * matching.
 */
public record AutomaticRequestSettings(
    boolean requestAccessForAllowedTargets,
    boolean removeAccessWhenTargetLeavesAllowedTargets,
    Duration gracePeriodBeforeAccessRemoval) {
  public static final Duration MAX_GRACE = Duration.ofDays(365);

  public AutomaticRequestSettings {
    if (gracePeriodBeforeAccessRemoval != null
        && (gracePeriodBeforeAccessRemoval.isNegative()
            || gracePeriodBeforeAccessRemoval.compareTo(MAX_GRACE) > 0)) {
      throw DomainException.invalid(
          "automaticRequestSettings.gracePeriodBeforeAccessRemoval",
          "'automaticRequestSettings.gracePeriodBeforeAccessRemoval' must be from PT0S to P365D");
    }
  }

  /** How long a user who stopped matching keeps access: none when no grace period is set. */
  public Duration grace() {
    return gracePeriodBeforeAccessRemoval == null ? Duration.ZERO : gracePeriodBeforeAccessRemoval;
  }
}
