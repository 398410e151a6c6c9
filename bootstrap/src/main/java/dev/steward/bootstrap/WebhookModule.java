package dev.steward.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.steward.adapter.webhook.VertxWebhookSender;
import dev.steward.application.port.out.extensions.WebhookSender;
import io.vertx.core.Vertx;
import javax.inject.Singleton;

/** The webhook sender custom extensions call out through. */
@Module
final class WebhookModule {
  private WebhookModule() {}

  @Provides
  @Singleton
  static VertxWebhookSender vertxWebhookSender(Vertx vertx, WebhookConfig config) {
    return new VertxWebhookSender(vertx, config.settings());
  }

  @Provides
  static WebhookSender webhookSender(VertxWebhookSender sender) {
    return sender;
  }
}
