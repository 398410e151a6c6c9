package dev.steward.application.fakes;

import dev.steward.application.port.out.directory.AttributeRuleSearch;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Users' attributes held in memory and rules evaluated over them as an LDAP server with
 * case-ignoring matching would; counts its searches so tests can see one search per run.
 */
public final class FakeAttributeRules implements AttributeRuleSearch {
  private static final Set<String> PROPERTIES =
      Set.of("department", "jobTitle", "employeeType", "city", "country", "mail");

  private final Map<PrincipalId, Map<String, String>> users = new HashMap<>();
  private int searches;

  /** Sets (or with null removes) one attribute of a user, creating the user's entry. */
  public synchronized void set(Principal user, String property, String value) {
    Map<String, String> attrs = users.computeIfAbsent(user.id(), k -> new HashMap<>());
    if (value == null) {
      attrs.remove(property.toLowerCase(Locale.ROOT));
    } else {
      attrs.put(property.toLowerCase(Locale.ROOT), value);
    }
  }

  public synchronized int searches() {
    return searches;
  }

  @Override
  public Set<String> ruleProperties() {
    return PROPERTIES;
  }

  @Override
  public synchronized Future<Set<PrincipalId>> usersMatching(MembershipRule rule) {
    searches++;
    Set<PrincipalId> out = new HashSet<>();
    users.forEach(
        (id, attrs) -> {
          if (holds(rule, attrs)) {
            out.add(id);
          }
        });
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<Boolean> matches(MembershipRule rule, PrincipalId user) {
    Map<String, String> attrs = users.get(user);
    return Future.succeededFuture(attrs != null && holds(rule, attrs));
  }

  static boolean holds(MembershipRule rule, Map<String, String> attrs) {
    if (rule instanceof MembershipRule.And a) {
      return a.rules().stream().allMatch(r -> holds(r, attrs));
    }
    if (rule instanceof MembershipRule.Or o) {
      return o.rules().stream().anyMatch(r -> holds(r, attrs));
    }
    if (rule instanceof MembershipRule.Not n) {
      return !holds(n.rule(), attrs);
    }
    MembershipRule.Comparison c = (MembershipRule.Comparison) rule;
    String v = attrs.get(c.property().toLowerCase(Locale.ROOT));
    if (c.isNullTest()) {
      return (c.operator() == MembershipRule.Operator.EQ) == (v == null);
    }
    String lv = v == null ? null : v.toLowerCase(Locale.ROOT);
    String first = c.values().get(0).toLowerCase(Locale.ROOT);
    boolean positive =
        lv != null
            && switch (c.operator()) {
              case EQ, NE -> lv.equals(first);
              case STARTS_WITH, NOT_STARTS_WITH -> lv.startsWith(first);
              case CONTAINS, NOT_CONTAINS -> lv.contains(first);
              case IN, NOT_IN ->
                  c.values().stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(lv));
            };
    return c.operator().negated() != positive;
  }
}
