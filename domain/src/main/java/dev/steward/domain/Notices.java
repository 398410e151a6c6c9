package dev.steward.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is told what, as Entra tells them: approvers when a stage awaits them, escalation approvers
 * when it is escalated, the requestor when their request is approved, denied or expires, and the
 * user whose access is granted, about to end or ended. Requests an administrator made directly
 * (adminAdd, adminRemove) send no requestor mail; a policy may turn off the mails about the
 * assignment itself.
 */
public final class Notices {
  private Notices() {}

  /** The request's current stage has started: each of its approvers must decide. */
  public static List<Notice> stageStarted(AssignmentRequest r) {
    return r.currentStage()
        .map(s -> toApprovers(r, s, s.approvers(), Notice.Kind.APPROVAL_REQUIRED))
        .orElse(List.of());
  }

  /** What one approver's decision changes: the next stage's approvers, or the requestor. */
  public static List<Notice> decided(AssignmentRequest before, AssignmentRequest after) {
    return switch (after.state()) {
      case PENDING_APPROVAL ->
          after
                  .currentStage()
                  .map(AssignmentRequest.Stage::index)
                  .equals(before.currentStage().map(AssignmentRequest.Stage::index))
              ? List.of()
              : stageStarted(after);
      case DELIVERING, DELIVERED -> toRequestor(after, Notice.Kind.REQUEST_APPROVED, Map.of());
      case DENIED ->
          toRequestor(after, Notice.Kind.REQUEST_DENIED, Map.of("reason", lastReason(after)));
      default -> List.of();
    };
  }

  /** No decision before the current stage's deadline: the request is denied. */
  public static List<Notice> timedOut(AssignmentRequest denied) {
    return toRequestor(denied, Notice.Kind.REQUEST_EXPIRED, Map.of());
  }

  /** The current stage was escalated: its escalation approvers may decide now. */
  public static List<Notice> escalated(AssignmentRequest r) {
    return r.currentStage()
        .map(s -> toApprovers(r, s, s.escalationApprovers(), Notice.Kind.APPROVAL_ESCALATED))
        .orElse(List.of());
  }

  /** The user's access was written into the directory. */
  public static List<Notice> granted(Assignment a, boolean assignmentMailsOff) {
    return toTarget(a, Notice.Kind.ACCESS_GRANTED, "", Map.of(), assignmentMailsOff);
  }

  /**
   * The access ends in {@code days} days; {@code extendable} when the policy lets the user ask for
   * more time themselves.
   */
  public static List<Notice> endingSoon(
      Assignment a, int days, boolean extendable, boolean assignmentMailsOff) {
    return toTarget(
        a,
        Notice.Kind.ACCESS_ENDING_SOON,
        ":" + days + ":" + a.endDateTime(),
        Map.of("daysLeft", Integer.toString(days), "extendable", Boolean.toString(extendable)),
        assignmentMailsOff);
  }

  /** The access was taken out of the directory (expired or removed). */
  public static List<Notice> ended(Assignment a, boolean assignmentMailsOff) {
    return toTarget(a, Notice.Kind.ACCESS_ENDED, "", Map.of(), assignmentMailsOff);
  }

  private static List<Notice> toApprovers(
      AssignmentRequest r,
      AssignmentRequest.Stage s,
      List<PrincipalId> approvers,
      Notice.Kind kind) {
    Map<String, String> facts = requestFacts(r);
    facts.put("stage", s.id() + " of " + r.stages().size());
    facts.put("dueDateTime", text(s.dueDateTime()));
    List<Notice> out = new ArrayList<>();
    for (PrincipalId approver : approvers) {
      out.add(
          new Notice(
              kind,
              approver,
              kind.template() + ":" + r.id() + ":" + s.id() + ":" + approver,
              facts));
    }
    return out;
  }

  private static List<Notice> toRequestor(
      AssignmentRequest r, Notice.Kind kind, Map<String, String> more) {
    if (r.type().byAdministrator() || r.type().bySystem()) {
      return List.of();
    }
    Map<String, String> facts = requestFacts(r);
    facts.putAll(more);
    return List.of(new Notice(kind, r.requestorId(), kind.template() + ":" + r.id(), facts));
  }

  private static List<Notice> toTarget(
      Assignment a, Notice.Kind kind, String keySuffix, Map<String, String> more, boolean off) {
    if (off) {
      return List.of();
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("assignmentId", a.id().value());
    facts.put("packageId", a.accessPackageId().value());
    facts.put("policyId", a.policyId().value());
    facts.put("targetId", a.targetId().value());
    facts.put("endDateTime", text(a.endDateTime()));
    facts.putAll(more);
    return List.of(
        new Notice(kind, a.targetId(), kind.template() + ":" + a.id() + keySuffix, facts));
  }

  private static Map<String, String> requestFacts(AssignmentRequest r) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("requestId", r.id().value());
    facts.put("requestType", r.type().apiName());
    facts.put("packageId", r.accessPackageId().value());
    facts.put("requestorId", r.requestorId().value());
    facts.put("targetId", r.targetId().value());
    facts.put("justification", r.justification() == null ? "" : r.justification());
    if (!r.answers().isEmpty()) {
      StringBuilder answers = new StringBuilder();
      for (Answer a : r.answers()) {
        answers.append(a.questionText()).append(": ").append(a.displayValue()).append('\n');
      }
      facts.put("answers", answers.toString().strip());
    }
    return facts;
  }

  private static String lastReason(AssignmentRequest r) {
    String reason = "";
    for (AssignmentRequest.Stage s : r.stages()) {
      if (s.completed() && s.reviewJustification() != null) {
        reason = s.reviewJustification();
      }
    }
    return reason;
  }

  private static String text(Instant t) {
    return t == null ? "" : t.toString();
  }
}
