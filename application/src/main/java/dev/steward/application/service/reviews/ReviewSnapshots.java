package dev.steward.application.service.reviews;

import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the audit trail keeps of review instances and decisions. */
final class ReviewSnapshots {
  private ReviewSnapshots() {}

  static Map<String, Object> of(AccessReviewInstance i, int items) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("definitionId", i.definitionId());
    m.put("catalogId", i.catalogId().value());
    m.put("status", i.status().apiName());
    m.put("startDateTime", i.startDateTime().toString());
    m.put("endDateTime", i.endDateTime().toString());
    if (items >= 0) {
      m.put("items", items);
    }
    return m;
  }

  static Map<String, Object> of(AccessReviewDecision d, dev.steward.domain.CatalogId catalog) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("catalogId", catalog.value());
    m.put("instanceId", d.instanceId());
    m.put("definitionId", d.definitionId());
    m.put("principalId", d.principalId().value());
    m.put("resourceId", d.resourceId());
    m.put("decision", d.decision().apiName());
    m.put("justification", d.justification());
    m.put("recommendation", d.recommendation().apiName());
    m.put("reviewedBy", d.reviewedBy() == null ? null : d.reviewedBy().value());
    m.put("applyResult", d.applyResult().apiName());
    return m;
  }
}
