package dev.steward.application.port.in.duework;

import io.vertx.core.Future;

/** The scheduler's one job: do the expiries, deadlines and escalations that have fallen due. */
public interface RunDueWorkUseCase {
  /** What one run did. */
  record Outcome(int expired, int deniedOnDeadline, int escalated, int failed) {
    public Outcome plusExpired() {
      return new Outcome(expired + 1, deniedOnDeadline, escalated, failed);
    }

    public Outcome plusDenied() {
      return new Outcome(expired, deniedOnDeadline + 1, escalated, failed);
    }

    public Outcome plusEscalated() {
      return new Outcome(expired, deniedOnDeadline, escalated + 1, failed);
    }

    public Outcome plusFailed() {
      return new Outcome(expired, deniedOnDeadline, escalated, failed + 1);
    }
  }

  Future<Outcome> runDue();
}
