package dev.steward.application.port.out.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change, as the audit trail keeps it.
 *
 * @param before the state before the change, or null when something was created
 * @param after the state after the change, or null when something was removed
 */
public record AuditRecord(
    String id,
    Instant at,
    String actorId,
    String action,
    String targetType,
    String targetId,
    Map<String, Object> before,
    Map<String, Object> after,
    String requestId) {
  public AuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(requestId, "requestId");
  }
}
