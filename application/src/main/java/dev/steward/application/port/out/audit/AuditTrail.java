package dev.steward.application.port.out.audit;

import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.domain.CatalogId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The append-only record of every change. */
public interface AuditTrail {
  Future<Void> append(AuditRecord record);

  /** The most recent records about one target, newest first. */
  Future<List<AuditRecord>> forTarget(String targetId, int limit);

  /**
   * The records that pass the query, among those of {@code only} catalogs (empty for every record),
   * ordered by time and then by the order they were written.
   */
  Future<List<AuditRecord>> find(Optional<Set<CatalogId>> only, AuditQuery query);

  /**
   * How many records {@link #find} would give across every page, counting no further than {@code
   * atMost + 1}: a caller learns the count, or that there are more than {@code atMost}, without the
   * store walking a log of millions.
   */
  Future<Long> count(Optional<Set<CatalogId>> only, AuditQuery query, long atMost);

  /** One record by its id. */
  Future<Optional<AuditRecord>> get(String id);

  /**
   * Walks the chain that seals the records, from the first link to the last, and reports the first
   * record that was changed, removed, reordered or added by anyone but Steward.
   */
  Future<ChainVerification> verifyChain();
}
