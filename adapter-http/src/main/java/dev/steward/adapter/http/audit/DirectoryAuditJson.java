package dev.steward.adapter.http.audit;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase.AuditEntry;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.ChainVerification;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** An audit record in Graph's {@code directoryAudit} shape, with Entra's activity names. */
final class DirectoryAuditJson {
  static final String CATEGORY = "EntitlementManagement";
  private static final String SERVICE = "Entitlement Management";

  /** Entra's activity display name of each action Steward records. */
  static final Map<String, String> ACTIVITIES = new LinkedHashMap<>();

  static {
    ACTIVITIES.put("catalog.create", "Create access package catalog");
    ACTIVITIES.put("catalog.update", "Update access package catalog");
    ACTIVITIES.put("catalog.delete", "Delete access package catalog");
    ACTIVITIES.put("roleAssignment.add", "Add member to role scoped over access package catalog");
    ACTIVITIES.put(
        "roleAssignment.remove", "Remove member from role scoped over access package catalog");
    ACTIVITIES.put("resource.add", "Add resource to access package catalog");
    ACTIVITIES.put("resource.remove", "Remove resource from access package catalog");
    ACTIVITIES.put("accessPackage.create", "Create access package");
    ACTIVITIES.put("accessPackage.update", "Update access package");
    ACTIVITIES.put("accessPackage.delete", "Delete access package");
    ACTIVITIES.put("accessPackage.resourceRole.add", "Create access package resource role scope");
    ACTIVITIES.put(
        "accessPackage.resourceRole.remove", "Delete access package resource role scope");
    ACTIVITIES.put("accessPackage.incompatiblePackage.add", "Add incompatible access package");
    ACTIVITIES.put(
        "accessPackage.incompatiblePackage.remove", "Remove incompatible access package");
    ACTIVITIES.put("accessPackage.incompatibleGroup.add", "Add incompatible group");
    ACTIVITIES.put("accessPackage.incompatibleGroup.remove", "Remove incompatible group");
    ACTIVITIES.put("policy.create", "Create access package assignment policy");
    ACTIVITIES.put("policy.update", "Update access package assignment policy");
    ACTIVITIES.put("policy.delete", "Delete access package assignment policy");
    ACTIVITIES.put("request.submit", "Create access package assignment request");
    ACTIVITIES.put("request.cancel", "Cancel access package assignment request");
    ACTIVITIES.put("request.escalated", "Escalate access package assignment request");
    ACTIVITIES.put("request.deniedOnDeadline", "Deny access package assignment request");
    ACTIVITIES.put("approval.approve", "Approve access package assignment request");
    ACTIVITIES.put("approval.deny", "Deny access package assignment request");
    ACTIVITIES.put("assignment.delivered", "Fulfill access package assignment");
    ACTIVITIES.put("assignment.deliveryFailed", "Fulfill access package assignment");
    ACTIVITIES.put("assignment.extended", "Extend access package assignment");
    ACTIVITIES.put("assignment.expired", "Remove access package assignment");
    ACTIVITIES.put("assignment.removed", "Remove access package assignment");
    ACTIVITIES.put("assignment.removedByReview", "Remove access package assignment");
    ACTIVITIES.put("accessReview.definitionCreate", "Create access review");
    ACTIVITIES.put("accessReview.definitionUpdate", "Update access review");
    ACTIVITIES.put("accessReview.definitionDelete", "Delete access review");
    ACTIVITIES.put("accessReview.instanceStarted", "Access review started");
    ACTIVITIES.put("accessReview.instanceCompleted", "Access review ended");
    ACTIVITIES.put("accessReview.decisionRecorded", "Record access review decision");
    ACTIVITIES.put("accessReview.applyRequested", "Apply access review decisions");
    ACTIVITIES.put("accessReview.decisionApplied", "Apply access review decision");
    ACTIVITIES.put("accessReview.instanceApplied", "Apply access review decisions");
    ACTIVITIES.put("accessReview.reminderSent", "Send access review reminder");
    ACTIVITIES.put("customExtension.create", "Create custom extension");
    ACTIVITIES.put("customExtension.update", "Update custom extension");
    ACTIVITIES.put("customExtension.delete", "Delete custom extension");
    ACTIVITIES.put("request.resumed", "Resume access package assignment request");
    ACTIVITIES.put("request.customExtensionDenied", "Deny access package assignment request");
    ACTIVITIES.put("request.customExtensionTimedOut", "Fail access package assignment request");
  }

  private DirectoryAuditJson() {}

  /** The actions an activity display name stands for (none when Steward records no such thing). */
  static Set<String> actions(String displayName) {
    Set<String> found = new LinkedHashSet<>();
    ACTIVITIES.forEach(
        (action, name) -> {
          if (name.equalsIgnoreCase(displayName)) {
            found.add(action);
          }
        });
    return found;
  }

