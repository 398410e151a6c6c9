package dev.steward.adapter.http.requests;

import static dev.steward.adapter.http.GraphJson.text;

import dev.steward.domain.AssignmentRequest;
import io.vertx.core.json.JsonObject;

/** Assignment requests in Graph's accessPackageAssignmentRequest shape. */
final class RequestJson {
  private RequestJson() {}

  static JsonObject request(AssignmentRequest r) {
    return new JsonObject()
        .put("id", r.id().value())
        .put("requestType", r.type().apiName())
        .put("state", r.state().apiName())
        .put("status", r.status())
        .put("justification", r.justification())
        .put("createdDateTime", r.createdDateTime().toString())
        .put("completedDateTime", text(r.completedDateTime()))
        .put("requestor", new JsonObject().put("objectId", r.requestorId().value()))
        .put("target", new JsonObject().put("objectId", r.targetId().value()))
        .put("accessPackage", new JsonObject().put("id", r.accessPackageId().value()))
        .put(
            "assignment",
            new JsonObject()
                .put("id", r.assignmentId() == null ? null : r.assignmentId().value())
                .put("targetId", r.targetId().value())
                .put("accessPackageId", r.accessPackageId().value())
                .put("assignmentPolicyId", r.policyId() == null ? null : r.policyId().value()))
        .put("answers", AnswersJson.write(r.answers()));
  }
}
