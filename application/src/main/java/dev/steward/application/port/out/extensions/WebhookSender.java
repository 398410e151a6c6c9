package dev.steward.application.port.out.extensions;

import io.vertx.core.Future;

/**
 * Posts one signed webhook. The future succeeds only on a 2xx answer; a redirect, any other status,
 * a refused connection or a timeout fails it, so the outbox tries again.
 */
public interface WebhookSender {
  Future<Void> send(OutgoingWebhook webhook);
}
