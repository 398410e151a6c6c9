package dev.steward.adapter.mail;

import static dev.steward.adapter.mail.MailFixtures.FROM;
import static dev.steward.adapter.mail.MailFixtures.TO;
import static dev.steward.adapter.mail.MailFixtures.await;
import static dev.steward.adapter.mail.MailFixtures.failure;
import static dev.steward.adapter.mail.MailFixtures.mail;
import static dev.steward.adapter.mail.MailFixtures.model;
import static dev.steward.adapter.mail.MailFixtures.parts;
import static dev.steward.adapter.mail.MailFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.steward.application.port.out.notifications.OutgoingMail;
import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Steward's mails reach a real SMTP server (GreenMail over loopback) as they should look. */
class VertxMailerTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static Vertx vertx;
  private VertxMailer mailer;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void closeMailer() {
    if (mailer != null) {
      mailer.close().await();
    }
  }

  private VertxMailer mailer(Path templates) {
    mailer = new VertxMailer(vertx, settings(greenMail.getSmtp().getPort(), templates));
    return mailer;
  }

  private MimeMessage sendAndReceive(OutgoingMail mail) throws Exception {
    await(mailer(null).send(mail));
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(1, received.length);
    return received[0];
  }

  @ParameterizedTest(
      name = "{0} arrives with its subject, recipient, both parts and our Message-ID")
  @CsvSource(
      delimiter = '|',
      value = {
        "approvalRequired  | Rob Requestor requests access to Payroll Reports for Tess Target",
        "approvalEscalated | Escalated: Rob Requestor requests access to Payroll Reports for Tess Target",
        "requestApproved   | Approved: access to Payroll Reports for Tess Target",
        "requestDenied     | Denied: access to Payroll Reports for Tess Target",
        "requestExpired    | Expired: request for access to Payroll Reports for Tess Target",
        "accessGranted     | You now have access to Payroll Reports",
        "accessEndingSoon  | Your access to Payroll Reports ends soon",
        "accessEnded       | Your access to Payroll Reports has ended",
      })
  void everyDefaultTemplateArrivesComplete(String template, String subject) throws Exception {
    MimeMessage received = sendAndReceive(mail(template));

    assertEquals(subject, received.getSubject());
    assertEquals(new InternetAddress(FROM), received.getFrom()[0]);
    InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
    assertEquals(TO, to.getAddress());
    assertEquals("Ann Approver", to.getPersonal());
    assertArrayEquals(new String[] {"<outbox-42@example.org>"}, received.getHeader("Message-ID"));
    assertTrue(received.getContentType().startsWith("multipart/alternative"));
    Map<String, String> parts = parts(received);
    assertEquals(List.of("text/plain", "text/html"), List.copyOf(parts.keySet()));
    assertTrue(parts.get("text/plain").startsWith("Hello Ann Approver,"), parts.get("text/plain"));
    assertTrue(parts.get("text/plain").contains(model().get("link")), parts.get("text/plain"));
    assertTrue(parts.get("text/html").contains("Payroll Reports"), parts.get("text/html"));
    assertTrue(
        parts.get("text/html").contains("<a href=\"https://steward"), parts.get("text/html"));
  }

  @Test
  void retriesOfOneOutboxRowCarryTheSameMessageId() throws Exception {
    mailer(null);
    await(mailer.send(mail("requestApproved")));
    await(mailer.send(mail("requestApproved")));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(2, received.length);
    assertEquals("<outbox-42@example.org>", received[0].getMessageID());
    assertEquals(received[0].getMessageID(), received[1].getMessageID());
  }

  @Test
  void htmlEscapesValuesWhileTheSubjectAndTheTextShowThemAsTheyAre() throws Exception {
    Map<String, String> model = model("packageName", "R&D <Finance>");
    model.put("justification", "<script>alert('hi')</script>");
    MimeMessage received = sendAndReceive(mail("approvalRequired", model));

    assertEquals(
        "Rob Requestor requests access to R&D <Finance> for Tess Target", received.getSubject());
    Map<String, String> parts = parts(received);
    assertTrue(parts.get("text/plain").contains("R&D <Finance>"));
    assertTrue(parts.get("text/plain").contains("<script>alert('hi')</script>"));
    assertTrue(parts.get("text/html").contains("R&amp;D &lt;Finance&gt;"));
    assertTrue(parts.get("text/html").contains("&lt;script&gt;"));
    assertFalse(parts.get("text/html").contains("<script>"));
  }

  @Test
  void subjectLosesLineBreaksSoAValueCannotAddAHeader() throws Exception {
    MimeMessage received =
        sendAndReceive(
            mail("accessGranted", model("packageName", "Payroll\r\nBcc: mallory@example.org")));

    assertEquals("You now have access to Payroll Bcc: mallory@example.org", received.getSubject());
    assertNull(received.getHeader("Bcc"));
    assertEquals(1, received.getAllRecipients().length);
  }

  @Test
  void recipientWithoutANameIsAddressedByAddressAlone() throws Exception {
    MimeMessage received =
        sendAndReceive(new OutgoingMail("outbox-7", TO, "", "accessEnded", model()));

    InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
    assertEquals(TO, to.getAddress());
    assertNull(to.getPersonal());
  }

  @Test
  void aNameThatWouldBreakTheHeaderIsTidiedNotRefused() throws Exception {
    MimeMessage received =
        sendAndReceive(
            new OutgoingMail("outbox-8", TO, "Ann (Finance) <boss>\r\n", "accessEnded", model()));

    InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
    assertEquals(TO, to.getAddress());
    assertEquals("Ann Finance boss", to.getPersonal());
  }

  @Test
  void anOverrideFileWinsAndTheOtherFilesFallBackToTheDefaults(@TempDir Path templates)
      throws Exception {
    Files.writeString(
        templates.resolve("accessGranted.subject.mustache"), "Welcome to {{packageName}}!\n");
    mailer(templates);

    await(mailer.send(mail("accessGranted")));
    await(mailer.send(mail("accessEnded")));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals("Welcome to Payroll Reports!", received[0].getSubject());
    assertTrue(
        parts(received[0]).get("text/plain").contains("You now have access to Payroll Reports."));
    assertEquals("Your access to Payroll Reports has ended", received[1].getSubject());
  }

  @Test
  void theOverrideDirectoryMayAddATemplateOfItsOwn(@TempDir Path templates) throws Exception {
    Files.writeString(templates.resolve("welcome.subject.mustache"), "Hi {{recipientName}}");
    Files.writeString(templates.resolve("welcome.txt.mustache"), "Welcome, {{recipientName}}.");
    Files.writeString(templates.resolve("welcome.html.mustache"), "<p>{{recipientName}}</p>");
    mailer(templates);

    await(mailer.send(mail("welcome", model("recipientName", "A&B"))));

    MimeMessage received = greenMail.getReceivedMessages()[0];
    assertEquals("Hi A&B", received.getSubject());
    assertEquals("<p>A&amp;B</p>", parts(received).get("text/html"));
  }

  @Test
  void anUnknownTemplateFailsTheFutureAndSendsNothing() {
    Throwable failure = failure(mailer(null).send(mail("approvalForgotten")));

    assertInstanceOf(IllegalArgumentException.class, failure);
    assertTrue(failure.getMessage().contains("no mail template 'approvalForgotten'"));
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void aRecipientThatIsNotAnAddressFailsTheFuture() {
    Throwable failure =
        failure(
            mailer(null)
                .send(new OutgoingMail("outbox-9", "not an address", "", "accessEnded", model())));

    assertTrue(failure.getMessage().contains("not a plain mail address"), failure.getMessage());
    assertEquals(0, greenMail.getReceivedMessages().length);
  }
}
