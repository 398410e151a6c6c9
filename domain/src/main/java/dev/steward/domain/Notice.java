package dev.steward.domain;

import java.util.Map;
import java.util.Objects;

/**
 * Something a person must be told: which mail, to whom, about what. Two notices with the same
 * {@code dedupeKey} are one: the second is never sent.
 *
 * @param facts ids, dates and texts the mail is built from (never names: those are read when the
 *     mail is sent, so a renamed package or person shows as they are then)
 */
public record Notice(
    Kind kind, PrincipalId recipient, String dedupeKey, Map<String, String> facts) {
  /** Entra's kinds of entitlement-management mail that Steward sends. */
  public enum Kind {
    APPROVAL_REQUIRED("approvalRequired"),
    APPROVAL_ESCALATED("approvalEscalated"),
    REQUEST_APPROVED("requestApproved"),
    REQUEST_DENIED("requestDenied"),
    REQUEST_EXPIRED("requestExpired"),
    ACCESS_GRANTED("accessGranted"),
    ACCESS_ENDING_SOON("accessEndingSoon"),
    ACCESS_ENDED("accessEnded"),
    ACCESS_REVIEW_STARTED("accessReviewStarted"),
    ACCESS_REVIEW_REMINDER("accessReviewReminder");

    private final String template;

    Kind(String template) {
      this.template = template;
    }

    /** The name of the mail's template. */
    public String template() {
      return template;
    }

    public static Kind ofTemplate(String template) {
      for (Kind k : values()) {
        if (k.template.equals(template)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown notice kind " + template);
    }
  }

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    facts = Map.copyOf(facts);
  }
}
