package dev.steward.adapter.mail;

import dev.steward.application.port.out.notifications.Mailer;
import dev.steward.application.port.out.notifications.OutgoingMail;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Renders Steward's mails from Mustache templates and sends them through an SMTP server with the
 * Vert.x mail client.
 */
public final class VertxMailer implements Mailer {
  /** How long connecting, and then waiting for any answer from the server, may take. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final MailTemplates templates;
  private final MailClient client;
  private final String from;
  private final String messageIdDomain;

  /**
   * Checks the templates and prepares the client; nothing is sent and no connection is opened yet.
   *
   * @throws IllegalArgumentException if the templates directory is missing or a template in it is
   *     broken
   */
  public VertxMailer(Vertx vertx, MailSettings settings) {
    this(vertx, settings, DEFAULT_TIMEOUT);
  }

  VertxMailer(Vertx vertx, MailSettings settings, Duration timeout) {
    this.templates = new MailTemplates(settings.templatesDirectory());
    this.from = settings.from();
    this.messageIdDomain = settings.fromDomain();
    this.client = MailClient.create(vertx, config(settings, timeout));
  }

  static MailConfig config(MailSettings settings, Duration timeout) {
    int millis = Math.toIntExact(timeout.toMillis());
    MailConfig config =
        new MailConfig()
            .setHostname(settings.host())
            .setPort(settings.port())
            .setConnectTimeout(millis)
            .setIdleTimeout(millis)
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            // A connection per mail: a pooled one that the server or the idle timeout closed was
            // still handed to the next mail ("socket was closed unexpected"), and mail is rare
            // enough that the handshake does not matter.
            .setKeepAlive(false);
    switch (settings.tls()) {
      case NONE -> config.setStarttls(StartTLSOptions.DISABLED);
      case STARTTLS -> config.setStarttls(StartTLSOptions.REQUIRED);
      case SMTPS -> config.setStarttls(StartTLSOptions.DISABLED).setSsl(true);
    }
    if (settings.login()) {
      config
          .setLogin(LoginOption.REQUIRED)
          .setUsername(settings.username())
          .setPassword(settings.password());
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    try {
      return client.sendMail(message(mail)).mapEmpty();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  MailMessage message(OutgoingMail mail) {
    if (!MailSettings.isAddress(mail.toAddress())) {
      throw new IllegalArgumentException(
          "cannot mail '" + mail.toAddress() + "': not a plain mail address");
    }
    if (!MailSettings.isDotAtom(mail.messageId())) {
      throw new IllegalArgumentException(
          "the message id '" + mail.messageId() + "' cannot stand in a Message-ID header");
    }
    RenderedMail rendered = templates.render(mail.template(), mail.model());
    return new MailMessage()
        .setFrom(from)
        .setTo(recipient(mail))
        .setSubject(rendered.subject())
        .setText(rendered.text())
        .setHtml(rendered.html())
        // Our headers replace the client's own: the Message-ID stays the same on every retry.
        .setHeaders(
            MultiMap.caseInsensitiveMultiMap()
                .set("Message-ID", "<" + mail.messageId() + "@" + messageIdDomain + ">"));
  }

  /** {@code Name <address>}, the name stripped of what would break the header. */
  private static String recipient(OutgoingMail mail) {
    String name = mail.toName().replaceAll("[\\p{Cntrl}()<>\\\\\"]+", " ").strip();
    name = name.replaceAll("\\s+", " ");
    return name.isEmpty() ? mail.toAddress() : name + " <" + mail.toAddress() + ">";
  }

  /** Closes the client and its pooled connections. */
  public Future<Void> close() {
    return client.close();
  }
}
