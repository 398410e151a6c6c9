package dev.steward.adapter.mail;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steward.application.port.out.notifications.OutgoingMail;
import io.vertx.core.Future;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** What the mail tests share: settings, a full model, and ways to wait for and read mails. */
final class MailFixtures {
  static final String FROM = "steward@example.org";
  static final String TO = "ann@example.org";

  private MailFixtures() {}

  static MailSettings settings(int port) {
    return settings(port, null);
  }

  static MailSettings settings(int port, Path templates) {
    return new MailSettings("127.0.0.1", port, FROM, null, null, MailSettings.Tls.NONE, templates);
  }

  /** Every key any default template reads, with a plain value. */
  static Map<String, String> model() {
    return Map.ofEntries(
        entry("recipientName", "Ann Approver"),
        entry("requestorName", "Rob Requestor"),
        entry("targetName", "Tess Target"),
        entry("packageName", "Payroll Reports"),
        entry("justification", "Quarter-end close"),
        entry("dueDateTime", "3 Dec 2026, 17:00"),
        entry("stage", "1 of 2"),
        entry("link", "https://steward.example.org/portal/requests/42"),
        entry("reason", "Not in finance"),
        entry("endDateTime", "31 Jan 2027"),
        entry("daysLeft", "7"),
        entry("extendLink", "https://steward.example.org/portal/access/7/extend"));
  }

  static Map<String, String> model(String key, String value) {
    Map<String, String> model = new HashMap<>(model());
    model.put(key, value);
    return model;
  }

  static OutgoingMail mail(String template) {
    return mail(template, model());
  }

  static OutgoingMail mail(String template, Map<String, String> model) {
    return new OutgoingMail("outbox-42", TO, "Ann Approver", template, model);
  }

  /** Waits for the future; a future that does not finish in time fails the test as a hang. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** The failure the future ends with; fails the test if it succeeds or hangs. */
  static Throwable failure(Future<?> future) {
    return assertThrows(
            ExecutionException.class,
            () -> future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS))
        .getCause();
  }

  /** The bodies of a multipart mail by content type ({@code text/plain}, {@code text/html}). */
  static Map<String, String> parts(MimeMessage message) throws Exception {
    Map<String, String> parts = new LinkedHashMap<>();
    MimeMultipart multipart = (MimeMultipart) message.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      String type = part.getContentType().split(";")[0].trim().toLowerCase();
      parts.put(type, (String) part.getContent());
    }
    return parts;
  }
}
