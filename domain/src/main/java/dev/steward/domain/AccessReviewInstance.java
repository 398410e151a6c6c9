package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of an access review (Graph's accessReviewInstance): reviewers decide between {@code
 * start} and {@code end}; then it is completed and its decisions applied.
 */
public record AccessReviewInstance(
    String id,
    String definitionId,
    CatalogId catalogId,
    int index,
    Instant startDateTime,
    Instant endDateTime,
    Status status,
    Instant appliedDateTime) {
  /** Graph's instance statuses that Steward goes through. */
  public enum Status {
    NOT_STARTED("NotStarted"),
    IN_PROGRESS("InProgress"),
    COMPLETED("Completed"),
    APPLYING("Applying"),
    APPLIED("Applied");

    private final String apiName;

    Status(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }
  }

  public AccessReviewInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definitionId, "definitionId");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(status, "status");
  }

  public boolean inProgress() {
    return status == Status.IN_PROGRESS;
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  /** Ended (by its end date or stopped): no more decisions; {@code end} becomes now if earlier. */
  public AccessReviewInstance completed(Instant now) {
    return new AccessReviewInstance(
        id,
        definitionId,
        catalogId,
        index,
        startDateTime,
        endDateTime.isAfter(now) ? now : endDateTime,
        Status.COMPLETED,
        null);
  }

  public AccessReviewInstance applied(Instant now) {
    return new AccessReviewInstance(
        id, definitionId, catalogId, index, startDateTime, endDateTime, Status.APPLIED, now);
  }

  /** Refuses a decision unless the instance is running. */
  public void requireInProgress() {
    if (!inProgress()) {
      throw DomainException.invalid(
          "status", "the review instance is " + status.apiName() + "; decisions are closed");
    }
  }
}
