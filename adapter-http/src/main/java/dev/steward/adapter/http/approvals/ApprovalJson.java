package dev.steward.adapter.http.approvals;

import static dev.steward.adapter.http.GraphJson.text;

import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.PrincipalId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** A request's approval and its stages in Graph's approval and approvalStage shapes. */
final class ApprovalJson {
  private ApprovalJson() {}

  static JsonObject approval(AssignmentRequest r, PrincipalId me) {
    return new JsonObject().put("id", r.id().value()).put("stages", stages(r, me));
  }

  static JsonArray stages(AssignmentRequest r, PrincipalId me) {
    JsonArray a = new JsonArray();
    Optional<AssignmentRequest.Stage> current = r.currentStage();
    for (AssignmentRequest.Stage s : r.stages()) {
      String status =
          s.completed()
              ? "Completed"
              : current.filter(c -> c.index() == s.index()).isPresent()
                  ? "InProgress"
                  : r.isFinished() || r.state() == AssignmentRequest.State.DENIED
                      ? "Expired"
                      : "NotStarted";
      a.add(
          new JsonObject()
              .put("id", s.id())
              .put("displayName", "Stage " + s.id())
              .put("status", status)
              .put(
                  "assignedToMe",
                  current.filter(c -> c.index() == s.index()).isPresent()
                      && s.approvers().contains(me))
              .put("reviewResult", s.review().apiName())
              .put("justification", s.reviewJustification())
              .put(
                  "reviewedBy",
                  s.reviewedBy() == null
                      ? null
                      : new JsonObject().put("id", s.reviewedBy().value()))
              .put("reviewedDateTime", text(s.reviewedDateTime()))
              .put("dueDateTime", text(s.dueDateTime()))
              .put("escalated", s.escalated()));
    }
    return a;
  }
}
