package dev.steward.bootstrap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a loopback port that stays the same across a stop and a start,
 * so a test can take the mail server away from a running Steward and give it back.
 */
final class TestSmtp implements AutoCloseable {
  /** One mail as the server received it. */
  record Received(String to, String subject, String text, String messageId) {}

  private final int port;
  private GreenMail server;
  private final List<Received> earlier = new ArrayList<>();

  private TestSmtp(int port) {
    this.port = port;
  }

  static TestSmtp start() {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TestSmtp smtp = new TestSmtp(port);
    smtp.up();
    return smtp;
  }

  /** What Steward needs to send through this server; the sender runs only when a test says. */
  Map<String, String> settings() {
    return Map.of(
        "STEWARD_SMTP_HOST", "127.0.0.1",
        "STEWARD_SMTP_PORT", Integer.toString(port),
        "STEWARD_SMTP_FROM", "steward@example.org",
        "STEWARD_PORTAL_URL", "https://steward.example.org/portal/",
        "STEWARD_NOTIFICATION_INTERVAL_SECONDS", "0");
  }

  /** The server goes away: connections are refused until {@link #up()}. */
  synchronized void down() {
    earlier.addAll(fetch());
    server.stop();
    server = null;
  }

  synchronized void up() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  /** Every mail received so far, across restarts, in order. */
  synchronized List<Received> received() {
    List<Received> all = new ArrayList<>(earlier);
    if (server != null) {
      all.addAll(fetch());
    }
    return all;
  }

  private List<Received> fetch() {
    List<Received> out = new ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      try {
        out.add(
            new Received(
                ((jakarta.mail.internet.InternetAddress)
                        m.getRecipients(Message.RecipientType.TO)[0])
                    .getAddress(),
                m.getSubject(),
                plainText(m),
                m.getMessageID()));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The text/plain part, decoded: what a reader sees. */
  private static String plainText(jakarta.mail.Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        return part.getContent().toString();
      }
      if (part.getContent() instanceof jakarta.mail.Multipart mp) {
        for (int i = 0; i < mp.getCount(); i++) {
          String text = plainText(mp.getBodyPart(i));
          if (!text.isEmpty()) {
            return text;
          }
        }
      }
      return "";
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
    }
  }
}
