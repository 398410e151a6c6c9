package dev.steward.application.port.out.notifications;

import io.vertx.core.Future;

/**
 * Sends one mail. The adapter renders the named template with the model and hands the result to the
 * mail server; the future fails when the server did not accept it, so the outbox tries again.
 */
public interface Mailer {
  Future<Void> send(OutgoingMail mail);
}
