package dev.steward.application.port.in.audit;

import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.domain.DomainException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit records to read, newest first unless {@code oldestFirst}; the store applies every
 * filter so that paging stays exact.
 *
 * @param from records at or after this instant
 * @param to records at or before this instant
 * @param actions only these actions (an activity display name may stand for several)
 * @param requestId the request that made the change (Graph's correlationId)
 * @param actorId who made the change
 * @param targetId what the change was made to
 * @param afterId the last record of the previous page, or null
 */
public record AuditQuery(
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<Set<String>> actions,
    Optional<String> requestId,
    Optional<String> actorId,
    Optional<String> targetId,
    boolean oldestFirst,
    String afterId,
    int limit) {
  public static final int MAX_LIMIT = 999;

  /**
   * The most records {@code $count} counts: a count walks every match, so beyond this it is refused
   * rather than left to scan a log of millions.
   */
  public static final long MAX_COUNT = 10_000;

  public AuditQuery {
    actions = actions.map(Set::copyOf);
    if (limit < 1 || limit > MAX_LIMIT + 1) {
      throw DomainException.invalid("$top", "'$top' must be between 1 and " + MAX_LIMIT);
    }
  }

  /** Every record, newest first. */
  public static AuditQuery all(String afterId, int limit) {
    return new AuditQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        afterId,
        limit);
  }

  public AuditQuery withLimit(int newLimit) {
    return new AuditQuery(
        from, to, actions, requestId, actorId, targetId, oldestFirst, afterId, newLimit);
  }

  public AuditQuery withAfter(String newAfterId) {
    return new AuditQuery(
        from, to, actions, requestId, actorId, targetId, oldestFirst, newAfterId, limit);
  }

  /** Whether {@code r} passes the filters (not the paging), as the store applies them. */
  public boolean matches(AuditRecord r) {
    return from.map(f -> !r.at().isBefore(f)).orElse(true)
        && to.map(t -> !r.at().isAfter(t)).orElse(true)
        && actions.map(a -> a.contains(r.action())).orElse(true)
        && requestId.map(r.requestId()::equals).orElse(true)
        && actorId.map(r.actorId()::equals).orElse(true)
        && targetId.map(r.targetId()::equals).orElse(true);
  }
}
