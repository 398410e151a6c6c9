package dev.steward.adapter.webhook;

import dev.steward.application.port.out.extensions.OutgoingWebhook;
import dev.steward.application.port.out.extensions.StandardWebhooks;
import dev.steward.application.port.out.extensions.WebhookSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

/**
 * Posts webhooks with the Vert.x web client, signed per the Standard Webhooks specification. No
 * redirect is followed (a 3xx is a failure, like any answer outside 2xx), the answer's body is
 * never read, connecting and waiting for the answer are bounded, and TLS trusts the JVM's trust
 * store or the one the operator configured, with the host name checked.
 */
public final class VertxWebhookSender implements WebhookSender {
  private final WebClient client;
  private final WebhookSettings settings;

  public VertxWebhookSender(Vertx vertx, WebhookSettings settings) {
    this.settings = settings;
    WebClientOptions options =
        new WebClientOptions()
            .setFollowRedirects(false)
            .setUserAgent("Steward-Webhooks")
            .setVerifyHost(true)
            .setConnectTimeout((int) settings.timeout().toMillis());
    if (settings.trustStore() != null) {
      options.setTrustOptions(
          new PfxOptions()
              .setPath(settings.trustStore().toString())
              .setPassword(settings.trustStorePassword()));
    }
    this.client = WebClient.create(vertx, options);
  }

  @Override
  public Future<Void> send(OutgoingWebhook webhook) {
    String body = new JsonObject(webhook.payload()).encode();
    long timestamp = System.currentTimeMillis() / 1000;
    String signature = StandardWebhooks.sign(webhook.secret(), webhook.id(), timestamp, body);
    return client
        .postAbs(webhook.url())
        .timeout(settings.timeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader(StandardWebhooks.ID, webhook.id())
        .putHeader(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
        .putHeader(StandardWebhooks.SIGNATURE, signature)
        .as(BodyCodec.none())
        .sendBuffer(Buffer.buffer(body))
        .compose(
            response -> {
              int status = response.statusCode();
              if (status >= 200 && status < 300) {
                return Future.<Void>succeededFuture();
              }
              return Future.failedFuture(
                  new IllegalStateException(
                      status >= 300 && status < 400
                          ? "the endpoint answered "
                              + status
                              + " (a redirect, which Steward does not follow)"
                          : "the endpoint answered " + status));
            },
            failure ->
                Future.failedFuture(
                    new IllegalStateException(
                        "calling the endpoint failed: " + failure.getMessage(), failure)));
  }

  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "webhooks (" + settings + ")";
  }
}
