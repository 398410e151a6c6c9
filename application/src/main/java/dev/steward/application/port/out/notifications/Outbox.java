package dev.steward.application.port.out.notifications;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox: work recorded with the change that causes it, claimed afterwards by
 * whichever instance gets to it first, and never dropped.
 */
public interface Outbox {
  /** Records a message; one whose dedupe key is already recorded is ignored. */
  Future<Void> enqueue(OutboxMessage message);

  /**
   * Claims up to {@code limit} messages of a channel that are due, and leases them until {@code
   * leaseUntil}: other instances skip them, and they come back if this one dies before settling
   * them.
   */
  Future<List<OutboxMessage>> claim(String channel, Instant now, Instant leaseUntil, int limit);

  /** The work was done. */
  Future<Void> done(String id, Instant at);

  /** It failed; try again at {@code next}. */
  Future<Void> retry(String id, Instant next, String error);

  /** It failed for good (too many tries, or it can never succeed): kept, visible, not retried. */
  Future<Void> park(String id, Instant at, String error);

  /** How the channel is doing: waiting and parked messages, and the oldest one waiting. */
  Future<Stats> stats(String channel, Instant now);

  /** What a channel's gauges show. */
  record Stats(long waiting, long parked, Optional<Instant> oldestWaiting) {}
}
