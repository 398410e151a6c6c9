package dev.steward.adapter.mail;

import static dev.steward.adapter.mail.MailFixtures.FROM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.mail.MailSettings.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steward refuses to start on mail settings or templates it could not use. */
class MailStartupChecksTest {

  private static MailSettings withFrom(String from) {
    return new MailSettings("mail.example.org", 25, from, null, null, Tls.NONE, null);
  }

  @ParameterizedTest(name = "the sender \"{0}\" is refused")
  @ValueSource(strings = {"", "steward", "Steward <steward@example.org>", "a b@example.org", "x@"})
  void theSenderMustBeAPlainAddress(String from) {
    assertThrows(IllegalArgumentException.class, () -> withFrom(from));
  }

  @ParameterizedTest(name = "port {0} is refused")
  @ValueSource(ints = {0, -1, 65536})
  void thePortMustBeBetween1And65535(int port) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MailSettings("mail.example.org", port, FROM, null, null, Tls.NONE, null));
  }

  @Test
  void aUsernameNeedsAPasswordAndAPasswordNeedsAUsername() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MailSettings("mail.example.org", 587, FROM, "steward", "", Tls.STARTTLS, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MailSettings("mail.example.org", 587, FROM, " ", "s3cret", Tls.STARTTLS, null));
  }

  @Test
  void aBlankUsernameMeansNoLoginAndNoTlsMeansPlainSmtp() {
    MailSettings settings = new MailSettings("mail.example.org", 25, FROM, " ", null, null, null);
    assertFalse(settings.login());
    assertNull(settings.username());
    assertEquals(Tls.NONE, settings.tls());
  }

  @Test
  void theSettingsNeverShowThePassword() {
    MailSettings settings =
        new MailSettings("mail.example.org", 465, FROM, "steward", "s3cret", Tls.SMTPS, null);
    assertFalse(settings.toString().contains("s3cret"));
    assertTrue(settings.toString().contains("steward"));
  }

  @Test
  void aTemplatesDirectoryThatDoesNotExistIsRefused(@TempDir Path dir) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new MailTemplates(dir.resolve("nope")));
    assertTrue(refused.getMessage().contains("does not exist"));
  }

  @Test
  void aTemplatesDirectoryThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("templates"), "");
    assertThrows(IllegalArgumentException.class, () -> new MailTemplates(file));
  }

  @Test
  void aTemplateOfItsOwnWithoutAllThreeFilesIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("approvalRequierd.txt.mustache"), "typo");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new MailTemplates(dir));
    assertTrue(refused.getMessage().contains("approvalRequierd.subject.mustache"));
  }

  @Test
  void anOverrideThatDoesNotCompileIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("accessEnded.html.mustache"), "{{#packageName}} never closed");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new MailTemplates(dir));
    assertTrue(refused.getMessage().contains("accessEnded.html.mustache in " + dir));
  }

  @Test
  void filesThatAreNotTemplatesAreLeftAlone(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("README.txt"), "our mail templates");
    new MailTemplates(dir);
  }
}
