package dev.steward.adapter.ldap;

import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
