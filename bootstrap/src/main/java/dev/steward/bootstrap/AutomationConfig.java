package dev.steward.bootstrap;

import dev.steward.adapter.ldap.DirectoryType;
import dev.steward.adapter.ldap.UserAttributeMap;
import java.time.Duration;

/**
 * Automatic assignment: how often each automatic policy is reconciled ({@code
 * STEWARD_AUTO_ASSIGNMENT_INTERVAL_SECONDS}) and which LDAP attribute holds each Graph user
 * property its rules may name ({@code STEWARD_LDAP_USER_ATTRIBUTE_MAP}).
 */
record AutomationConfig(Duration interval, UserAttributeMap attributes) {
  static AutomationConfig from(Config config) {
    DirectoryType type =
        DirectoryType.parse(
            config.get("STEWARD_LDAP_DIRECTORY_TYPE", DirectoryType.OPENLDAP.configName()));
    int seconds = config.getInt("STEWARD_AUTO_ASSIGNMENT_INTERVAL_SECONDS", 300);
    if (seconds < 1) {
      throw new IllegalArgumentException(
          "STEWARD_AUTO_ASSIGNMENT_INTERVAL_SECONDS must be at least 1, not " + seconds);
    }
    return new AutomationConfig(
        Duration.ofSeconds(seconds),
        UserAttributeMap.parse(config.get("STEWARD_LDAP_USER_ATTRIBUTE_MAP", ""), type));
  }
}
