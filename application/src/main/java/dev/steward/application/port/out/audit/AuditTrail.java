package dev.steward.application.port.out.audit;

import io.vertx.core.Future;
import java.util.List;

/** The append-only record of every change. */
public interface AuditTrail {
  Future<Void> append(AuditRecord record);

  /** The most recent records about one target, newest first. */
  Future<List<AuditRecord>> forTarget(String targetId, int limit);
}
