package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.AuditRecord;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.domain.Catalog;
import dev.steward.domain.RoleAssignment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds audit records and the before/after snapshots they carry. */
final class Audit {
  private final Clock clock;
  private final IdGenerator ids;

  Audit(Clock clock, IdGenerator ids) {
    this.clock = clock;
    this.ids = ids;
  }

  AuditRecord record(
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
        ctx.requestId());
  }

  static Map<String, Object> snapshot(Catalog c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id().value());
    m.put("displayName", c.displayName());
    m.put("description", c.description());
    m.put("state", c.state().apiName());
    m.put("isExternallyVisible", c.isExternallyVisible());
    m.put("modifiedDateTime", c.modifiedDateTime().toString());
    return m;
  }

  static Map<String, Object> snapshot(RoleAssignment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().value());
    m.put("principalId", a.principalId().value());
    m.put("principalType", a.principalType().name().toLowerCase(java.util.Locale.ROOT));
    m.put("roleDefinitionId", a.role().id());
    m.put("appScopeId", a.scope().value());
    return m;
  }
}
