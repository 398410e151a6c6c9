package dev.steward.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a policy names: one user, the members of a group, the requestor's manager, or the users an
 * attribute rule matches.
 */
public sealed interface SubjectSet {
  /** The directory object this set names, if it names one. */
  Optional<PrincipalId> principal();

  /** One directory user. */
  record SingleUser(PrincipalId userId, String description) implements SubjectSet {
    public SingleUser {
      Objects.requireNonNull(userId, "userId");
      description = description == null ? "" : description;
    }

    @Override
    public Optional<PrincipalId> principal() {
      return Optional.of(userId);
    }
  }

  /** Every member of a directory group, including members of nested groups. */
  record GroupMembers(PrincipalId groupId, String description) implements SubjectSet {
    public GroupMembers {
      Objects.requireNonNull(groupId, "groupId");
      description = description == null ? "" : description;
    }

    @Override
    public Optional<PrincipalId> principal() {
      return Optional.of(groupId);
    }
  }

  /** The requestor's manager from the directory (level 1: the direct manager). */
  record RequestorManager(int managerLevel) implements SubjectSet {
    public RequestorManager {
      if (managerLevel < 1 || managerLevel > 2) {
        throw DomainException.invalid("managerLevel", "'managerLevel' must be 1 or 2");
      }
    }

    @Override
    public Optional<PrincipalId> principal() {
      return Optional.empty();
    }
  }

  /**
   * The users whose directory attributes match a rule (Graph's {@code attributeRuleMembers}); the
   * text is kept as written, the parsed rule beside it.
   */
  record AttributeRuleMembers(String description, String membershipRule, MembershipRule rule)
      implements SubjectSet {
    public AttributeRuleMembers {
      description = description == null ? "" : description;
      Objects.requireNonNull(membershipRule, "membershipRule");
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public Optional<PrincipalId> principal() {
      return Optional.empty();
    }
  }
}
