package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.domain.Catalog;
import dev.steward.domain.RoleAssignment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds audit records and the before/after snapshots they carry. */
public final class Audit {
  private final Clock clock;
  private final IdGenerator ids;

  public Audit(Clock clock, IdGenerator ids) {
    this.clock = clock;
    this.ids = ids;
  }

  public AuditRecord record(
      RequestContext ctx,
      String action,
      String targetType,
      String targetId,
      Map<String, Object> before,
      Map<String, Object> after) {
    return new AuditRecord(
        ids.newId(),
        clock.now(),
        ctx.actor().userId().value(),
        action,
        targetType,
        targetId,
        before,
        after,
        ctx.requestId(),
        ctx.actor().login(),
        ctx.clientAddress(),
        catalogOf(targetType, targetId, after == null ? before : after));
  }

  /** The catalog a change belongs to, from its target or its snapshot; null for the tenant. */
  static String catalogOf(String targetType, String targetId, Map<String, Object> snapshot) {
    if (targetType.equals("catalog")) {
      return targetId;
    }
    if (snapshot == null) {
      return null;
    }
    if (snapshot.get("catalogId") instanceof String id) {
      return id;
    }
    if (snapshot.get("appScopeId") instanceof String scope
        && scope.startsWith("/AccessPackageCatalog/")) {
      return scope.substring("/AccessPackageCatalog/".length());
    }
    return null;
  }

  public static Map<String, Object> snapshot(Catalog c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id().value());
    m.put("displayName", c.displayName());
    m.put("description", c.description());
    m.put("state", c.state().apiName());
    m.put("isExternallyVisible", c.isExternallyVisible());
    m.put("modifiedDateTime", c.modifiedDateTime().toString());
    return m;
  }

  public static Map<String, Object> snapshot(RoleAssignment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().value());
    m.put("principalId", a.principalId().value());
    m.put("principalType", a.principalType().name().toLowerCase(java.util.Locale.ROOT));
    m.put("roleDefinitionId", a.role().id());
    m.put("appScopeId", a.scope().value());
    return m;
  }

  public static Map<String, Object> snapshot(dev.steward.domain.CatalogResource r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("catalogId", r.catalogId().value());
    m.put("originId", r.originId().value());
    m.put("displayName", r.displayName());
    return m;
  }

  public static Map<String, Object> snapshot(dev.steward.domain.AccessPackage p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id().value());
    m.put("catalogId", p.catalogId().value());
    m.put("displayName", p.displayName());
    m.put("description", p.description());
    m.put("isHidden", p.isHidden());
    return m;
  }

  public static Map<String, Object> snapshot(dev.steward.domain.ResourceRoleScope s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id().value());
    m.put("accessPackageId", s.accessPackageId().value());
    m.put("resourceId", s.resourceId().value());
    m.put("role", s.role().originId(s.groupId()));
    return m;
  }

  public static Map<String, Object> snapshot(dev.steward.domain.AssignmentPolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id().value());
    m.put("accessPackageId", p.accessPackageId().value());
    m.put("catalogId", p.catalogId().value());
    m.put("displayName", p.displayName());
    m.put("description", p.description());
    m.putAll(dev.steward.domain.PolicyDocument.write(p.settings()));
    return m;
  }

  public static Map<String, Object> pair(
      String first, String firstId, String second, String secondId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(first, firstId);
    m.put(second, secondId);
    return m;
  }

  public static Map<String, Object> snapshot(dev.steward.domain.AssignmentRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("requestType", r.type().apiName());
    m.put("state", r.state().apiName());
    m.put("accessPackageId", r.accessPackageId().value());
    m.put("catalogId", r.catalogId().value());
    m.put("targetId", r.targetId().value());
    m.put("requestorId", r.requestorId().value());
    m.put("assignmentId", r.assignmentId() == null ? null : r.assignmentId().value());
    if (!r.answers().isEmpty()) {
      java.util.List<Object> answers = new java.util.ArrayList<>();
      r.answers()
          .forEach(a -> answers.add(Map.of("questionId", a.questionId(), "value", a.value())));
      m.put("answers", answers);
    }
    return m;
  }

  public static Map<String, Object> snapshot(dev.steward.domain.Assignment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().value());
    m.put("accessPackageId", a.accessPackageId().value());
    m.put("catalogId", a.catalogId().value());
    m.put("targetId", a.targetId().value());
    m.put("state", a.state().apiName());
    m.put("endDateTime", a.endDateTime() == null ? null : a.endDateTime().toString());
    m.put("deliveryError", a.deliveryError());
    return m;
  }
}
