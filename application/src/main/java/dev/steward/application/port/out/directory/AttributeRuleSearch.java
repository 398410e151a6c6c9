package dev.steward.application.port.out.directory;

import dev.steward.domain.DomainException;
import dev.steward.domain.MembershipRule;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.Set;

/** The directory's users as an attribute rule of an automatic policy selects them. */
public interface AttributeRuleSearch {
  /** The Graph user properties a rule may name: those mapped to a directory attribute. */
  Set<String> ruleProperties();

  /** Every user the rule matches now, read in pages. */
  Future<Set<PrincipalId>> usersMatching(MembershipRule rule);

  /** Whether one user matches the rule now. */
  Future<Boolean> matches(MembershipRule rule, PrincipalId user);

  /** Refuses a rule that names a property no directory attribute is mapped to. */
  default void requireKnownProperties(MembershipRule rule, String field) {
    Set<String> known = ruleProperties();
    for (String p : rule.properties()) {
      if (known.stream().noneMatch(k -> k.equalsIgnoreCase(p))) {
        throw DomainException.invalid(
            field,
            "'"
                + field
                + "' names user."
                + p
                + ", which is not mapped to a directory attribute (STEWARD_LDAP_USER_ATTRIBUTE_MAP"
                + " maps "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
      }
    }
  }

  /** No directory to search: every rule is refused. */
  AttributeRuleSearch NONE =
      new AttributeRuleSearch() {
        @Override
        public Set<String> ruleProperties() {
          return Set.of();
        }

        @Override
        public Future<Set<PrincipalId>> usersMatching(MembershipRule rule) {
          return Future.failedFuture(new IllegalStateException("no attribute search"));
        }

        @Override
        public Future<Boolean> matches(MembershipRule rule, PrincipalId user) {
          return Future.failedFuture(new IllegalStateException("no attribute search"));
        }
      };
}
