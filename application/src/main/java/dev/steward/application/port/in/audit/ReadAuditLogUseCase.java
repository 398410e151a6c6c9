package dev.steward.application.port.in.audit;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.ChainVerification;
import dev.steward.domain.CatalogId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Reads the audit log: administrators and Reports Readers everything, catalog owners the records of
 * their catalogs. Nobody changes or deletes a record.
 */
public interface ReadAuditLogUseCase {
  /** A record with the display name of whoever made the change, when the directory still knows. */
  record AuditEntry(AuditRecord record, Optional<String> actorDisplayName) {}

  /** The records the caller may read that pass the query, a page at a time. */
  default Future<Page<AuditEntry>> list(RequestContext ctx, AuditQuery query) {
    return list(ctx, query, Optional.empty());
  }

  /** As above, only of {@code catalog} when given (refused when the caller may not read it). */
  Future<Page<AuditEntry>> list(RequestContext ctx, AuditQuery query, Optional<CatalogId> catalog);

  /**
   * How many records the caller may read pass the query (of {@code catalog} when given), across
   * every page; refused when more than {@link AuditQuery#MAX_COUNT} do.
   */
  Future<Long> count(RequestContext ctx, AuditQuery query, Optional<CatalogId> catalog);

  /** One record the caller may read; not found when it does not exist or is not theirs to read. */
  Future<AuditEntry> get(RequestContext ctx, String id);

  /**
   * Walks the chain that seals the audit records and reports the first break: for those who may
   * read every record (administrators and Reports Readers), since a break may lie anywhere.
   */
  Future<ChainVerification> verifyChain(RequestContext ctx);
}
