package dev.steward.application.port.out.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change, as the audit trail keeps it.
 *
 * @param before the state before the change, or null when something was created
 * @param after the state after the change, or null when something was removed
 * @param actorLogin the actor's sign-in name, or null on records from before it was kept
 * @param ipAddress the client's address, or null for Steward's own work
 * @param catalogId the catalog the change belongs to, or null for tenant-wide changes
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
    String requestId,
    String actorLogin,
    String ipAddress,
    String catalogId) {
  /** A record without login, address or catalog. */
  public AuditRecord(
      String id,
      Instant at,
      String actorId,
      String action,
      String targetType,
      String targetId,
      Map<String, Object> before,
      Map<String, Object> after,
      String requestId) {
    this(id, at, actorId, action, targetType, targetId, before, after, requestId, null, null, null);
  }

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
