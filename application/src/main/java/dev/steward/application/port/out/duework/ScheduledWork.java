package dev.steward.application.port.out.duework;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Work that falls due at a time — expiries, approval deadlines, escalations — kept in the store so
 * that it survives restarts, and claimed so that two Steward instances never do the same item.
 */
public interface ScheduledWork {
  /** The kinds of due work. */
  enum Kind {
    EXPIRE_ASSIGNMENT,
    APPROVAL_DEADLINE,
    APPROVAL_ESCALATION,
    /** The user is told their access ends in 14 days. */
    EXPIRY_WARNING_14_DAYS,
    /** The user is told their access ends in a day. */
    EXPIRY_WARNING_1_DAY,
    /** A delivery into (or out of) the directory failed: it is tried again. */
    RETRY_DELIVERY,
    /** An automatic policy's rule is compared with its assignments (subject: the policy). */
    AUTO_ASSIGNMENT,
    /** A user stopped matching an automatic policy: the grace period ended (the assignment). */
    AUTO_REMOVAL,
    /** An access review definition's next instance starts (subject: the definition). */
    REVIEW_START,
    /** An access review instance ends and its decisions are applied (subject: the instance). */
    REVIEW_END,
    /** An access review instance's reviewers are reminded a day before it ends. */
    REVIEW_REMINDER,
    /** A completed access review instance's decisions are applied on request (applyDecisions). */
    REVIEW_APPLY,
    /**
     * A policy whose review settings were saved before Steward ran reviews gets its definition
     * (subject: the policy); set by the migration that added reviews.
     */
    REVIEW_SYNC_POLICY
  }

  /** One item: what, about which subject (an assignment or request id), and when. */
  record Item(Kind kind, String subjectId, Instant dueAt, int attempts) {}

  /** Sets (or moves) the one item of this kind for the subject. */
  Future<Void> schedule(Kind kind, String subjectId, Instant dueAt);

  Future<Void> cancel(Kind kind, String subjectId);

  /** Sets the item unless the subject already has one of this kind (which keeps its time). */
  Future<Void> scheduleIfAbsent(Kind kind, String subjectId, Instant dueAt);

  /** A claimed item that could not be done yet comes back at {@code dueAt}, its tries counted. */
  Future<Void> retryLater(Item item, Instant dueAt);

  /**
   * Claims up to {@code limit} items due at {@code now} that nobody holds, holding them until
   * {@code leaseUntil}; items held by another instance are skipped, not waited for.
   */
  Future<List<Item>> claimDue(Instant now, Instant leaseUntil, int limit);

  /** Removes a finished item. */
  Future<Void> complete(Item item);

  /** The due time of the oldest item that is due at {@code now}, for the scheduler-lag metric. */
  Future<Optional<Instant>> oldestDue(Instant now);
}
