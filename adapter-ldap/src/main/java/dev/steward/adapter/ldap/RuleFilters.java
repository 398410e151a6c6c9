package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.Filter;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.MembershipRule.Comparison;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an attribute rule into an LDAP filter with the SDK's filter factories only, so every value
 * is an assertion value (RFC 4515 escaping happens when the filter is encoded): a value that looks
 * like filter syntax, such as {@code *)(uid=*}, is matched literally.
 */
final class RuleFilters {
  private RuleFilters() {}

  static Filter of(MembershipRule rule, UserAttributeMap map) {
    if (rule instanceof MembershipRule.And a) {
      return Filter.createANDFilter(all(a.rules(), map));
    }
    if (rule instanceof MembershipRule.Or o) {
      return Filter.createORFilter(all(o.rules(), map));
    }
    if (rule instanceof MembershipRule.Not n) {
      return Filter.createNOTFilter(of(n.rule(), map));
    }
    Comparison c = (Comparison) rule;
    String attribute =
        map.attributeOf(c.property())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "user." + c.property() + " is not mapped to a directory attribute"));
    if (c.isNullTest()) {
      Filter present = Filter.createPresenceFilter(attribute);
      return c.operator() == MembershipRule.Operator.EQ ? Filter.createNOTFilter(present) : present;
    }
    Filter positive =
        switch (c.operator()) {
          case EQ, NE -> Filter.createEqualityFilter(attribute, c.values().get(0));
          case STARTS_WITH, NOT_STARTS_WITH ->
              Filter.createSubstringFilter(attribute, c.values().get(0), null, null);
          case CONTAINS, NOT_CONTAINS ->
              Filter.createSubstringFilter(attribute, null, new String[] {c.values().get(0)}, null);
          case IN, NOT_IN -> {
            List<Filter> any = new ArrayList<>();
            for (String v : c.values()) {
              any.add(Filter.createEqualityFilter(attribute, v));
            }
            yield any.size() == 1 ? any.get(0) : Filter.createORFilter(any);
          }
        };
    return c.operator().negated() ? Filter.createNOTFilter(positive) : positive;
  }

  private static List<Filter> all(List<MembershipRule> rules, UserAttributeMap map) {
    List<Filter> out = new ArrayList<>();
    for (MembershipRule r : rules) {
      out.add(of(r, map));
    }
    return out;
  }
}
