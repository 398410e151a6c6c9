package dev.steward.adapter.mail;

import static dev.steward.adapter.mail.MailFixtures.FROM;
import static dev.steward.adapter.mail.MailFixtures.await;
import static dev.steward.adapter.mail.MailFixtures.failure;
import static dev.steward.adapter.mail.MailFixtures.mail;
import static dev.steward.adapter.mail.MailFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When the mail server is away, silent or unwilling, the future fails and nothing hangs. */
class VertxMailerFailureTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aPortWithNothingListeningFailsTheFuture() throws Exception {
    VertxMailer mailer = new VertxMailer(vertx, settings(freePort()));
    try {
      assertNotNull(failure(mailer.send(mail("accessGranted"))));
    } finally {
      mailer.close().await();
    }
  }

  @Test
  void aServerThatStopsAfterOneMailFailsTheNextFuture() throws Exception {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    VertxMailer mailer = new VertxMailer(vertx, settings(greenMail.getSmtp().getPort()));
    try {
      await(mailer.send(mail("accessGranted")));
      greenMail.stop();

      assertNotNull(failure(mailer.send(mail("accessEnded"))));
    } finally {
      mailer.close().await();
      greenMail.stop();
    }
  }

  @Test
  void aConnectionClosedWhileIdleIsReplacedAndTheNextMailStillGoesOut() throws Exception {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    VertxMailer mailer =
        new VertxMailer(vertx, settings(greenMail.getSmtp().getPort()), Duration.ofMillis(500));
    try {
      await(mailer.send(mail("accessGranted")));
      Thread.sleep(1500);
      await(mailer.send(mail("accessEnded")));
      assertEquals(2, greenMail.getReceivedMessages().length);
    } finally {
      mailer.close().await();
      greenMail.stop();
    }
  }

  @Test
  void aServerThatAcceptsButNeverAnswersFailsTheFutureAfterTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread holder = new Thread(() -> holdOpen(silent), "silent-smtp");
      holder.setDaemon(true);
      holder.start();
      VertxMailer mailer =
          new VertxMailer(vertx, settings(silent.getLocalPort()), Duration.ofSeconds(1));
      try {
        long start = System.nanoTime();
        assertNotNull(failure(mailer.send(mail("accessGranted"))));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
      } finally {
        mailer.close().await();
      }
    }
  }

  private static void holdOpen(ServerSocket server) {
    try (Socket accepted = server.accept()) {
      accepted.getInputStream().readAllBytes();
    } catch (Exception closed) {
      // the test is over
    }
  }

  @Test
  void startTlsThatTheServerDoesNotOfferFailsRatherThanSendingInTheClear() throws Exception {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    MailSettings startTls =
        new MailSettings(
            "127.0.0.1",
            greenMail.getSmtp().getPort(),
            FROM,
            null,
            null,
            MailSettings.Tls.STARTTLS,
            null);
    VertxMailer mailer = new VertxMailer(vertx, startTls);
    try {
      Throwable failure = failure(mailer.send(mail("accessGranted")));
      assertTrue(failure.getMessage().contains("STARTTLS"), failure.getMessage());
      assertEquals(0, greenMail.getReceivedMessages().length);
    } finally {
      mailer.close().await();
      greenMail.stop();
    }
  }
}
