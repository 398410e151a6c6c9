package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory contract, and what only Active Directory asks of Steward, against a real Samba AD
 * DC that the tests provision: binary objectGUID ids, the three login forms, in-chain nesting, AD's
 * own answers to writes (68, 53, and 20 from a single-valued managedBy).
 */
class SambaAdDirectoryContractTest extends DirectoryContract {
  private static SambaDc dc;
  private static LDAPConnection admin;
  private static AdOrganisation org;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    dc = SambaDc.shared();
    admin = dc.admin();
    org = new AdOrganisation(admin, "Contract");
    String alice = org.user("alice", "Alice Archer", "alice-pw");
    String bob = org.user("bob", "Bob Baker", "bob-pw", "manager", alice);
    String carol = org.user("carol", "Carol Cooper", "carol-pw");
    org.user("dave", "Dave Dormant", null);
    String engineers = org.group("engineers", carol, alice);
    org.group("staff", null, engineers, bob);
    String admins = org.group("admins", null, carol);
    admin.modify(
        engineers, new Modification(ModificationType.REPLACE, "description", "Builds things"));
    vertx = Vertx.vertx();
    directory =
        new LdapDirectory(
            vertx,
            dc.settings(SambaDc.ADMIN_DN, SambaDc.ADMIN_PASSWORD)
                .withDirectoryRoleGroups(Map.of(RoleDefinition.GLOBAL_ADMINISTRATOR, admins)));
  }

  @AfterAll
  static void stop() {
    if (directory != null) {
      directory.close();
      vertx.close().await();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Override
  protected Directory directory() {
    return directory;
  }

  @Override
  protected Set<String> directMemberLogins(String group) {
    return org.directMemberLogins(group);
  }

  private Principal user(String login) {
    return await(directory.findUserByLogin(login)).orElseThrow();
  }

  private PrincipalId groupId(String name) throws Exception {
    return new PrincipalId(org.objectGuid(org.groupDn(name)));
  }

  @Test
  void idsAreTheObjectGuidsThatAdsOwnToolsPrint() throws Exception {
    Principal alice = user("alice");
    assertEquals(org.objectGuid(org.userDn("alice")), alice.id().value());
    assertEquals(alice, await(directory.find(alice.id())).orElseThrow());
    assertEquals("engineers", await(directory.find(groupId("engineers"))).orElseThrow().login());
  }

  @Test
  void aUserSignsInWithSamAccountNameUserPrincipalNameOrDomainBackslashName() {
    Principal alice = user("alice");
    assertEquals(alice, await(directory.authenticate("alice", "alice-pw")).orElseThrow());
    assertEquals(
        alice, await(directory.authenticate("alice@steward.test", "alice-pw")).orElseThrow());
    assertEquals(alice, await(directory.authenticate("STEWARD\\alice", "alice-pw")).orElseThrow());
    assertEquals(alice, await(directory.authenticate("steward\\alice", "alice-pw")).orElseThrow());
    assertTrue(await(directory.authenticate("OTHER\\alice", "alice-pw")).isEmpty());
    assertTrue(await(directory.authenticate("STEWARD\\alice", "wrong")).isEmpty());
    assertEquals("STEWARD", directory.netbiosDomain());
  }

  @Test
  void aUserShowsTheirRealPrincipalNameAndAGroupItsDescription() throws Exception {
    assertEquals("alice@steward.test", user("alice").userPrincipalName());
    assertEquals(
        "Builds things", await(directory.find(groupId("engineers"))).orElseThrow().description());
  }

  @Test
  void onlyPeopleAreUsersNotComputersOrTheBuiltInAccounts() {
    List<String> logins =
        await(directory.search(PrincipalType.USER, "", 5_000)).stream()
            .map(Principal::login)
            .toList();
    assertTrue(logins.containsAll(List.of("alice", "bob", "carol")), logins.toString());
    assertFalse(logins.contains("krbtgt"), logins.toString());
    assertFalse(logins.contains("Guest"), logins.toString());
    assertFalse(logins.contains("STEWARDDC$"), logins.toString());
    assertTrue(await(directory.findUserByLogin("krbtgt")).isEmpty());
  }

  @Test
  void nestedGroupsAreFoundInOneInChainSearch() throws Exception {
    PrincipalId alice = user("alice").id();
    long before = directory.readRequests();
    var membership = await(directory.membershipOf(alice));
    // One search for the user, one in-chain search for every level of groups.
    assertEquals(2, directory.readRequests() - before);
    assertEquals(Set.of(groupId("engineers"), groupId("staff")), membership.groups());
  }

  @Test
  void managedByHoldsOneOwnerSoTheOwnerRoleCannotBeGranted() throws Exception {
    assertFalse(directory.grantable(ResourceRole.OWNER));
    assertTrue(directory.grantable(ResourceRole.MEMBER));
    PrincipalId engineers = groupId("engineers");
    // carol already is the owner: adding her again is success, confirmed by a compare.
    await(directory.addToGroup(engineers, user("carol").id(), ResourceRole.OWNER));
    // AD answers 20 for a second managedBy value and changes nothing: never reported done.
    PrincipalId bob = user("bob").id();
    assertThrows(
        RuntimeException.class,
        () -> await(directory.addToGroup(engineers, bob, ResourceRole.OWNER)));
    assertEquals(Set.of(user("carol").id()), await(directory.ownersOf(engineers)));
  }

  @Test
  void addingAMemberAgainAndRemovingANonMemberAreConfirmedByTheDirectory() throws Exception {
    PrincipalId staff = groupId("staff");
    PrincipalId carol = user("carol").id();
    await(directory.addToGroup(staff, carol, ResourceRole.MEMBER));
    await(directory.addToGroup(staff, carol, ResourceRole.MEMBER)); // AD answers 68
    assertTrue(org.directMemberLogins("staff").contains("carol"));
    await(directory.removeFromGroup(staff, carol, ResourceRole.MEMBER));
    await(directory.removeFromGroup(staff, carol, ResourceRole.MEMBER)); // AD answers 53
    assertFalse(org.directMemberLogins("staff").contains("carol"));
  }
}
