package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Automatic policies in Graph's shape, and the rules Steward keeps for them. */
class AutomaticPolicyDocumentTest {
  private static final String RULE =
      "(user.department -eq \"Sales\") -and (user.employeeType -ne \"Contractor\")";

  static Map<String, Object> automatic(String rule) {
    Map<String, Object> b = new HashMap<>();
    b.put("allowedTargetScope", "specificDirectoryUsers");
    b.put(
        "specificAllowedTargets",
        List.of(
            Map.of(
                "@odata.type",
                "#microsoft.graph.attributeRuleMembers",
                "description",
                "Sales",
                "membershipRule",
                rule)));
    b.put(
        "automaticRequestSettings",
        Map.of(
            "requestAccessForAllowedTargets",
            true,
            "removeAccessWhenTargetLeavesAllowedTargets",
            true,
            "gracePeriodBeforeAccessRemoval",
            "P7D"));
    return b;
  }

  @Test
  void anAutomaticPolicyIsReadAndWrittenInGraphsShape() {
    AssignmentPolicy.Settings s = PolicyDocument.read(automatic(RULE));
    assertTrue(s.isAutomatic());
    assertEquals(Duration.ofDays(7), s.automaticRequestSettings().grace());
    assertEquals(RULE, s.attributeRule().orElseThrow().membershipRule());
    Map<String, Object> written = PolicyDocument.write(s);
    @SuppressWarnings("unchecked")
    Map<String, Object> auto = (Map<String, Object>) written.get("automaticRequestSettings");
    assertEquals("P7D", auto.get("gracePeriodBeforeAccessRemoval"));
    assertEquals(s, PolicyDocument.read(written));
  }

  @Test
  void aMalformedRuleIsRefusedAtItsPath() {
    DomainException e =
        assertThrows(
            DomainException.class,
            () -> PolicyDocument.read(automatic("user.department -eq \"Sales\" -and")));
    assertEquals("specificAllowedTargets[0].membershipRule", e.field());
    assertTrue(e.getMessage().contains("position"), e.getMessage());
  }

  @Test
  void nobodyMayRequestUnderAnAutomaticPolicy() {
    Map<String, Object> b = automatic(RULE);
    b.put("requestorSettings", Map.of("enableTargetsToSelfAddAccess", true));
    assertTrue(
        assertThrows(DomainException.class, () -> PolicyDocument.read(b))
            .getMessage()
            .contains("nobody may request"));
  }

  @Test
  void anAutomaticPolicyNeedsExactlyOneRule() {
    Map<String, Object> b = automatic(RULE);
    b.put("specificAllowedTargets", List.of());
    assertThrows(DomainException.class, () -> PolicyDocument.read(b));
  }

  @Test
  void aRuleOutsideAnAutomaticPolicyIsRefused() {
    Map<String, Object> b = automatic(RULE);
    b.remove("automaticRequestSettings");
    assertTrue(
        assertThrows(DomainException.class, () -> PolicyDocument.read(b))
            .getMessage()
            .contains("only for automatic policies"));
  }

  @Test
  void unknownAutomaticSettingsAreRefused() {
    Map<String, Object> b = automatic(RULE);
    b.put("automaticRequestSettings", Map.of("requestAccessForAllowedTargets", true, "x", 1));
    assertTrue(
        assertThrows(DomainException.class, () -> PolicyDocument.read(b))
            .getMessage()
            .contains("automaticRequestSettings.x"));
    Map<String, Object> negative = automatic(RULE);
    negative.put(
        "automaticRequestSettings",
        Map.of("requestAccessForAllowedTargets", true, "gracePeriodBeforeAccessRemoval", "-P1D"));
    assertThrows(DomainException.class, () -> PolicyDocument.read(negative));
  }

  @Test
  void aPolicyWithoutAutomaticSettingsIsNotAutomatic() {
    Map<String, Object> b = new HashMap<>();
    b.put("allowedTargetScope", "allDirectoryUsers");
    assertFalse(PolicyDocument.read(b).isAutomatic());
  }
}
