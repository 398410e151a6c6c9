package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.ResourceRole;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A group of more than 1,000 members on the Samba AD DC: read whole, and written to truthfully. */
class SambaAdBigGroupTest {
  static final int MEMBERS = 1_100;

  private static LDAPConnection admin;
  private static AdOrganisation org;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    SambaDc dc = SambaDc.shared();
    admin = dc.admin();
    org = new AdOrganisation(admin, "Big");
    long begin = System.nanoTime();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      members.add(org.user("m" + i, "Member " + i, null));
    }
    org.user("outsider", "Outsider", null);
    org.group("crowd", null, members.toArray(String[]::new));
    System.err.printf(
        "[steward-tests] %d users and their group written into Samba in %d ms%n",
        MEMBERS, (System.nanoTime() - begin) / 1_000_000);
    vertx = Vertx.vertx();
    directory = new LdapDirectory(vertx, dc.settings(SambaDc.ADMIN_DN, SambaDc.ADMIN_PASSWORD));
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

  private PrincipalId crowd() throws Exception {
    return new PrincipalId(org.objectGuid(org.groupDn("crowd")));
  }

  @Test
  void everyMemberOfAGroupOfMoreThanAThousandIsRead() throws Exception {
    long before = directory.readRequests();
    List<Principal> members = await(directory.membersOf(crowd(), 5_000));
    long requests = directory.readRequests() - before;
    assertEquals(MEMBERS, members.size());
    // Two searches to find the group (users are tried first), then the in-chain search in pages
    // of 500.
    assertEquals(2 + (MEMBERS + 499) / 500, requests);
    System.err.printf(
        "[steward-tests] %d members read from Samba in %d requests%n", members.size(), requests);
  }

  @Test
  void aSearchForMoreThanAThousandUsersIsReadWhole() {
    assertTrue(await(directory.search(PrincipalType.USER, "m", 5_000)).size() >= MEMBERS);
  }

  @Test
  void aMemberAddedAgainAndAnOutsiderRemovedAreConfirmedInTheBigGroup() throws Exception {
    PrincipalId crowd = crowd();
    PrincipalId member = await(directory.findUserByLogin("m1099")).orElseThrow().id();
    PrincipalId outsider = await(directory.findUserByLogin("outsider")).orElseThrow().id();
    await(directory.addToGroup(crowd, member, ResourceRole.MEMBER));
    await(directory.removeFromGroup(crowd, outsider, ResourceRole.MEMBER));
    assertTrue(org.directMemberLogins("crowd").contains("m1099"));
    assertEquals(MEMBERS, org.directMemberLogins("crowd").size());
  }
}
