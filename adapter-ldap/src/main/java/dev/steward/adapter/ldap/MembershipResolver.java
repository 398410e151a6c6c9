package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.steward.adapter.ldap.LdapSettings.Nesting;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's groups, direct and nested, and the directory roles they give: on Active Directory with
 * the in-chain matching rule (the DC follows the nesting in one search), elsewhere level by level.
 * AD's primary group ({@code primaryGroupID}, usually Domain Users) is not in {@code member} and so
 * not among them.
 */
final class MembershipResolver {
  /** AD's LDAP_MATCHING_RULE_IN_CHAIN. */
  static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

  /** Nested groups deeper than this are not walked (and a cycle stops here too). */
  static final int MAX_NESTING = 16;

  private final LdapSettings s;
  private final LdapReader reader;
  private final IdCodec ids;
  private final Filter groupKind;

  MembershipResolver(LdapSettings s, LdapReader reader, IdCodec ids, Filter groupKind) {
    this.s = s;
    this.reader = reader;
    this.ids = ids;
    this.groupKind = groupKind;
  }

  Membership of(DN user) throws LDAPException {
    Map<DN, PrincipalId> groups = s.nesting() == Nesting.IN_CHAIN ? inChain(user) : walked(user);
    Map<RoleDefinition, PrincipalId> roles = new HashMap<>();
    for (var configured : s.directoryRoleGroups().entrySet()) {
      PrincipalId group = groups.get(new DN(configured.getValue()));
      if (group != null) {
        roles.put(configured.getKey(), group);
      }
    }
    return new Membership(new HashSet<>(groups.values()), roles);
  }

  private Map<DN, PrincipalId> inChain(DN user) throws LDAPException {
    Map<DN, PrincipalId> groups = new LinkedHashMap<>();
    Filter chain =
        Filter.createExtensibleMatchFilter(s.memberAttribute(), IN_CHAIN, false, user.toString());
    for (SearchResultEntry g :
        reader.search(
            s.groupBaseDn(), Filter.createANDFilter(groupKind, chain), 0, ids.attribute())) {
      Optional<PrincipalId> id = ids.read(g);
      if (id.isPresent()) {
        groups.put(g.getParsedDN(), id.get());
      }
    }
    return groups;
  }

  private Map<DN, PrincipalId> walked(DN user) throws LDAPException {
    Map<DN, PrincipalId> groups = new LinkedHashMap<>();
    Set<DN> frontier = Set.of(user);
    for (int depth = 0; depth < MAX_NESTING && !frontier.isEmpty(); depth++) {
      List<Filter> members = new ArrayList<>();
      for (DN dn : frontier) {
        for (String attribute : new java.util.LinkedHashSet<>(s.memberAttributes())) {
          members.add(Filter.createEqualityFilter(attribute, dn.toString()));
        }
      }
      Set<DN> next = new HashSet<>();
      for (SearchResultEntry g :
          reader.search(
              s.groupBaseDn(),
              Filter.createANDFilter(groupKind, Filter.createORFilter(members)),
              0,
              ids.attribute())) {
        Optional<PrincipalId> id = ids.read(g);
        DN dn = g.getParsedDN();
        if (id.isPresent() && !groups.containsKey(dn)) {
          groups.put(dn, id.get());
          next.add(dn);
        }
      }
      frontier = next;
    }
    return groups;
  }
}
