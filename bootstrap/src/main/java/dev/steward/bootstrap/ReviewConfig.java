package dev.steward.bootstrap;

/**
 * Access review settings: {@code STEWARD_REVIEW_NO_LOGON_DAYS} — after how many days without a
 * logon (where the directory records one, as Active Directory's lastLogonTimestamp does) the
 * recommendation is Deny; 0 turns that off. 90 by default.
 */
record ReviewConfig(int noLogonDays) {
  ReviewConfig {
    if (noLogonDays < 0 || noLogonDays > 3650) {
      throw new IllegalArgumentException("STEWARD_REVIEW_NO_LOGON_DAYS must be 0 to 3650");
    }
  }

  static ReviewConfig from(Config config) {
    return new ReviewConfig(config.getInt("STEWARD_REVIEW_NO_LOGON_DAYS", 90));
  }
}
