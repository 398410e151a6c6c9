package dev.steward.adapter.ldap;

import dev.steward.domain.RoleDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the directory and how its entries are shaped. {@link DirectoryType#settings} gives
 * the shape of OpenLDAP, Active Directory or 389 DS; every field can still be set on its own.
 *
 * @param loginAttributes the attributes a user may sign in with; the first is the login Steward
 *     shows
 * @param groupObjectClasses the classes a group may have, each with its member attribute at the
 *     same place of {@code memberAttributes} (389 DS: {@code groupOfNames} with {@code member},
 *     {@code groupOfUniqueNames} with {@code uniqueMember})
 * @param userFilter an LDAP filter users must also match (empty for none)
 * @param groupFilter an LDAP filter groups must also match (empty for none)
 * @param upnAttribute the user's principal name for Graph's {@code userPrincipalName} (empty: the
 *     login)
 * @param netbiosDomain the {@code DOMAIN} of {@code DOMAIN\name} logins (empty: read from an Active
 *     Directory, refused elsewhere)
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
    DirectoryType type,
    String userObjectClass,
    List<String> groupObjectClasses,
    String idAttribute,
    IdFormat idFormat,
    List<String> loginAttributes,
    String groupNameAttribute,
    String displayNameAttribute,
    String mailAttribute,
    String upnAttribute,
    String descriptionAttribute,
    List<String> memberAttributes,
    String ownerAttribute,
    String managerAttribute,
    String userFilter,
    String groupFilter,
    Nesting nesting,
    String netbiosDomain,
    Map<RoleDefinition, String> directoryRoleGroups,
    int poolSize,
    Duration membershipCacheTtl,
    Tls tls,
    String trustStore,
    String trustStorePassword) {

  /** How the connection to the directory is protected. */
  public enum Tls {
    /** Plain LDAP: only on a network you trust (an Active Directory refuses its binds). */
    NONE,
    /** LDAP over TLS from the first byte (usually port 636). */
    LDAPS,
    /** Plain LDAP upgraded with the StartTLS extended operation before binding. */
    STARTTLS
  }

  /** How the id attribute's values are written. */
  public enum IdFormat {
    /** A GUID in its text form, as OpenLDAP's and 389 DS's {@code entryUUID}. */
    STRING,
    /** Sixteen bytes, as Active Directory's {@code objectGUID}, shown in Microsoft's form. */
    BINARY_GUID
  }

  /** How a user's nested groups are found. */
  public enum Nesting {
    /** Level by level, one search per level: any directory. */
    WALK,
    /** Active Directory's in-chain matching rule: one search for every level. */
    IN_CHAIN
  }

  public LdapSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(userBaseDn, "userBaseDn");
    Objects.requireNonNull(groupBaseDn, "groupBaseDn");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(idFormat, "idFormat");
    Objects.requireNonNull(nesting, "nesting");
    loginAttributes = List.copyOf(loginAttributes);
    groupObjectClasses = List.copyOf(groupObjectClasses);
    memberAttributes = List.copyOf(memberAttributes);
    if (groupObjectClasses.isEmpty() || groupObjectClasses.size() != memberAttributes.size()) {
      throw new IllegalArgumentException(
          "each group object class needs its member attribute: "
              + groupObjectClasses
              + " and "
              + memberAttributes);
    }
    if (loginAttributes.isEmpty()) {
      throw new IllegalArgumentException("at least one login attribute is needed");
    }
    upnAttribute = upnAttribute == null ? "" : upnAttribute;
    descriptionAttribute = descriptionAttribute == null ? "" : descriptionAttribute;
    userFilter = userFilter == null ? "" : userFilter;
    groupFilter = groupFilter == null ? "" : groupFilter;
    netbiosDomain = netbiosDomain == null ? "" : netbiosDomain;
    directoryRoleGroups = Map.copyOf(directoryRoleGroups);
    tls = tls == null ? Tls.NONE : tls;
    if (poolSize < 1) {
      throw new IllegalArgumentException("the LDAP pool needs at least one connection");
    }
  }

  /** OpenLDAP-shaped settings for a server and base DN. */
  public static LdapSettings openLdapDefaults(
      String host, int port, String bindDn, String bindPassword, String baseDn) {
    return DirectoryType.OPENLDAP.settings(host, port, bindDn, bindPassword, baseDn);
  }

  /** The first group class's member attribute (the one Active Directory's groups have). */
  public String memberAttribute() {
    return memberAttributes.get(0);
  }

  /** The login Steward shows, and searches by first. */
  public String loginAttribute() {
    return loginAttributes.get(0);
  }

  public LdapSettings withDirectoryRoleGroups(Map<RoleDefinition, String> groups) {
    return copy(groups, membershipCacheTtl, tls, trustStore, trustStorePassword);
  }

  public LdapSettings withMembershipCacheTtl(Duration ttl) {
    return copy(directoryRoleGroups, ttl, tls, trustStore, trustStorePassword);
  }

  /** The same settings with TLS to the directory, trusting the certificates in a store. */
  public LdapSettings withTls(Tls mode, String store, String password) {
    return copy(directoryRoleGroups, membershipCacheTtl, mode, store, password);
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
        type,
        userObjectClass,
        groupObjectClasses,
        idAttribute,
        idFormat,
        loginAttributes,
        groupNameAttribute,
        displayNameAttribute,
        mailAttribute,
        upnAttribute,
        descriptionAttribute,
        memberAttributes,
        ownerAttribute,
        managerAttribute,
        userFilter,
        groupFilter,
        nesting,
        netbiosDomain,
        groups,
        poolSize,
        ttl,
        mode,
        store,
        password);
  }
}