  /** What a walk along the chain found; hashes in base64, positions from 1. */
  static JsonObject chainVerification(ChainVerification v) {
    return new JsonObject()
        .put(
            "@odata.context",
            "https://graph.microsoft.com/v1.0/$metadata#steward.chainVerification")
        .put("intact", v.intact())
        .put("sealedRecords", v.sealedRecords())
        .put("legacyRecords", v.legacyRecords())
        .put(
            "head",
            v.head()
                .map(
                    h ->
                        new JsonObject()
                            .put("position", h.position())
                            .put("recordId", h.recordId())
                            .put("activityDateTime", h.at().toString())
                            .put("hash", h.hash()))
                .orElse(null))
        .put(
            "firstBreak",
            v.firstBreak()
                .map(
                    b ->
                        new JsonObject()
                            .put("position", b.position())
                            .put("recordId", b.recordId())
                            .put("reason", b.reason()))
                .orElse(null));
  }

  static JsonObject directoryAudit(AuditEntry entry) {
    AuditRecord r = entry.record();
    boolean failed = r.action().equals("assignment.deliveryFailed");
    return new JsonObject()
        .put("id", r.id())
        .put("category", CATEGORY)
        .put("correlationId", r.requestId())
        .put("result", failed ? "failure" : "success")
        .put("resultReason", failed ? text(r.after(), "deliveryError") : reason(r))
        .put("activityDisplayName", ACTIVITIES.getOrDefault(r.action(), r.action()))
        .put("activityDateTime", r.at().toString())
        .put("loggedByService", SERVICE)
        .put("operationType", r.before() == null ? "Add" : r.after() == null ? "Delete" : "Update")
        .put("initiatedBy", initiatedBy(entry))
        .put("targetResources", new JsonArray().add(target(r)))
        .put(
            "additionalDetails",
            new JsonArray()
                .add(new JsonObject().put("key", "action").put("value", r.action()))
                .add(new JsonObject().put("key", "catalogId").put("value", r.catalogId())));
  }

  private static String reason(AuditRecord r) {
    return switch (r.action()) {
      case "assignment.expired" -> "Expired";
      case "request.deniedOnDeadline" -> "No decision before the deadline";
      case "assignment.removedByReview" -> "Denied in an access review";
      case "request.customExtensionDenied" -> "Denied by the custom extension";
      case "request.customExtensionTimedOut" -> "No answer from the custom extension in time";
      default -> "";
    };
  }

  private static JsonObject initiatedBy(AuditEntry entry) {
    AuditRecord r = entry.record();
    JsonObject by = new JsonObject();
    if (r.actorId().equals(RequestContext.SYSTEM.actor().userId().value())) {
      // Steward's own work (expiry, deadlines, delivery retries), as Entra names its service.
      return by.putNull("user")
          .put(
              "app",
              new JsonObject()
                  .putNull("appId")
                  // An outside system's signed answer names the custom extension it came from.
                  .put(
                      "displayName",
                      r.actorLogin() != null && r.actorLogin().startsWith("customExtension:")
                          ? r.actorLogin()
                          : "Steward")
                  .putNull("servicePrincipalId")
                  .putNull("servicePrincipalName"));
    }
    return by.put(
            "user",
            new JsonObject()
                .put("id", r.actorId())
                .put("displayName", entry.actorDisplayName().orElse(null))
                .put("userPrincipalName", r.actorLogin())
                .put("ipAddress", r.ipAddress()))
        .putNull("app");
  }

  private static JsonObject target(AuditRecord r) {
    Map<String, Object> shown = r.after() != null ? r.after() : r.before();
    JsonArray modified = new JsonArray();
    Set<String> keys = new LinkedHashSet<>();
    if (r.before() != null) {
      keys.addAll(r.before().keySet());
    }
    if (r.after() != null) {
      keys.addAll(r.after().keySet());
    }
    for (String key : keys) {
      Object old = r.before() == null ? null : r.before().get(key);
      Object now = r.after() == null ? null : r.after().get(key);
      if (!Objects.equals(old, now)) {
        modified.add(
            new JsonObject()
                .put("displayName", key)
                .put("oldValue", old == null ? null : Json.encode(old))
                .put("newValue", now == null ? null : Json.encode(now)));
      }
    }
    return new JsonObject()
        .put("id", r.targetId())
        .put("type", r.targetType())
        .put("displayName", text(shown, "displayName"))
        .put("modifiedProperties", modified);
  }

  private static String text(Map<String, Object> map, String key) {
    return map != null && map.get(key) instanceof String s ? s : null;
  }
}
