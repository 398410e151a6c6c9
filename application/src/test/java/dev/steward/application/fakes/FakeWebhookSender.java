package dev.steward.application.fakes;

import dev.steward.application.port.out.extensions.OutgoingWebhook;
import dev.steward.application.port.out.extensions.WebhookSender;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** A webhook endpoint in memory: keeps every try, and fails the next few when told to. */
public final class FakeWebhookSender implements WebhookSender {
  private final List<OutgoingWebhook> tried = new ArrayList<>();
  private int failuresLeft;

  @Override
  public synchronized Future<Void> send(OutgoingWebhook webhook) {
    tried.add(webhook);
    if (failuresLeft > 0) {
      failuresLeft--;
      return Future.failedFuture(new IllegalStateException("the endpoint answered 503"));
    }
    return Future.succeededFuture();
  }

  public synchronized void failNext(int times) {
    failuresLeft = times;
  }

  /** Every try so far, failed ones included, in order. */
  public synchronized List<OutgoingWebhook> tried() {
    return List.copyOf(tried);
  }
}
