package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Directory queries over a real LDAP server whose names hold filter characters: the LDAP filter
 * itself (not only Steward's check after it) matches them as text, and a display name falls back to
 * the common name as Steward shows it.
 */
abstract class DirectoryQueriesContract {
  static final String STAR_NAME = "Star *(Ops)\\ Crew";

  abstract LdapDirectory directory();

  abstract int port();

  private static DirectoryQuery users() {
    return DirectoryQuery.all(PrincipalType.USER, 10);
  }

  private List<String> logins(DirectoryQuery query) {
    return await(directory().list(query)).items().stream().map(Principal::login).toList();
  }

  /** The uids the query's LDAP filter selects, asked of the server directly. */
  private Set<String> selectedByLdap(DirectoryQuery query) throws Exception {
    try (LDAPConnection c =
        new LDAPConnection("127.0.0.1", port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD)) {
      Set<String> uids = new TreeSet<>();
      c.search(TestLdap.BASE_DN, SearchScope.SUB, directory().filter(query), "uid", "cn")
          .getSearchEntries()
          .forEach(
              e ->
                  uids.add(
                      e.hasAttribute("uid")
                          ? e.getAttributeValue("uid")
                          : e.getAttributeValue("cn")));
      return uids;
    }
  }

  @Test
  void filterCharactersAreTextInTheLdapFilterItself() throws Exception {
    assertEquals(Set.of("star"), selectedByLdap(users().withDisplayName(STAR_NAME)));
    assertEquals(Set.of("star"), selectedByLdap(users().withDisplayNameStartingWith("Star *")));
    assertEquals(
        Set.of("star"), selectedByLdap(users().withDisplayNameStartingWith("star *(ops)\\")));
    assertEquals(Set.of(), selectedByLdap(users().withDisplayName("*")));
    assertEquals(Set.of(), selectedByLdap(users().withDisplayNameStartingWith("S*")));
    assertEquals(Set.of(), selectedByLdap(users().withMail("*")));
    assertEquals(Set.of(), selectedByLdap(users().withSearch("*)(uid=*")));
    assertEquals(
        Set.of("star", "starling"), selectedByLdap(users().withDisplayNameStartingWith("Star")));
    assertTrue(directory().filter(users().withDisplayName(STAR_NAME)).toString().contains("\\2a"));
  }

  @Test
  void listingsMatchNamesWithFilterCharactersLiterally() {
    assertEquals(List.of("star"), logins(users().withDisplayName(STAR_NAME)));
    assertEquals(List.of("star", "starling"), logins(users().withDisplayNameStartingWith("STAR")));
    assertEquals(
        List.of("ops (team)*"),
        logins(DirectoryQuery.all(PrincipalType.GROUP, 10).withDisplayName("ops (team)*")));
    assertEquals(
        List.of(), logins(DirectoryQuery.all(PrincipalType.GROUP, 10).withDisplayName("ops*")));
  }

  @Test
  void aUserWithoutADisplayNameIsFoundByTheCommonNameItShows() {
    assertEquals(List.of("nameless"), logins(users().withDisplayName("Nobody (Named)")));
    assertEquals(List.of("nameless"), logins(users().withDisplayNameStartingWith("nobody (")));
  }
}
