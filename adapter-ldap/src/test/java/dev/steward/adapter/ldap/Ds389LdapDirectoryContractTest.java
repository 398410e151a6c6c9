package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The directory contract against a real 389 Directory Server, with the 389ds preset. */
class Ds389LdapDirectoryContractTest extends DirectoryContract {
  private static Ds389 ds;
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    ds = Ds389.start(TestLdap.BASE_DN, "/contract.ldif");
    vertx = Vertx.vertx();
    directory =
        new LdapDirectory(
            vertx,
            DirectoryType.DS389
                .settings(
                    "127.0.0.1", ds.port(), Ds389.ROOT_DN, Ds389.ROOT_PASSWORD, TestLdap.BASE_DN)
                .withDirectoryRoleGroups(
                    Map.of(
                        RoleDefinition.GLOBAL_ADMINISTRATOR,
                        "cn=admins,ou=groups," + TestLdap.BASE_DN))
                .withMembershipCacheTtl(Duration.ZERO));
  }

  @AfterAll
  static void stop() {
    if (directory != null) {
      directory.close();
      vertx.close().await();
    }
    if (ds != null) {
      ds.close();
    }
  }

  @Override
  protected java.util.Set<String> directMemberLogins(String group) {
    return TestLdap.directMemberLogins(ds.port(), group, Ds389.ROOT_DN, Ds389.ROOT_PASSWORD);
  }

  @Override
  protected Directory directory() {
    return directory;
  }

  @Test
  void groupOfUniqueNamesGroupsWorkBesideGroupOfNames() throws Exception {
    String uniques = "cn=uniques,ou=groups," + TestLdap.BASE_DN;
    String alice = "uid=alice,ou=people," + TestLdap.BASE_DN;
    String bob = "uid=bob,ou=people," + TestLdap.BASE_DN;
    try (LDAPConnection admin = ds.admin()) {
      admin.add(
          "dn: " + uniques,
          "objectClass: groupOfUniqueNames",
          "cn: uniques",
          "uniqueMember: " + alice);
      PrincipalId group = await(directory.search(PrincipalType.GROUP, "uniques", 5)).get(0).id();
      PrincipalId aliceId = await(directory.findUserByLogin("alice")).orElseThrow().id();
      PrincipalId bobId = await(directory.findUserByLogin("bob")).orElseThrow().id();
      assertTrue(await(directory.membershipOf(aliceId)).groups().contains(group));
      assertEquals(
          List.of("alice"),
          await(directory.membersOf(group, 10)).stream().map(Principal::login).toList());
      await(directory.addToGroup(group, bobId, ResourceRole.MEMBER));
      await(directory.addToGroup(group, bobId, ResourceRole.MEMBER));
      assertTrue(admin.getEntry(uniques).hasAttributeValue("uniqueMember", bob));
      await(directory.removeFromGroup(group, bobId, ResourceRole.MEMBER));
      assertFalse(admin.getEntry(uniques).hasAttributeValue("uniqueMember", bob));
    }
  }
}
