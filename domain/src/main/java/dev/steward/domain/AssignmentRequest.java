package dev.steward.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to add, extend or remove a user's access package assignment, with the approval it goes
 * through. Its transitions are pure: each returns the request as it becomes.
 *
 * @param assignmentId the assignment it created or acts on, once known
 * @param requestedEnd for an extension: the end date asked for, or null for the policy's longest
 * @param stages the approval stages, approvers resolved when the request was submitted
 * @param status a short human-readable word on what happened last
 * @param answers the requestor's answers to the policy's questions, checked when submitted
 */
public record AssignmentRequest(
    RequestId id,
    Type type,
    State state,
    AccessPackageId accessPackageId,
    PolicyId policyId,
    CatalogId catalogId,
    PrincipalId requestorId,
    PrincipalId targetId,
    AssignmentId assignmentId,
    String justification,
    Instant requestedEnd,
    List<Stage> stages,
    String status,
    Instant createdDateTime,
    Instant completedDateTime,
    List<Answer> answers) {

  /** A request without answers. */
  public AssignmentRequest(
      RequestId id,
      Type type,
      State state,
      AccessPackageId accessPackageId,
      PolicyId policyId,
      CatalogId catalogId,
      PrincipalId requestorId,
      PrincipalId targetId,
      AssignmentId assignmentId,
      String justification,
      Instant requestedEnd,
      List<Stage> stages,
      String status,
      Instant createdDateTime,
      Instant completedDateTime) {
    this(
        id,
        type,
        state,
        accessPackageId,
        policyId,
        catalogId,
        requestorId,
        targetId,
        assignmentId,
        justification,
        requestedEnd,
        stages,
        status,
        createdDateTime,
        completedDateTime,
        List.of());
  }

  /** The same request carrying these answers. */
  public AssignmentRequest withAnswers(List<Answer> newAnswers) {
    return new AssignmentRequest(
        id,
        type,
        state,
        accessPackageId,
        policyId,
        catalogId,
        requestorId,
        targetId,
        assignmentId,
        justification,
        requestedEnd,
        stages,
        status,
        createdDateTime,
        completedDateTime,
        newAnswers);
  }

  /** Graph's request types. */
  public enum Type {
    USER_ADD("userAdd"),
    USER_REMOVE("userRemove"),
    USER_EXTEND("userExtend"),
    ADMIN_ADD("adminAdd"),
    ADMIN_REMOVE("adminRemove"),
    /** Raised by Steward for a user an automatic policy's rule matches. */
    SYSTEM_ADD("systemAdd"),
    /** Raised by Steward for a user who stopped matching an automatic policy's rule. */
    SYSTEM_REMOVE("systemRemove");

    private final String apiName;

    Type(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public boolean adds() {
      return this == USER_ADD || this == ADMIN_ADD || this == SYSTEM_ADD;
    }

    public boolean removes() {
      return this == USER_REMOVE || this == ADMIN_REMOVE || this == SYSTEM_REMOVE;
    }

    public boolean byAdministrator() {
      return this == ADMIN_ADD || this == ADMIN_REMOVE;
    }

    /** Raised by Steward itself, never by a caller. */
    public boolean bySystem() {
      return this == SYSTEM_ADD || this == SYSTEM_REMOVE;
    }

    public static Type parse(String value) {
      for (Type t : values()) {
        if (t.apiName.equals(value)) {
          return t;
        }
      }
      throw DomainException.invalid(
          "requestType",
          "'requestType' must be userAdd, userRemove, userExtend, adminAdd or adminRemove"
              + " (systemAdd and systemRemove are raised by Steward itself)");
    }
  }

  /** Graph's request states. */
  public enum State {
    SUBMITTED("submitted"),
    PENDING_APPROVAL("pendingApproval"),
    DELIVERING("delivering"),
    DELIVERED("delivered"),
    DELIVERY_FAILED("deliveryFailed"),
    DENIED("denied"),
    SCHEDULED("scheduled"),
    CANCELED("canceled");

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
      throw new IllegalArgumentException("unknown request state " + value);
    }
  }

  /** What a stage's reviewers decided. */
  public enum Review {
    NOT_REVIEWED("NotReviewed"),
    APPROVE("Approve"),
    DENY("Deny");

    private final String apiName;

    Review(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static Review parse(String value) {
      if ("Approve".equals(value)) {
        return APPROVE;
      }
      if ("Deny".equals(value)) {
        return DENY;
      }
      throw DomainException.invalid("reviewResult", "'reviewResult' must be Approve or Deny");
    }
  }

  /**
   * One approval stage as it runs.
   *
   * @param approvers the users who may decide now (escalation approvers join when it escalates)
   * @param dueDateTime when the stage is denied automatically (set when the stage starts)
   * @param escalateDateTime when escalation approvers join, or null
   */
  public record Stage(
      int index,
      List<PrincipalId> approvers,
      List<PrincipalId> escalationApprovers,
      boolean escalated,
      boolean justificationRequired,
      java.time.Duration decisionTime,
      java.time.Duration escalationTime,
      Instant dueDateTime,
      Instant escalateDateTime,
      Review review,
      PrincipalId reviewedBy,
      String reviewJustification,
      Instant reviewedDateTime) {
    public Stage {
      approvers = List.copyOf(approvers);
      escalationApprovers = List.copyOf(escalationApprovers);
      Objects.requireNonNull(review, "review");
    }

    /** The stage's id in the API: its number, from 1. */
    public String id() {
      return Integer.toString(index + 1);
    }

    public boolean started() {
      return dueDateTime != null;
    }

    public boolean completed() {
      return review != Review.NOT_REVIEWED;
    }

    Stage start(Instant now) {
      return new Stage(
          index,
          approvers,
          escalationApprovers,
          false,
          justificationRequired,
          decisionTime,
          escalationTime,
          now.plus(decisionTime),
          escalationTime == null ? null : now.plus(escalationTime),
          review,
          null,
          null,
          null);
    }

    Stage decided(Review result, PrincipalId by, String justification, Instant now) {
      return new Stage(
          index,
          approvers,
          escalationApprovers,
          escalated,
          justificationRequired,
          decisionTime,
          escalationTime,
          dueDateTime,
          escalateDateTime,
          result,
          by,
          justification,
          now);
    }

    Stage escalate() {
      List<PrincipalId> all = new ArrayList<>(approvers);
      escalationApprovers.stream().filter(p -> !all.contains(p)).forEach(all::add);
      return new Stage(
          index,
          all,
          escalationApprovers,
          true,
          justificationRequired,
          decisionTime,
          escalationTime,
          dueDateTime,
          escalateDateTime,
          review,
          reviewedBy,
          reviewJustification,
          reviewedDateTime);
    }
  }

  public AssignmentRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(accessPackageId, "accessPackageId");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(requestorId, "requestorId");
    Objects.requireNonNull(targetId, "targetId");
    stages = List.copyOf(stages);
    justification = justification == null ? "" : justification;
    status = status == null ? "" : status;
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    answers = answers == null ? List.of() : List.copyOf(answers);
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  public boolean isFinished() {
    return state == State.DELIVERED || state == State.DENIED || state == State.CANCELED;
  }

  /** The stage awaiting a decision, if any. */
  public java.util.Optional<Stage> currentStage() {
    if (state != State.PENDING_APPROVAL) {
      return java.util.Optional.empty();
    }
    return stages.stream().filter(s -> s.started() && !s.completed()).findFirst();
  }

  private AssignmentRequest with(
      State newState,
      List<Stage> newStages,
      String newStatus,
      AssignmentId assignment,
      Instant completed) {
    return new AssignmentRequest(
        id,
        type,
        newState,
        accessPackageId,
        policyId,
        catalogId,
        requestorId,
        targetId,
        assignment,
        justification,
        requestedEnd,
        newStages,
        newStatus,
        createdDateTime,
        completed,
        answers);
  }

  /** Starts the first stage, or goes straight to delivery when no approval is needed. */
  public AssignmentRequest submitted(Instant now) {
    if (stages.isEmpty()) {
      return with(State.DELIVERING, stages, "Accepted", assignmentId, null);
    }
    List<Stage> next = new ArrayList<>(stages);
    next.set(0, stages.get(0).start(now));
    return with(State.PENDING_APPROVAL, next, "PendingApproval", assignmentId, null);
  }

  /**
   * Records one approver's decision on the current stage: a denial ends the request; an approval
   * starts the next stage or, after the last, sends the request to delivery.
   */
  public AssignmentRequest decide(
      String stageId, PrincipalId approver, Review result, String reason, Instant now) {
    Stage stage =
        currentStage()
            .orElseThrow(
                () ->
                    new DomainException(
                        DomainException.Reason.REQUEST_NOT_PENDING,
                        "Request '" + id + "' is not awaiting approval"));
    if (!stage.id().equals(stageId)) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_PENDING,
          "Stage " + stageId + " of request '" + id + "' is not the stage awaiting a decision");
    }
    if (approver.equals(requestorId) || approver.equals(targetId)) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "Nobody approves their own request");
    }
    if (!stage.approvers().contains(approver)) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "The caller is not an approver of this stage");
    }
    if (stage.justificationRequired() && (reason == null || reason.isBlank())) {
      throw DomainException.invalid(
          "justification", "This stage needs a justification from the approver");
    }
    List<Stage> next = new ArrayList<>(stages);
    next.set(stage.index(), stage.decided(result, approver, reason, now));
    if (result == Review.DENY) {
      return with(State.DENIED, next, "Denied", assignmentId, now);
    }
    if (stage.index() + 1 < stages.size()) {
      next.set(stage.index() + 1, stages.get(stage.index() + 1).start(now));
      return with(State.PENDING_APPROVAL, next, "PendingApproval", assignmentId, null);
    }
    return with(State.DELIVERING, next, "Approved", assignmentId, null);
  }

  /** The current stage's deadline passed: the request is denied. */
  public AssignmentRequest timedOut(Instant now) {
    Stage stage = currentStage().orElseThrow();
    List<Stage> next = new ArrayList<>(stages);
    next.set(
        stage.index(), stage.decided(Review.DENY, null, "No decision before the deadline", now));
    return with(State.DENIED, next, "TimedOut", assignmentId, now);
  }

  /** The current stage's escalation time passed: its escalation approvers may decide too. */
  public AssignmentRequest escalated() {
    Stage stage = currentStage().orElseThrow();
    List<Stage> next = new ArrayList<>(stages);
    next.set(stage.index(), stage.escalate());
    return with(state, next, "Escalated", assignmentId, null);
  }

  public AssignmentRequest canceled(Instant now) {
    if (state != State.PENDING_APPROVAL && state != State.SUBMITTED) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_PENDING,
          "Only a request awaiting approval can be canceled; this one is " + state.apiName());
    }
    return with(State.CANCELED, stages, "Canceled", assignmentId, now);
  }

  public AssignmentRequest delivered(AssignmentId assignment, Instant now) {
    return with(State.DELIVERED, stages, "Delivered", assignment, now);
  }

  public AssignmentRequest deliveryFailed(AssignmentId assignment, String error) {
    return with(State.DELIVERY_FAILED, stages, error, assignment, null);
  }

  public AssignmentRequest delivering(AssignmentId assignment) {
    return with(State.DELIVERING, stages, "Delivering", assignment, null);
  }

  /**
   * The request is held, before any approval stage starts, until the outside system called at
   * {@code assignmentRequestCreated} answers.
   */
  public AssignmentRequest awaitingCustomExtension() {
    return with(State.SUBMITTED, stages, "WaitingForCustomExtension", assignmentId, null);
  }

  /**
   * The request is approved (in every stage, or it needed none) and held, before delivery, until
   * the outside system called at {@code assignmentRequestApproved} answers. It shows as the created
   * stage's hold does; the call it waits for names the stage.
   */
  public AssignmentRequest awaitingCustomExtensionAfterApproval() {
    if (state != State.DELIVERING || !approvedInEveryStage()) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_PENDING,
          "Request '" + id + "' is not approved; it is " + state.apiName());
    }
    return with(State.SUBMITTED, stages, "WaitingForCustomExtension", assignmentId, null);
  }

  /** The extension called at {@code assignmentRequestApproved} answered: on to delivery. */
  public AssignmentRequest resumedAfterApproval() {
    if (!isAwaitingCustomExtension() || !approvedInEveryStage()) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_PENDING,
          "Request '" + id + "' is not held after its approval");
    }
    return with(State.DELIVERING, stages, "Approved", assignmentId, null);
  }

  private boolean approvedInEveryStage() {
    return stages.stream().allMatch(s -> s.review() == Review.APPROVE);
  }

  /** Whether the request is held for a custom extension's answer. */
  public boolean isAwaitingCustomExtension() {
    return state == State.SUBMITTED && "WaitingForCustomExtension".equals(status);
  }

  /** The custom extension answered {@code denied}: the request ends denied. */
  public AssignmentRequest deniedByCustomExtension(Instant now) {
    return with(State.DENIED, stages, "DeniedByCustomExtension", assignmentId, now);
  }

  /**
   * The custom extension did not answer in time: the request ends failed, saying why. A request for
   * new access never got its assignment; an extension keeps naming the assignment it would have
   * extended, which stays as it was.
   */
  public AssignmentRequest customExtensionTimedOut(Instant now) {
    return with(
        State.DELIVERY_FAILED,
        stages,
        "CustomExtensionCallbackTimedOut",
        type == Type.USER_EXTEND ? assignmentId : null,
        now);
  }
}
