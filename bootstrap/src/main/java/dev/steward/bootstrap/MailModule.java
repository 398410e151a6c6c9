package dev.steward.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.steward.adapter.mail.VertxMailer;
import dev.steward.application.port.out.notifications.Mailer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import javax.inject.Singleton;

/** The mail server Steward sends through, when one is configured. */
@Module
final class MailModule {
  private MailModule() {}

  @Provides
  @Singleton
  static Mailer mailer(Vertx vertx, NotificationConfig config) {
    return config
        .mail()
        .<Mailer>map(settings -> new VertxMailer(vertx, settings))
        .orElse(
            mail ->
                Future.failedFuture(
                    new IllegalStateException("notifications are off: no STEWARD_SMTP_HOST")));
  }
}
