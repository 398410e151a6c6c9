package dev.steward.application.service.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's allow-list: compared parsed, never as raw text. */
class WebhookTargetsTest {
  private final WebhookTargets targets =
      new WebhookTargets(
          List.of("https://hooks.example.org/steward/", "https://tickets.example.org"), false);

  @Test
  void addressesUnderAnAllowedPrefixPass() {
    for (String ok :
        List.of(
            "https://hooks.example.org/steward/badge",
            "https://HOOKS.example.org:443/steward/a/b?x=1",
            "https://tickets.example.org/any/path",
            "https://tickets.example.org")) {
      assertTrue(targets.allowed(ok).isPresent(), ok);
    }
  }

  @Test
  void lookAlikesAndEscapesDoNot() {
    for (String bad :
        List.of(
            "http://hooks.example.org/steward/badge",
            "https://hooks.example.org.evil.test/steward/badge",
            "https://hooks.example.org/stewardess/badge",
            "https://hooks.example.org/steward/../admin",
            "https://hooks.example.org:8443/steward/badge",
            "https://user@hooks.example.org/steward/badge",
            "https://evil.test/?https://hooks.example.org/steward/",
            "https://tickets.example.org.evil.test/",
            "steward/badge",
            "not a url")) {
      assertEquals(Optional.empty(), targets.allowed(bad), bad);
    }
  }

  @Test
  void anAllowListThatIsNotOneStopsSteward() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookTargets(List.of("http://hooks.example.org/"), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookTargets(List.of("https://hooks.example.org/?a=b"), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookTargets(List.of("hooks.example.org"), false));
    assertTrue(
        new WebhookTargets(List.of("http://127.0.0.1:8080/hooks/"), true)
            .allowed("http://127.0.0.1:8080/hooks/x")
            .isPresent());
  }

  @Test
  void withNoAllowListNothingPasses() {
    assertTrue(WebhookTargets.none().isEmpty());
    assertEquals(Optional.empty(), WebhookTargets.none().allowed("https://hooks.example.org/"));
  }
}
