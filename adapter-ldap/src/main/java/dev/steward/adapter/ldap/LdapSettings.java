package dev.steward.adapter.ldap;

import dev.steward.domain.RoleDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the directory and how its entries are shaped. The defaults fit OpenLDAP with {@code
 * inetOrgPerson} users and {@code groupOfNames} groups, identified by {@code entryUUID}.
 *
 * @param directoryRoleGroups the DN of the LDAP group whose members hold each directory role
 * @param membershipCacheTtl how long a user's groups are remembered; zero to ask every time
 */
public record LdapSettings(
    String host,
    int port,
    String bindDn,
    String bindPassword,
    String userBaseDn,
    String groupBaseDn,
    String userObjectClass,
    String groupObjectClass,
    String idAttribute,
    String loginAttribute,
    String groupNameAttribute,
    String displayNameAttribute,
    String mailAttribute,
    String memberAttribute,
    String ownerAttribute,
    String managerAttribute,
    Map<RoleDefinition, String> directoryRoleGroups,
    int poolSize,
    Duration membershipCacheTtl,
    Tls tls,
    String trustStore,
    String trustStorePassword) {

  /** How the connection to the directory is protected. */
  public enum Tls {
    /** Plain LDAP: only on a network you trust. */
    NONE,
    /** LDAP over TLS from the first byte (usually port 636). */
    LDAPS,
    /** Plain LDAP upgraded with the StartTLS extended operation before binding. */
    STARTTLS
  }

  public LdapSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(userBaseDn, "userBaseDn");
    Objects.requireNonNull(groupBaseDn, "groupBaseDn");
    directoryRoleGroups = Map.copyOf(directoryRoleGroups);
    tls = tls == null ? Tls.NONE : tls;
    if (poolSize < 1) {
      throw new IllegalArgumentException("the LDAP pool needs at least one connection");
    }
  }

  /** OpenLDAP-shaped settings for a server and base DN. */
  public static LdapSettings openLdapDefaults(
      String host, int port, String bindDn, String bindPassword, String baseDn) {
    return new LdapSettings(
        host,
        port,
        bindDn,
        bindPassword,
        "ou=people," + baseDn,
        "ou=groups," + baseDn,
        "inetOrgPerson",
        "groupOfNames",
        "entryUUID",
        "uid",
        "cn",
        "displayName",
        "mail",
        "member",
        "owner",
        "manager",
        Map.of(),
        4,
        Duration.ofSeconds(15),
        Tls.NONE,
        null,
        null);
  }

  public LdapSettings withDirectoryRoleGroups(Map<RoleDefinition, String> groups) {
    return copy(groups, membershipCacheTtl);
  }

  public LdapSettings withMembershipCacheTtl(Duration ttl) {
    return copy(directoryRoleGroups, ttl);
  }

  /** The same settings with TLS to the directory, trusting the certificates in a store. */
  public LdapSettings withTls(Tls mode, String store, String password) {
    return copy(directoryRoleGroups, membershipCacheTtl, mode, store, password);
  }

  private LdapSettings copy(Map<RoleDefinition, String> groups, Duration ttl) {
    return copy(groups, ttl, tls, trustStore, trustStorePassword);
  }

  private LdapSettings copy(
      Map<RoleDefinition, String> groups, Duration ttl, Tls mode, String store, String password) {
    return new LdapSettings(
        host,
        port,
        bindDn,
        bindPassword,
        userBaseDn,
        groupBaseDn,
        userObjectClass,
        groupObjectClass,
        idAttribute,
        loginAttribute,
        groupNameAttribute,
        displayNameAttribute,
        mailAttribute,
        memberAttribute,
        ownerAttribute,
        managerAttribute,
        groups,
        poolSize,
        ttl,
        mode,
        store,
        password);
  }
}
