package dev.steward.application.port.out.directory;

import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The organisation's directory of users and groups. */
public interface Directory {
  /** Finds a user or a group by id. */
  Future<Optional<Principal>> find(PrincipalId id);

  Future<Optional<Principal>> findUserByLogin(String login);

  /** Checks a password by binding as the user; empty when the login or password is wrong. */
  Future<Optional<Principal>> authenticate(String login, String password);

  /** The user's groups (direct and nested) and the directory roles they give. */
  Future<Membership> membershipOf(PrincipalId user);

  /** Users or groups whose name, login or mail starts with the text (all when it is empty). */
  Future<List<Principal>> search(PrincipalType type, String text, int limit);

  /**
   * One page of the users or groups that meet every condition of the query, in {@link
   * DirectoryQuery#ORDER}, with the number that match on all pages.
   */
  Future<DirectoryPage> list(DirectoryQuery query);

  /** The users named in a group's {@code owner} attribute: they have a right on the group. */
  Future<java.util.Set<PrincipalId>> ownersOf(PrincipalId group);

  /** The user's manager from the directory, if it names one who exists. */
  Future<Optional<PrincipalId>> managerOf(PrincipalId user);

  /**
   * Writes the user into the group in the given role (member, or owner). Already there is success.
   */
  Future<Void> addToGroup(
      PrincipalId group, PrincipalId user, dev.steward.domain.ResourceRole role);

  /** Takes the user out of the group's role. Not there is success. */
  Future<Void> removeFromGroup(
      PrincipalId group, PrincipalId user, dev.steward.domain.ResourceRole role);

  /**
   * Whether users can be granted this role of a group through packages: not when the directory
   * keeps it in an attribute of one value (Active Directory's {@code managedBy} owner).
   */
  default boolean grantable(dev.steward.domain.ResourceRole role) {
    return true;
  }

  /**
   * Whether a user's account is disabled, and when they last signed in where the directory records
   * it (AD's {@code lastLogonTimestamp}); empty when the user is not in the directory.
   */
  default Future<Optional<AccountState>> accountOf(PrincipalId user) {
    return find(user).map(p -> p.map(x -> new AccountState(false, Optional.empty())));
  }

  /** What the directory says about a user's account. */
  record AccountState(boolean disabled, Optional<java.time.Instant> lastLogon) {}

  /** The members of a group, direct and nested. */
  Future<List<Principal>> membersOf(PrincipalId group, int limit);
}
