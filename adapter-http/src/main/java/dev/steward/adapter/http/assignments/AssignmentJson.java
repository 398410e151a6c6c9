package dev.steward.adapter.http.assignments;

import static dev.steward.adapter.http.GraphJson.text;

import dev.steward.domain.Assignment;
import io.vertx.core.json.JsonObject;

/** Assignments in Graph's accessPackageAssignment shape. */
final class AssignmentJson {
  private AssignmentJson() {}

  static JsonObject assignment(Assignment a) {
    JsonObject expiration =
        a.endDateTime() == null
            ? new JsonObject().put("type", "noExpiration")
            : new JsonObject()
                .put("type", "afterDateTime")
                .put("endDateTime", a.endDateTime().toString());
    return new JsonObject()
        .put("id", a.id().value())
        .put("state", a.state() == Assignment.State.REMOVING ? "delivering" : a.state().apiName())
        .put(
            "status",
            a.state() == Assignment.State.REMOVING
                ? "Removing"
                : a.deliveryError() != null
                    ? "DeliveryFailed"
                    : a.notificationStatus() != null ? a.notificationStatus() : "Delivered")
        .put("deliveryError", a.deliveryError())
        .put("expiredDateTime", text(a.expiredDateTime()))
        .put(
            "schedule",
            new JsonObject()
                .put("startDateTime", a.startDateTime().toString())
                .put("expiration", expiration))
        .put("target", new JsonObject().put("objectId", a.targetId().value()))
        .put("accessPackage", new JsonObject().put("id", a.accessPackageId().value()))
        .put("assignmentPolicy", new JsonObject().put("id", a.policyId().value()))
        .put("catalog", new JsonObject().put("id", a.catalogId().value()));
  }
}
