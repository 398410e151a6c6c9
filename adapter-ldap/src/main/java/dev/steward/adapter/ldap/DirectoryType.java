package dev.steward.adapter.ldap;

import dev.steward.adapter.ldap.LdapSettings.IdFormat;
import dev.steward.adapter.ldap.LdapSettings.Nesting;
import dev.steward.adapter.ldap.LdapSettings.Tls;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The kinds of directory Steward knows the shape of, like Keycloak's LDAP "vendor": each gives
 * defaults for every entry-shape setting, which the individual settings still override.
 */
public enum DirectoryType {
  OPENLDAP("openldap"),
  ACTIVE_DIRECTORY("activeDirectory"),
  DS389("389ds");

  /** AD's people, without computers (also {@code user}s) or built-in accounts (krbtgt, Guest). */
  public static final String AD_PEOPLE =
      "(&(objectCategory=person)(objectClass=user)(!(isCriticalSystemObject=TRUE)))";

  private final String configName;

  DirectoryType(String configName) {
    this.configName = configName;
  }

  /** The name used in {@code STEWARD_LDAP_DIRECTORY_TYPE}. */
  public String configName() {
    return configName;
  }

  /** The type with this configuration name; anything else is refused with the names known. */
  public static DirectoryType parse(String name) {
    for (DirectoryType t : values()) {
      if (t.configName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "STEWARD_LDAP_DIRECTORY_TYPE must be one of "
            + Arrays.stream(values()).map(t -> t.configName).collect(Collectors.joining(", "))
            + ", not '"
            + name
            + "'");
  }

  /** Settings of this shape for a server and base DN, with no directory-role groups. */
  public LdapSettings settings(
      String host, int port, String bindDn, String bindPassword, String baseDn) {
    boolean ad = this == ACTIVE_DIRECTORY;
    return new LdapSettings(
        host,
        port,
        bindDn,
        bindPassword,
        // AD keeps users and groups anywhere in the domain (CN=Users, OUs of their own).
        ad ? baseDn : "ou=people," + baseDn,
        ad ? baseDn : "ou=groups," + baseDn,
        this,
        ad ? "user" : "inetOrgPerson",
        switch (this) {
          case ACTIVE_DIRECTORY -> List.of("group");
          case DS389 -> List.of("groupOfNames", "groupOfUniqueNames");
          case OPENLDAP -> List.of("groupOfNames");
        },
        ad ? "objectGUID" : "entryUUID",
        ad ? IdFormat.BINARY_GUID : IdFormat.STRING,
        ad ? List.of("sAMAccountName", "userPrincipalName") : List.of("uid"),
        "cn",
        "displayName",
        "mail",
        ad ? "userPrincipalName" : "",
        "description",
        this == DS389 ? List.of("member", "uniqueMember") : List.of("member"),
        ad ? "managedBy" : "owner",
        "manager",
        ad ? AD_PEOPLE : "",
        "",
        ad ? Nesting.IN_CHAIN : Nesting.WALK,
        "",
        Map.of(),
        4,
        Duration.ofSeconds(15),
        Tls.NONE,
        null,
        null);
  }
}
