package dev.steward.adapter.http.reviews;

import static dev.steward.adapter.http.GraphJson.text;

import dev.steward.application.port.in.reviews.InstanceProgress;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.SubjectSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Access reviews in Graph's shapes: accessReviewScheduleDefinition, accessReviewInstance and
 * accessReviewInstanceDecisionItem. Progress counts and the recommendation's reason travel as
 * {@code @steward.*} instance annotations, which Graph clients ignore.
 */
final class ReviewJson {
  private ReviewJson() {}

  static JsonObject scope(AccessReviewDefinition d) {
    return new JsonObject()
        .put("@odata.type", "#microsoft.graph.accessReviewQueryScope")
        .put("query", d.scopeQuery())
        .put("queryType", "MicrosoftGraph")
        .put("queryRoot", null);
  }

  static JsonArray reviewers(List<SubjectSet> sets) {
    JsonArray a = new JsonArray();
    for (SubjectSet s : sets) {
      JsonObject r = new JsonObject().put("queryType", "MicrosoftGraph");
      if (s instanceof SubjectSet.SingleUser u) {
        r.put("query", "/users/" + u.userId().value()).put("queryRoot", null);
      } else if (s instanceof SubjectSet.GroupMembers g) {
        r.put("query", "/groups/" + g.groupId().value() + "/transitiveMembers")
            .put("queryRoot", null);
      } else if (s instanceof SubjectSet.RequestorManager m) {
        r.put("query", m.managerLevel() == 1 ? "./manager" : "./manager/manager")
            .put("queryRoot", "decisions");
      }
      a.add(r);
    }
    return a;
  }

  /** NotStarted until the first instance, Completed once the schedule has no more to run. */
  static String status(AccessReviewDefinition d, Instant now) {
    if (d.started() == 0) {
      return "NotStarted";
    }
    if (d.nextStart().isPresent()) {
      return "InProgress";
    }
    Instant lastEnd =
        d.schedule().startOf(d.started() - 1).orElse(now).plus(d.schedule().duration());
    return lastEnd.isAfter(now) ? "InProgress" : "Completed";
  }

  static JsonObject definition(AccessReviewDefinition d) {
    JsonObject settings =
        new JsonObject()
            .put("mailNotificationsEnabled", true)
            .put("reminderNotificationsEnabled", true)
            .put("justificationRequiredOnApproval", d.justificationRequired())
            .put(
                "defaultDecisionEnabled",
                d.behaviour() != AccessReviewDefinition.Behaviour.KEEP_ACCESS)
            .put("defaultDecision", d.behaviour().defaultDecision())
            .put("instanceDurationInDays", (int) d.schedule().duration().toDays())
            .put("autoApplyDecisionsEnabled", d.autoApply())
            .put("recommendationsEnabled", d.recommendationsEnabled())
            .put(
                "recurrence",
                d.schedule().recurrenceJson() == null
                    ? null
                    : new JsonObject(d.schedule().recurrenceJson()));
    JsonObject json =
        new JsonObject()
            .put("id", d.id())
            .put("displayName", d.displayName())
            .put("descriptionForAdmins", d.descriptionForAdmins())
            .put("descriptionForReviewers", d.descriptionForReviewers())
            .put("createdDateTime", text(d.createdDateTime()))
            .put("lastModifiedDateTime", text(d.lastModifiedDateTime()))
            .put("status", status(d, Instant.now()))
            .put("createdBy", new JsonObject().put("id", d.createdBy().value()))
            .put("scope", scope(d))
            .put("instanceEnumerationScope", null)
            .put("reviewers", reviewers(d.reviewers()))
            .put("fallbackReviewers", reviewers(d.fallbackReviewers()))
            .put("settings", settings);
    if (d.selfReview()) {
      json.put("@steward.selfReview", true);
    }
    d.policyId().ifPresent(p -> json.put("@steward.assignmentPolicyId", p.value()));
    return json;
  }

  static JsonObject instance(InstanceProgress p) {
    AccessReviewInstance i = p.instance();
    AccessReviewDefinition d = p.definition();
    return new JsonObject()
        .put("id", i.id())
        .put("startDateTime", text(i.startDateTime()))
        .put("endDateTime", text(i.endDateTime()))
        .put("status", i.status().apiName())
        .put("scope", scope(d))
        .put("reviewers", reviewers(d.reviewers()))
        .put("fallbackReviewers", reviewers(d.fallbackReviewers()))
        .put("@steward.definitionId", d.id())
        .put("@steward.displayName", d.displayName())
        .put("@steward.decisionCounts", new JsonObject(new java.util.LinkedHashMap<>(p.counts())));
  }

  private static JsonObject identity(PrincipalId id) {
    return id == null ? null : new JsonObject().put("id", id.value());
  }

  static JsonObject decision(AccessReviewDecision d, PrincipalId me) {
    return new JsonObject()
        .put("id", d.id())
        .put("accessReviewId", d.instanceId())
        .put("decision", d.decision().apiName())
        .put("justification", d.justification())
        .put("recommendation", d.recommendation().apiName())
        .put("reviewedBy", identity(d.reviewedBy()))
        .put("reviewedDateTime", text(d.reviewedDateTime()))
        .put("applyResult", d.applyResult().apiName())
        .put("appliedBy", identity(d.appliedBy()))
        .put("appliedDateTime", text(d.appliedDateTime()))
        .put(
            "principal",
            new JsonObject()
                .put("@odata.type", "#microsoft.graph.userIdentity")
                .put("id", d.principalId().value())
                .put("displayName", d.principalName())
                .put("userPrincipalName", d.principalLogin()))
        .put("principalLink", "/v1.0/users/" + d.principalId().value())
        .put(
            "resource",
            new JsonObject()
                .put("@odata.type", "#microsoft.graph.accessReviewInstanceDecisionItemResource")
                .put("id", d.resourceId())
                .put("displayName", d.resourceName()))
        .put("@steward.recommendationReason", d.recommendationReason())
        .put("@steward.assignedToMe", me != null && d.isReviewer(me));
  }
}
