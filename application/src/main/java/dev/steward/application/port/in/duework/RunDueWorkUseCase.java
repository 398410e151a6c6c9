package dev.steward.application.port.in.duework;

import io.vertx.core.Future;

/** The scheduler's one job: do the expiries, deadlines and escalations that have fallen due. */
public interface RunDueWorkUseCase {
  /** What one run did. */
  record Outcome(int expired, int deniedOnDeadline, int escalated, int failed) {}

  Future<Outcome> runDue();
}
