package dev.steward.adapter.mail;

import static dev.steward.adapter.mail.MailFixtures.FROM;
import static dev.steward.adapter.mail.MailFixtures.await;
import static dev.steward.adapter.mail.MailFixtures.failure;
import static dev.steward.adapter.mail.MailFixtures.mail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a username set, Steward logs in to the mail server before sending. */
class VertxMailerLoginTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("steward", "s3cret"));

  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  private static VertxMailer mailer(String password) {
    return new VertxMailer(
        vertx,
        new MailSettings(
            "127.0.0.1",
            greenMail.getSmtp().getPort(),
            FROM,
            "steward",
            password,
            MailSettings.Tls.NONE,
            null));
  }

  @Test
  void theRightPasswordLogsInAndTheMailArrives() throws Exception {
    VertxMailer mailer = mailer("s3cret");
    try {
      await(mailer.send(mail("requestExpired")));
      assertEquals(1, greenMail.getReceivedMessages().length);
    } finally {
      mailer.close().await();
    }
  }

  @Test
  void aWrongPasswordFailsTheFutureAndNothingIsSent() {
    VertxMailer mailer = mailer("guess");
    try {
      Throwable failure = failure(mailer.send(mail("requestExpired")));
      assertTrue(failure.getMessage().contains("AUTH"), failure.getMessage());
      assertEquals(0, greenMail.getReceivedMessages().length);
    } finally {
      mailer.close().await();
    }
  }
}
