package dev.steward.application.port.out.extensions;

import dev.steward.domain.CustomExtension;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One call of a custom extension at one stage of one request (Graph's
 * customExtensionCalloutInstance), and the answer if one came.
 *
 * @param id the customExtensionStageInstanceId the outside system answers with
 * @param requestId the request the call is about, or null for a call about an assignment
 * @param assignmentId the assignment the call is about (the expiry stages), or null
 * @param timeoutAt when a waiting request gives up on the answer; null when nothing waits
 * @param detail what the answer said (customExtensionStageInstanceDetail), or the last error
 * @param sentAt when the webhook was accepted by the endpoint, or null
 * @param answeredAt when the answer (or the timeout) came, or null
 */
public record Callout(
    String id,
    String requestId,
    String assignmentId,
    String extensionId,
    CustomExtension.Stage stage,
    Status status,
    Instant timeoutAt,
    String detail,
    Instant createdAt,
    Instant sentAt,
    Instant answeredAt) {

  /**
   * Graph's customExtensionCalloutInstanceStatus, and {@code calloutPending} before the first try.
   */
  public enum Status {
    CALLOUT_PENDING,
    CALLOUT_SENT,
    CALLOUT_FAILED,
    WAITING_FOR_CALLBACK,
    CALLBACK_RECEIVED,
    CALLBACK_TIMED_OUT;

    public String apiName() {
      String[] parts = name().toLowerCase(Locale.ROOT).split("_");
      StringBuilder b = new StringBuilder(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
      }
      return b.toString();
    }

    public static Status parse(String apiName) {
      for (Status s : values()) {
        if (s.apiName().equals(apiName)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown callout status " + apiName);
    }
  }

  public Callout {
    Objects.requireNonNull(id, "id");
    if (requestId == null && assignmentId == null) {
      throw new IllegalArgumentException("a call is about a request or an assignment");
    }
    Objects.requireNonNull(extensionId, "extensionId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean waiting() {
    return status == Status.WAITING_FOR_CALLBACK;
  }

  public Callout with(Status newStatus, String newDetail, Instant answered) {
    return new Callout(
        id,
        requestId,
        assignmentId,
        extensionId,
        stage,
        newStatus,
        timeoutAt,
        newDetail,
        createdAt,
        sentAt,
        answered);
  }

  public Callout sent(Instant at) {
    return new Callout(
        id,
        requestId,
        assignmentId,
        extensionId,
        stage,
        status == Status.CALLOUT_PENDING ? Status.CALLOUT_SENT : status,
        timeoutAt,
        detail,
        createdAt,
        at,
        answeredAt);
  }
}
