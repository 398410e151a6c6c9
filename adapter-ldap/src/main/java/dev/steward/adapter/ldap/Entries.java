package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds users and groups and maps their entries to principals: by id, by login (any login
 * attribute, or {@code DOMAIN\\name} on AD), or at a DN; only entries of the configured kinds
 * (object class and filter) count.
 */
final class Entries {
  private final LdapSettings s;
  private final LDAPConnectionPool pool;
  private final LdapReader reader;
  private final IdCodec ids;
  private final Filter userKind;
  private final Filter groupKind;
  private final String[] attributes;
  private final String netbiosDomain;

  Entries(LdapSettings s, LDAPConnectionPool pool, LdapReader reader, IdCodec ids)
      throws LDAPException {
    this.s = s;
    this.pool = pool;
    this.reader = reader;
    this.ids = ids;
    this.userKind = kind(List.of(s.userObjectClass()), s.userFilter(), "user");
    this.groupKind = kind(s.groupObjectClasses(), s.groupFilter(), "group");
    this.netbiosDomain =
        !s.netbiosDomain().isEmpty() || s.type() != DirectoryType.ACTIVE_DIRECTORY
            ? s.netbiosDomain()
            : netbiosDomainOf(pool, reader);
    Set<String> wanted = new LinkedHashSet<>();
    wanted.add(s.idAttribute());
    wanted.add("objectClass");
    wanted.addAll(s.loginAttributes());
    for (String a :
        List.of(
            s.groupNameAttribute(),
            s.displayNameAttribute(),
            s.mailAttribute(),
            s.upnAttribute(),
            s.descriptionAttribute())) {
      if (!a.isEmpty()) {
        wanted.add(a);
      }
    }
    this.attributes = wanted.toArray(String[]::new);
  }

  Filter userKind() {
    return userKind;
  }

  Filter groupKind() {
    return groupKind;
  }

  /** The attributes every principal is read with. */
  String[] attributes() {
    return attributes;
  }

  String netbiosDomain() {
    return netbiosDomain;
  }

  /** The object class, and the configured filter when there is one. */
  private static Filter kind(List<String> objectClasses, String extra, String what) {
    List<Filter> any = new ArrayList<>();
    for (String objectClass : objectClasses) {
      any.add(Filter.createEqualityFilter("objectClass", objectClass));
    }
    Filter cls = any.size() == 1 ? any.get(0) : Filter.createORFilter(any);
    if (extra.isEmpty()) {
      return cls;
    }
    try {
      return Filter.createANDFilter(cls, Filter.create(extra));
    } catch (LDAPException e) {
      throw new IllegalArgumentException(
          "the " + what + " filter '" + extra + "' is not an LDAP filter: " + e.getMessage(), e);
    }
  }

  /** The attribute that lists the members of a group of this entry's class; empty: no group. */
  Optional<String> memberAttributeOf(SearchResultEntry e) {
    for (int i = 0; i < s.groupObjectClasses().size(); i++) {
      if (e.hasObjectClass(s.groupObjectClasses().get(i))) {
        return Optional.of(s.memberAttributes().get(i));
      }
    }
    return Optional.empty();
  }

  boolean isGroup(SearchResultEntry e) {
    return memberAttributeOf(e).isPresent();
  }

  /** The domain's NetBIOS name from AD's partitions container, for DOMAIN\name logins. */
  private static String netbiosDomainOf(LDAPConnectionPool pool, LdapReader reader)
      throws LDAPException {
    RootDSE root = pool.getRootDSE();
    String config = root == null ? null : root.getAttributeValue("configurationNamingContext");
    String domain = root == null ? null : root.getAttributeValue("defaultNamingContext");
    if (config == null || domain == null) {
      return "";
    }
    for (SearchResultEntry partition :
        reader.search(
            "CN=Partitions," + config,
            Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "crossRef"),
                Filter.createEqualityFilter("nCName", domain)),
            1,
            "nETBIOSName")) {
      String name = partition.getAttributeValue("nETBIOSName");
      return name == null ? "" : name;
    }
    return "";
  }

  Optional<Principal> toPrincipal(SearchResultEntry e) {
    Optional<PrincipalId> id = ids.read(e);
    boolean group = isGroup(e);
    boolean user = !group && e.hasObjectClass(s.userObjectClass());
    if (id.isEmpty() || (!user && !group)) {
      return Optional.empty();
    }
    String name = e.getAttributeValue(s.displayNameAttribute());
    String cn = e.getAttributeValue(s.groupNameAttribute());
    String login = user ? e.getAttributeValue(s.loginAttribute()) : cn;
    return Optional.of(
        new Principal(
            id.get(),
            user ? PrincipalType.USER : PrincipalType.GROUP,
            name != null ? name : (cn != null ? cn : login),
            login,
            e.getAttributeValue(s.mailAttribute()),
            user && !s.upnAttribute().isEmpty() ? e.getAttributeValue(s.upnAttribute()) : null,
            group && !s.descriptionAttribute().isEmpty()
                ? e.getAttributeValue(s.descriptionAttribute())
                : null));
  }

  /** The user or group entry at a DN, if it is one of the kinds Steward knows. */
  Optional<SearchResultEntry> entryAt(String dn) throws LDAPException {
    SearchRequest request =
        new SearchRequest(
            dn, SearchScope.BASE, Filter.createORFilter(userKind, groupKind), attributes);
    try {
      List<SearchResultEntry> found = pool.search(request).getSearchEntries();
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  Optional<SearchResultEntry> findEntry(PrincipalId id) throws LDAPException {
    Filter byId = ids.filter(id);
    List<SearchResultEntry> users =
        reader.search(s.userBaseDn(), Filter.createANDFilter(userKind, byId), 1, attributes);
    if (!users.isEmpty()) {
      return Optional.of(users.get(0));
    }
    List<SearchResultEntry> groups =
        reader.search(s.groupBaseDn(), Filter.createANDFilter(groupKind, byId), 1, attributes);
    return groups.isEmpty() ? Optional.empty() : Optional.of(groups.get(0));
  }

  /** The group (or user) with this id; "no such object" when there is none. */
  SearchResultEntry require(PrincipalId id, boolean group) throws LDAPException {
    Optional<SearchResultEntry> e = findEntry(id);
    if (e.isEmpty() || isGroup(e.get()) != group) {
      throw new LDAPException(
          ResultCode.NO_SUCH_OBJECT, "no " + (group ? "group" : "user") + " with id " + id);
    }
    return e.get();
  }

  /**
   * The one user a login names: any login attribute's value, or {@code DOMAIN\name} for the
   * domain's own NetBIOS name. A login that matches two entries is ambiguous: nobody signs in.
   */
  Optional<SearchResultEntry> userByLogin(String login) throws LDAPException {
    Filter byLogin;
    int slash = login.indexOf('\\');
    if (slash >= 0) {
      if (netbiosDomain.isEmpty() || !netbiosDomain.equalsIgnoreCase(login.substring(0, slash))) {
        return Optional.empty();
      }
      byLogin = Filter.createEqualityFilter(s.loginAttribute(), login.substring(slash + 1));
    } else {
      List<Filter> any = new ArrayList<>();
      for (String attribute : s.loginAttributes()) {
        any.add(Filter.createEqualityFilter(attribute, login));
      }
      byLogin = any.size() == 1 ? any.get(0) : Filter.createORFilter(any);
    }
    List<SearchResultEntry> found =
        reader.search(s.userBaseDn(), Filter.createANDFilter(userKind, byLogin), 2, attributes);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
