package dev.steward.application.port.in.extensions;

import dev.steward.application.port.out.notifications.Outbox;
import io.vertx.core.Future;

/** The webhook sender's jobs: send what the outbox holds, and end requests that waited too long. */
public interface RunCustomExtensionsUseCase {
  /** What one round of sending did. */
  record Outcome(int sent, int retried, int parked) {}

  /** Claims the webhooks that are due and sends them. */
  Future<Outcome> sendDue();

  /** Ends the requests whose extension did not answer in time; answers how many. */
  Future<Integer> timeOutWaiting();

  /** The webhook channel's depth, parked count and oldest waiting call, for the gauges. */
  Future<Outbox.Stats> stats();
}
