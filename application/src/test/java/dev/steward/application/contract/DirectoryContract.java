package dev.steward.application.contract;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.DirectoryPage;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every directory must do, over one fixed organisation that each implementation loads: users
 * {@code alice} (password {@code alice-pw}), {@code bob}, {@code carol}; group {@code engineers}
 * holding alice; group {@code staff} holding the group engineers and bob; group {@code admins}
 * holding carol and configured as the Global administrator group.
 */
public abstract class DirectoryContract {
  protected abstract Directory directory();

  private Principal user(String login) {
    return await(directory().findUserByLogin(login)).orElseThrow();
  }

  private Principal group(String name) {
    return await(directory().search(PrincipalType.GROUP, name, 5)).stream()
        .filter(g -> g.login().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aUserIsFoundByLoginAndById() {
    Principal alice = user("alice");
    assertEquals(PrincipalType.USER, alice.type());
    assertEquals("alice", alice.login());
    assertEquals(alice, await(directory().find(alice.id())).orElseThrow());
    assertTrue(await(directory().find(new PrincipalId(Guid.random()))).isEmpty());
    assertTrue(await(directory().findUserByLogin("nobody")).isEmpty());
  }

  @Test
  void aGroupIsFoundById() {
    Principal staff = group("staff");
    assertEquals(PrincipalType.GROUP, staff.type());
    assertEquals(staff, await(directory().find(staff.id())).orElseThrow());
  }

  @Test
  void aPasswordIsCheckedAgainstTheDirectory() {
    assertEquals(user("alice"), await(directory().authenticate("alice", "alice-pw")).orElseThrow());
    assertTrue(await(directory().authenticate("alice", "wrong")).isEmpty());
    assertTrue(await(directory().authenticate("nobody", "alice-pw")).isEmpty());
  }

  @Test
  void membershipIncludesNestedGroupsAndTheDirectoryRolesTheyGive() {
    Membership alice = await(directory().membershipOf(user("alice").id()));
    assertTrue(alice.groups().contains(group("engineers").id()));
    assertTrue(alice.groups().contains(group("staff").id()));
    assertFalse(alice.groups().contains(group("admins").id()));
    assertTrue(alice.directoryRoles().isEmpty());
    Membership carol = await(directory().membershipOf(user("carol").id()));
    assertEquals(
        group("admins").id(), carol.directoryRoles().get(RoleDefinition.GLOBAL_ADMINISTRATOR));
  }

  @Test
  void searchMatchesTheStartOfANameOrLoginAndTreatsFilterCharactersAsText() {
    List<Principal> found = await(directory().search(PrincipalType.USER, "ali", 10));
    assertEquals(List.of("alice"), found.stream().map(Principal::login).toList());
    assertTrue(await(directory().search(PrincipalType.USER, "*)(uid=*", 10)).isEmpty());
    assertTrue(await(directory().search(PrincipalType.USER, "", 2)).size() <= 2);
    assertTrue(await(directory().search(PrincipalType.GROUP, "alice", 10)).isEmpty());
  }

  private List<String> logins(DirectoryQuery query) {
    return await(directory().list(query)).items().stream().map(Principal::login).toList();
  }

  private static DirectoryQuery users() {
    return DirectoryQuery.all(PrincipalType.USER, 10);
  }

  @Test
  void listingFiltersByDisplayNameMailAndIdWithoutRegardToCase() {
    Principal alice = user("alice");
    Principal carol = user("carol");
    String name = alice.displayName();
    assertEquals(List.of("alice"), logins(users().withDisplayName(name.toUpperCase(Locale.ROOT))));
    assertEquals(List.of(), logins(users().withDisplayName(name.substring(0, 3))));
    assertEquals(
        List.of("alice"),
        logins(users().withDisplayNameStartingWith(name.substring(0, 3).toLowerCase(Locale.ROOT))));
    assertEquals(List.of("alice"), logins(users().withMail(alice.mail().toUpperCase(Locale.ROOT))));
    assertEquals(List.of(), logins(users().withMail("nobody@example.org")));
    assertEquals(
        List.of("alice", "carol"),
        logins(users().withIds(Set.of(carol.id(), alice.id(), new PrincipalId(Guid.random())))));
    assertEquals(
        List.of("staff"),
        logins(DirectoryQuery.all(PrincipalType.GROUP, 10).withDisplayName("STAFF")));
    assertEquals(List.of(), logins(users().withDisplayName(group("staff").displayName())));
    assertEquals(
        List.of(), logins(DirectoryQuery.all(PrincipalType.GROUP, 10).withIds(Set.of(alice.id()))));
  }

  @Test
  void listingConditionsAllHoldTogetherWithTheSearch() {
    Principal alice = user("alice");
    Principal bob = user("bob");
    String start = alice.displayName().substring(0, 1);
    assertEquals(
        List.of("alice"),
        logins(users().withDisplayNameStartingWith(start).withMail(alice.mail())));
    assertEquals(
        List.of(), logins(users().withDisplayNameStartingWith(start).withMail(bob.mail())));
    assertEquals(List.of("alice"), logins(users().withSearch("ali").withMail(alice.mail())));
    assertEquals(List.of(), logins(users().withSearch("ali").withMail(bob.mail())));
    assertEquals(List.of(), logins(users().withSearch("ali").withIds(Set.of(bob.id()))));
  }

  @Test
  void listingTreatsFilterCharactersAsText() {
    for (String text : List.of("*", "a*", "*)(uid=*", "\\2a", "(", "\\")) {
      assertEquals(List.of(), logins(users().withDisplayName(text)), text);
      assertEquals(List.of(), logins(users().withDisplayNameStartingWith(text)), text);
      assertEquals(List.of(), logins(users().withMail(text)), text);
      assertEquals(List.of(), logins(users().withSearch(text)), text);
    }
  }

  @Test
  void listingPagesInDisplayNameOrderAndCountsEveryMatch() {
    // However many users the directory holds (a shared test server may hold more than the
    // fixture's), pages of 50 and pages of 2 walk the same users in the same order, once each.
    List<Principal> all = walk(DirectoryQuery.all(PrincipalType.USER, 50));
    assertEquals(all.stream().sorted(DirectoryQuery.ORDER).toList(), all);
    assertEquals(all.size(), all.stream().map(Principal::id).distinct().count());
    assertTrue(
        all.stream().map(Principal::login).toList().containsAll(List.of("alice", "bob", "carol")));
    assertEquals(all, walk(DirectoryQuery.all(PrincipalType.USER, 2)));
    assertEquals(1, await(directory().list(users().withSearch("car"))).count());
  }

  /** Every page of {@code query}, checking that each counts every match and keeps its size. */
  private List<Principal> walk(DirectoryQuery query) {
    List<Principal> paged = new java.util.ArrayList<>();
    for (int pages = 0; pages < 10_000; pages++) {
      DirectoryPage page = await(directory().list(query));
      assertTrue(page.items().size() <= query.limit());
      paged.addAll(page.items());
      if (page.next().isEmpty()) {
        assertEquals(paged.size(), page.count(), "the count is every match");
        return paged;
      }
      query = query.after(page.next().orElseThrow());
    }
    throw new AssertionError("the pages never ended");
  }

  @Test
  void membersOfAGroupIncludeNestedMembers() {
    List<String> logins =
        await(directory().membersOf(group("staff").id(), 50)).stream()
            .map(Principal::login)
            .sorted()
            .toList();
    assertEquals(List.of("alice", "bob"), logins);
  }

  @Test
  void theOwnersOfAGroupAreTheUsersInItsOwnerAttribute() {
    assertEquals(
        java.util.Set.of(user("carol").id()), await(directory().ownersOf(group("engineers").id())));
    assertTrue(await(directory().ownersOf(group("staff").id())).isEmpty());
    assertTrue(await(directory().ownersOf(new PrincipalId(Guid.random()))).isEmpty());
  }

  @Test
  void aUsersManagerComesFromTheDirectory() {
    assertEquals(
        java.util.Optional.of(user("alice").id()), await(directory().managerOf(user("bob").id())));
    assertTrue(await(directory().managerOf(user("alice").id())).isEmpty());
  }

  /** Direct members of a group, as the directory itself says (not through Steward's cache). */
  protected abstract java.util.Set<String> directMemberLogins(String group);

  @Test
  void addingAndRemovingAMemberIsIdempotentAndReallyChangesTheGroup() {
    PrincipalId admins = group("admins").id();
    PrincipalId bob = user("bob").id();
    await(directory().addToGroup(admins, bob, dev.steward.domain.ResourceRole.MEMBER));
    await(directory().addToGroup(admins, bob, dev.steward.domain.ResourceRole.MEMBER));
    assertTrue(directMemberLogins("admins").contains("bob"));
    assertEquals(
        group("admins").id(),
        await(directory().membershipOf(bob))
            .directoryRoles()
            .get(RoleDefinition.GLOBAL_ADMINISTRATOR));
    await(directory().removeFromGroup(admins, bob, dev.steward.domain.ResourceRole.MEMBER));
    await(directory().removeFromGroup(admins, bob, dev.steward.domain.ResourceRole.MEMBER));
    assertFalse(directMemberLogins("admins").contains("bob"));
    assertTrue(directMemberLogins("admins").contains("carol"));
  }

  @Test
  void theLastMemberCanLeaveAGroup() {
    PrincipalId admins = group("admins").id();
    PrincipalId carol = user("carol").id();
    await(directory().removeFromGroup(admins, carol, dev.steward.domain.ResourceRole.MEMBER));
    try {
      assertFalse(directMemberLogins("admins").contains("carol"));
      assertTrue(await(directory().membershipOf(carol)).directoryRoles().isEmpty());
    } finally {
      await(directory().addToGroup(admins, carol, dev.steward.domain.ResourceRole.MEMBER));
    }
  }
}
