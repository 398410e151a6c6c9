package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Automatic assignment's settings: defaults, the directory type's attribute map, refusals. */
class AutomationConfigTest {
  @Test
  void defaultsAreFiveMinutesAndTheTypesAttributes() {
    AutomationConfig c = AutomationConfig.from(new Config(Map.of()));
    assertEquals(Duration.ofSeconds(300), c.interval());
    assertEquals(Optional.of("departmentNumber"), c.attributes().attributeOf("department"));
    AutomationConfig ad =
        AutomationConfig.from(new Config(Map.of("STEWARD_LDAP_DIRECTORY_TYPE", "activeDirectory")));
    assertEquals(Optional.of("department"), ad.attributes().attributeOf("department"));
  }

  @Test
  void theMapChangesTheDefaults() {
    AutomationConfig c =
        AutomationConfig.from(
            new Config(
                Map.of("STEWARD_LDAP_USER_ATTRIBUTE_MAP", "department=ou,costCenter=carLicense")));
    assertEquals(Optional.of("ou"), c.attributes().attributeOf("department"));
    assertEquals(Optional.of("carLicense"), c.attributes().attributeOf("costCenter"));
  }

  @Test
  void aMalformedMapOrIntervalStopsStewardBeforeAnyServerStarts() {
    IllegalArgumentException map =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Steward.start(new Config(Map.of("STEWARD_LDAP_USER_ATTRIBUTE_MAP", "department"))));
    assertTrue(map.getMessage().contains("STEWARD_LDAP_USER_ATTRIBUTE_MAP"), map.getMessage());
    IllegalArgumentException interval =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AutomationConfig.from(
                    new Config(Map.of("STEWARD_AUTO_ASSIGNMENT_INTERVAL_SECONDS", "0"))));
    assertTrue(interval.getMessage().contains("STEWARD_AUTO_ASSIGNMENT_INTERVAL_SECONDS"));
  }
}
