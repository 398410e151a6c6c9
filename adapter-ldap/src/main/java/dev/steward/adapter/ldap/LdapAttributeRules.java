package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.steward.application.port.out.directory.AttributeRuleSearch;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Automatic policies' rules run as LDAP searches: one paged search under the user base for all
 * users a rule matches (only their id attribute is read), or one search for a single user.
 */
public final class LdapAttributeRules implements AttributeRuleSearch {
  private final LdapDirectory ldap;
  private final UserAttributeMap map;

  public LdapAttributeRules(LdapDirectory ldap, UserAttributeMap map) {
    this.ldap = ldap;
    this.map = map;
  }

  @Override
  public Set<String> ruleProperties() {
    return map.attributes().keySet();
  }

  /** The whole filter a rule is searched with: a user of the configured kind, and the rule. */
  Filter filter(MembershipRule rule) {
    return Filter.createANDFilter(ldap.entries().userKind(), RuleFilters.of(rule, map));
  }

  @Override
  public Future<Set<PrincipalId>> usersMatching(MembershipRule rule) {
    Filter f = filter(rule);
    return ldap.read(
        "ruleSearch",
        () -> {
          List<SearchResultEntry> found =
              ldap.reader().search(ldap.settings().userBaseDn(), f, 0, ldap.ids().attribute());
          Set<PrincipalId> out = new HashSet<>();
          for (SearchResultEntry e : found) {
            ldap.ids().read(e).ifPresent(out::add);
          }
          return out;
        });
  }

  @Override
  public Future<Boolean> matches(MembershipRule rule, PrincipalId user) {
    Filter f = Filter.createANDFilter(filter(rule), ldap.ids().filter(user));
    return ldap.read(
        "ruleMatch",
        () ->
            !ldap.reader()
                .search(ldap.settings().userBaseDn(), f, 1, ldap.ids().attribute())
                .isEmpty());
  }

  /** Read requests sent so far, for the benchmark's round-trip count. */
  public long readRequests() {
    return ldap.readRequests();
  }
}
