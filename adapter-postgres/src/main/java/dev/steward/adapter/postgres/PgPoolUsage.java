package dev.steward.adapter.postgres;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How Steward's use cases are using the Postgres pool: how many wait for a connection and how many
 * hold one. Counted where Steward takes and gives back connections, so that a request that failed
 * to get one (Postgres down) stops waiting in the count too — Vert.x's own queue gauge kept such
 * requests for good after a Postgres restart.
 */
public final class PgPoolUsage {
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger inUse = new AtomicInteger();

  /** Use cases waiting for a connection. */
  public int waiting() {
    return waiting.get();
  }

  /** Connections held by use cases. */
  public int inUse() {
    return inUse.get();
  }

  void startWaiting() {
    waiting.incrementAndGet();
  }

  void stopWaiting() {
    waiting.decrementAndGet();
  }

  void take() {
    inUse.incrementAndGet();
  }

  void giveBack() {
    inUse.decrementAndGet();
  }
}
