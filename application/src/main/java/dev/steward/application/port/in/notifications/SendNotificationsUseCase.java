package dev.steward.application.port.in.notifications;

import dev.steward.application.port.out.notifications.Outbox;
import io.vertx.core.Future;

/** The mail sender's one job: send what the outbox holds, retrying and parking as it must. */
public interface SendNotificationsUseCase {
  /** What one round did. */
  record Outcome(int sent, int retried, int parked) {}

  /** Claims the mails that are due and sends them. */
  Future<Outcome> sendDue();

  /** The mail channel's depth, parked count and oldest waiting mail, for the gauges. */
  Future<Outbox.Stats> stats();
}
