package dev.steward.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's access through one access package: delivered into the directory, and taken out again
 * when it expires or is removed.
 *
 * @param endDateTime when access ends, or null for never
 * @param deliveryError what the directory said when delivery or removal last failed, or null
 */
public record Assignment(
    AssignmentId id,
    AccessPackageId accessPackageId,
    PolicyId policyId,
    CatalogId catalogId,
    PrincipalId targetId,
    State state,
    Instant startDateTime,
    Instant endDateTime,
    Instant expiredDateTime,
    String deliveryError,
    Instant createdDateTime,
    Instant modifiedDateTime,
    String notificationStatus) {

  /** Where an assignment is in its life. */
  public enum State {
    DELIVERING("delivering"),
    DELIVERED("delivered"),
    DELIVERY_FAILED("deliveryFailed"),
    /** Access is being taken out of the directory (expiry or removal in progress). */
    REMOVING("removing"),
    EXPIRED("expired");

    private final String apiName;

    State(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static State parse(String value) {
      for (State s : values()) {
        if (s.apiName.equals(value)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown assignment state " + value);
    }
  }

  /** Graph's status once the user was told their access ends in a day. */
  public static final String NEAR_EXPIRY_1_DAY = "NearExpiry1DayNotificationTriggered";

  /** Graph's status once the user was told their access ended. */
  public static final String EXPIRED_NOTIFIED = "ExpiredNotificationTriggered";

  /** An assignment nobody has been told anything about yet. */
  public Assignment(
      AssignmentId id,
      AccessPackageId accessPackageId,
      PolicyId policyId,
      CatalogId catalogId,
      PrincipalId targetId,
      State state,
      Instant startDateTime,
      Instant endDateTime,
      Instant expiredDateTime,
      String deliveryError,
      Instant createdDateTime,
      Instant modifiedDateTime) {
    this(
        id,
        accessPackageId,
        policyId,
        catalogId,
        targetId,
        state,
        startDateTime,
        endDateTime,
        expiredDateTime,
        deliveryError,
        createdDateTime,
        modifiedDateTime,
        null);
  }

  public Assignment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accessPackageId, "accessPackageId");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startDateTime, "startDateTime");
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    Objects.requireNonNull(modifiedDateTime, "modifiedDateTime");
  }

  /** Whether the user holds (or is about to hold) the access. */
  public boolean isActive() {
    return state == State.DELIVERING || state == State.DELIVERED || state == State.DELIVERY_FAILED;
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  public Assignment withState(State newState, String error, Instant now) {
    return copy(
        newState,
        endDateTime,
        newState == State.EXPIRED ? now : expiredDateTime,
        error,
        now,
        notificationStatus);
  }

  /** A new end; whatever the user was told about the old end no longer holds. */
  public Assignment withEnd(Instant newEnd, Instant now) {
    return copy(state, newEnd, expiredDateTime, deliveryError, now, null);
  }

  /** Records what the user was last told about the end of this access (Graph's status). */
  public Assignment withNotificationStatus(String status, Instant now) {
    return copy(state, endDateTime, expiredDateTime, deliveryError, now, status);
  }

  private Assignment copy(
      State newState, Instant end, Instant expired, String error, Instant modified, String status) {
    return new Assignment(
        id,
        accessPackageId,
        policyId,
        catalogId,
        targetId,
        newState,
        startDateTime,
        end,
        expired,
        error,
        createdDateTime,
        modified,
        status);
  }
}
