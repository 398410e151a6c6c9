package dev.steward.adapter.mail;

import static dev.steward.adapter.mail.MailFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default templates leave out what a mail has no value for. */
class MailTemplatesTest {
  private final MailTemplates templates = new MailTemplates(null);

  @Test
  void aDenialWithoutAReasonSaysNothingAboutOne() {
    RenderedMail mail = templates.render("requestDenied", model("reason", ""));
    assertFalse(mail.text().contains("Reason"));
    assertFalse(mail.html().contains("Reason"));
    assertTrue(
        templates.render("requestDenied", model()).text().contains("Reason given: Not in finance"));
  }

  @Test
  void accessWithoutAnEndSaysSo() {
    RenderedMail mail = templates.render("accessGranted", model("endDateTime", ""));
    assertTrue(mail.text().contains("Your access has no end date."));
    assertTrue(templates.render("accessGranted", model()).text().contains("ends on 31 Jan 2027"));
  }

  @Test
  void endingSoonWithoutAnExtendLinkPointsToThePackageManagers() {
    RenderedMail without = templates.render("accessEndingSoon", model("extendLink", ""));
    assertTrue(without.text().contains("ask the managers of Payroll Reports"));
    RenderedMail with = templates.render("accessEndingSoon", model());
    assertTrue(with.text().contains("https://steward.example.org/portal/access/7/extend"));
    assertFalse(with.text().contains("managers"));
  }

  @Test
  void anApprovalWithoutDeadlineJustificationOrStageStillReadsWell() {
    Map<String, String> model = model("dueDateTime", "");
    model.put("justification", "");
    model.put("stage", "");
    String text = templates.render("approvalRequired", model).text();
    assertTrue(text.contains("Please approve or deny the request:"), text);
    assertFalse(text.contains("Justification"));
    assertFalse(text.contains("stage"));
  }

  @Test
  void anEmptyRecipientNameGivesAPlainGreeting() {
    assertTrue(
        templates.render("accessEnded", model("recipientName", "")).text().startsWith("Hello,"));
  }

  @Test
  void theTextPartDoesNotStartWithTheKeysComment() {
    String text = templates.render("requestApproved", model()).text();
    assertEquals("Hello Ann Approver,", text.lines().findFirst().orElseThrow());
  }
}
