package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A directory bigger than one answer, on UnboundID's in-memory server set up as AD is: at most
 * 1,000 entries per search and {@code member} in ranges of 500 values.
 */
class BigDirectoryTest {
  static final int USERS = 1_200;
  static final String BASE = TestLdap.BASE_DN;
  static final String GROUP = "cn=everyone,ou=groups," + BASE;

  private static InMemoryDirectoryServer server;
  private static final RangedMembers ranges = new RangedMembers(500);
  private static final AtomicBoolean dropPaging = new AtomicBoolean();
  private static Vertx vertx;
  private static LdapDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials(TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    config.setMaxSizeLimit(1_000);
    config.addInMemoryOperationInterceptor(ranges);
    config.addInMemoryOperationInterceptor(
        new InMemoryOperationInterceptor() {
          @Override
          public void processSearchRequest(InMemoryInterceptedSearchRequest r) {
            if (dropPaging.get()) {
              // A server that does not page: it answers sizeLimitExceeded after 1,000.
              SearchRequest copy = r.getRequest().duplicate();
              copy.setControls();
              r.setRequest(copy);
            }
          }
        });
    server = new InMemoryDirectoryServer(config);
    server.add("dn: " + BASE, "objectClass: domain", "dc: example");
    server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
    server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
    List<String> members = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String dn = "uid=u" + i + ",ou=people," + BASE;
      server.add(
          new Entry(
              dn,
              new Attribute("objectClass", "inetOrgPerson"),
              new Attribute("uid", "u" + i),
              new Attribute("cn", "User " + i),
              new Attribute("sn", "" + i),
              new Attribute("entryUUID", String.format("0c000000-0000-4000-8000-%012d", i))));
      members.add(dn);
    }
    server.add(
        new Entry(
            GROUP,
            new Attribute("objectClass", "groupOfNames"),
            new Attribute("cn", "everyone"),
            new Attribute("member", members),
            new Attribute("entryUUID", "0d000000-0000-4000-8000-000000000001")));
    server.startListening();
    vertx = Vertx.vertx();
    directory =
        new LdapDirectory(
            vertx,
            TestLdap.settings(
                server.getListenPort(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD));
  }

  @AfterAll
  static void stop() {
    directory.close();
    vertx.close().await();
    server.shutDown(true);
  }

  private static LDAPConnectionPool pool() throws LDAPException {
    return new LDAPConnectionPool(server.getConnection(), 1);
  }

  @Test
  void aSearchPastTheServersSizeLimitIsReadWholeInPages() throws Exception {
    try (LDAPConnectionPool pool = pool()) {
      LdapReader reader = new LdapReader(pool);
      int found =
          reader
              .search(
                  "ou=people," + BASE,
                  Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                  0,
                  "uid")
              .size();
      assertEquals(USERS, found);
      // ceil(1,200 / 500) pages.
      assertEquals(3, reader.requests());
    }
  }

  @Test
  void aServerThatCutsAnAnswerShortIsAnErrorNotAPartialAnswer() throws Exception {
    try (LDAPConnectionPool pool = pool()) {
      dropPaging.set(true);
      LDAPException e =
          assertThrows(
              LDAPException.class,
              () ->
                  new LdapReader(pool)
                      .search(
                          "ou=people," + BASE,
                          Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                          0,
                          "uid"));
      assertEquals(ResultCode.SIZE_LIMIT_EXCEEDED, e.getResultCode());
    } finally {
      dropPaging.set(false);
    }
  }

  @Test
  void aGroupsMembersAreReadRangeByRangeUntilTheRangeEndsInAStar() throws Exception {
    try (LDAPConnectionPool pool = pool()) {
      LdapReader reader = new LdapReader(pool);
      int before = ranges.rangedAnswers.get();
      List<String> members = reader.values(GROUP, "member");
      assertEquals(USERS, members.size());
      assertEquals(USERS, new java.util.HashSet<>(members).size());
      assertEquals(3, reader.requests());
      assertEquals(3, ranges.rangedAnswers.get() - before);
    }
  }

  @Test
  void membersOfABigGroupAreAllFoundThroughThePort() {
    List<Principal> members =
        await(directory.membersOf(new PrincipalId("0d000000-0000-4000-8000-000000000001"), 5_000));
    assertEquals(USERS, members.size());
    assertTrue(members.stream().anyMatch(p -> p.login().equals("u1199")));
  }
}
