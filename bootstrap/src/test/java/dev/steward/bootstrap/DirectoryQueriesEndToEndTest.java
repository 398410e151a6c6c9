package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.TestLdap;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users and groups over HTTP on a directory of their own: each filter, filter characters matched as
 * text all the way into LDAP, paging by nextLink, $count, $select, and a 400 naming what is not
 * supported (decision 0023).
 */
class DirectoryQueriesEndToEndTest {
  static final String ANN = id(1);
  static final String BEN = id(2);
  static final String CAT = id(3);
  static final String DAN = id(4);
  static final String STAR = id(5);
  static final String STARLING = id(6);
  static final String OPS = id(21);
  static final String STAFF = id(22);
  static final String STAR_NAME = "Star *(Ops)\\ Crew";
  static final String OPS_NAME = "ops (team)*";

  private static EmbeddedLdapServer ldap;
  private static RunningSteward s;
  private static Api api;

  private static String id(int n) {
    return String.format("1e000000-0000-4000-8000-%012d", n);
  }

  private static String user(String login, String name, String id) {
    return "dn: uid="
        + login
        + ",ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuid: "
        + login
        + "\ncn: "
        + name
        + "\nsn: x\ndisplayName: "
        + name
        + "\nmail: "
        + login
        + "@example.org\nuserPassword: "
        + login
        + "-demo-pw\nentryUUID: "
        + id
        + "\n\n";
  }

  private static String group(String cn, String id, String member) {
    return "dn: cn="
        + cn
        + ",ou=groups,dc=example,dc=org\nobjectClass: groupOfNames\ncn: "
        + cn
        + "\nmember: uid="
        + member
        + ",ou=people,dc=example,dc=org\nentryUUID: "
        + id
        + "\n\n";
  }

  @BeforeAll
  static void start() throws Exception {
    String ldif =
        "dn: dc=example,dc=org\nobjectClass: top\nobjectClass: dcObject\n"
            + "objectClass: organization\ndc: example\no: Example\n\n"
            + "dn: ou=people,dc=example,dc=org\nobjectClass: organizationalUnit\nou: people\n\n"
            + "dn: ou=groups,dc=example,dc=org\nobjectClass: organizationalUnit\nou: groups\n\n"
            + user("ann", "Ann Able", ANN)
            + user("ben", "Ben Bold", BEN)
            + user("cat", "Cat Cole", CAT)
            + user("dan", "Dan Dale", DAN)
            + user("star", STAR_NAME, STAR)
            + user("starling", "Star Ling", STARLING)
            + group(OPS_NAME, OPS, "ann")
            + group("staff", STAFF, "ben");
    ldap =
        EmbeddedLdapServer.start(
            TestLdap.BASE_DN,
            0,
            new ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)),
            TestLdap.SERVICE_DN,
            TestLdap.SERVICE_PASSWORD);
    s = RunningSteward.onDirectory(ldap.port(), Steward.SYSTEM_CLOCK);
    api = s.api;
  }

  @AfterAll
  static void stop() {
    s.close();
    ldap.close();
  }

  private static List<String> ids(String path, String query) {
    Api.Response r = api.get("ann", path + "?" + query);
    assertEquals(200, r.status(), query + " -> " + r.text());
    List<String> ids = new ArrayList<>();
    r.value().forEach(v -> ids.add(((JsonObject) v).getString("id")));
    return ids;
  }

  private static List<String> users(String filter) {
    return ids("/v1.0/users", "$filter=" + Api.q(filter));
  }

  private static void refused(String path, String option) {
    Api.Response r = api.get("ann", path);
    assertEquals(400, r.status(), path + " -> " + r.text());
    assertEquals("InvalidModel", r.errorCode(), path);
    assertTrue(
        r.json().getJsonObject("error").getString("message").contains(option),
        path + " -> " + r.text());
  }

  @Test
  void usersFilterByDisplayNameMailAndIdAndTheirCombinations() {
    assertEquals(List.of(ANN), users("displayName eq 'Ann Able'"));
    assertEquals(List.of(ANN), users("displayName eq 'ann able'"));
    assertEquals(List.of(), users("displayName eq 'Ann'"));
    assertEquals(List.of(STAR, STARLING), users("startswith(displayName,'star')"));
    assertEquals(List.of(BEN), users("mail eq 'ben@example.org'"));
    assertEquals(List.of(), users("mail eq 'nobody@example.org'"));
    assertEquals(List.of(ANN, CAT), users("id in ('" + CAT + "','" + ANN + "')"));
    assertEquals(List.of(DAN), users("id eq '" + DAN + "'"));
    assertEquals(
        List.of(STARLING),
        users("startswith(displayName,'Star') and mail eq 'starling@example.org'"));
    assertEquals(List.of(), users("startswith(displayName,'Ann') and mail eq 'ben@example.org'"));
    assertEquals(
        List.of(CAT), users("startswith(displayName,'C') and id in ('" + CAT + "','" + ANN + "')"));
  }

  @Test
  void filterCharactersMatchLiterallyAllTheWayIntoLdap() {
    String quoted = STAR_NAME.replace("'", "''");
    assertEquals(List.of(STAR), users("displayName eq '" + quoted + "'"));
    assertEquals(List.of(STAR), users("startswith(displayName,'Star *')"));
    assertEquals(List.of(STAR), users("startswith(displayName,'Star *(Ops)\\')"));
    assertEquals(List.of(), users("displayName eq '*'"));
    assertEquals(List.of(), users("startswith(displayName,'S*')"));
    assertEquals(List.of(), users("startswith(displayName,'*')"));
    assertEquals(List.of(), users("mail eq '*'"));
    assertEquals(List.of(), users("mail eq ''"));
    assertEquals(List.of(), users("displayName eq ''"));
    assertEquals(6, users("startswith(displayName,'')").size());
    assertEquals(List.of(), users("displayName eq 'Ann Able)(uid=*'"));
    assertEquals(
        List.of(OPS), ids("/v1.0/groups", "$filter=" + Api.q("displayName eq '" + OPS_NAME + "'")));
    assertEquals(List.of(), ids("/v1.0/groups", "$filter=" + Api.q("displayName eq 'ops*'")));
  }

  @Test
  void nextLinksReturnEveryUserExactlyOnceWithTheWholeCountOnEveryPage() {
    List<String> seen = new ArrayList<>();
    String next = "/v1.0/users?$top=4&$count=true";
    int pages = 0;
    while (next != null) {
      Api.Response r = api.get("ann", next);
      assertEquals(200, r.status(), next + " -> " + r.text());
      JsonObject page = r.json();
      assertEquals(6, page.getInteger("@odata.count"), "the whole count on every page");
      page.getJsonArray("value").forEach(v -> seen.add(((JsonObject) v).getString("id")));
      next = page.getString("@odata.nextLink");
      if (next != null) {
        assertTrue(next.startsWith("http://"), next);
        next = next.substring(next.indexOf("/v1.0/"));
      }
      pages++;
    }
    assertEquals(2, pages);
    // Display-name order, without regard to case: each user once.
    assertEquals(List.of(ANN, BEN, CAT, DAN, STAR, STARLING), seen);

    // A filtered listing pages too, and its nextLink keeps the filter.
    JsonObject first =
        api.get("ann", "/v1.0/users?$top=1&$filter=" + Api.q("startswith(displayName,'Star')"))
            .json();
    assertEquals(STAR, first.getJsonArray("value").getJsonObject(0).getString("id"));
    String link = first.getString("@odata.nextLink");
    JsonObject second = api.get("ann", link.substring(link.indexOf("/v1.0/"))).json();
    assertEquals(STARLING, second.getJsonArray("value").getJsonObject(0).getString("id"));
    assertNull(second.getString("@odata.nextLink"));
    assertEquals(
        2, api.get("ann", "/v1.0/groups?$count=true&$top=1").json().getInteger("@odata.count"));
  }

  @Test
  void selectKeepsTheNamedPropertiesAndTheId() {
    JsonObject one =
        api.get(
                "ann",
                "/v1.0/users?$select=displayName,mail&$filter=" + Api.q("id eq '" + BEN + "'"))
            .value()
            .getJsonObject(0);
    assertEquals(
        new JsonObject()
            .put("@odata.type", "#microsoft.graph.user")
            .put("id", BEN)
            .put("displayName", "Ben Bold")
            .put("mail", "ben@example.org"),
        one);
    JsonObject group = api.get("ann", "/v1.0/groups/" + STAFF + "?$select=mailNickname").json();
    assertEquals("staff", group.getString("mailNickname"));
    assertNull(group.getString("displayName"));
    assertEquals(STAFF, group.getString("id"));
    assertEquals(
        List.of("userPrincipalName"),
        api
            .get("ann", "/v1.0/users/" + ANN + "?$select=userPrincipalName")
            .json()
            .fieldNames()
            .stream()
            .filter(f -> !f.equals("id") && !f.startsWith("@odata."))
            .toList());
  }

  @Test
  void searchStillWorksAndJoinsAFilterWithAnd() {
    assertEquals(List.of(BEN), ids("/v1.0/users", "$search=" + Api.q("\"displayName:Ben\"")));
    assertEquals(
        List.of(ANN),
        ids("/v1.0/users", "$search=ann&$filter=" + Api.q("mail eq 'ann@example.org'")));
    assertEquals(
        List.of(), ids("/v1.0/users", "$search=ann&$filter=" + Api.q("mail eq 'ben@example.org'")));
    assertEquals(List.of(), ids("/v1.0/users", "$search=" + Api.q("*)(uid=*")));
  }

  @Test
  void whatUsersAndGroupsDoNotSupportIsA400NamingIt() {
    String users = "/v1.0/users?$filter=";
    refused(users + Api.q("displayName ne 'x'"), "ne");
    refused(users + Api.q("contains(displayName,'x')"), "contains");
    refused(users + Api.q("jobTitle eq 'x'"), "jobTitle");
    refused(users + Api.q("displayName eq 'a' or displayName eq 'b'"), "'or'");
    refused(users + Api.q("displayName eq 'a' and displayName eq 'b'"), "displayName eq");
    refused(users + Api.q("tolower(displayName) eq 'a'"), "tolower");
    refused(users + Api.q("id in ('not-a-guid')"), "not-a-guid");
    String many =
        IntStream.rangeClosed(100, 115)
            .mapToObj(n -> "'" + id(n) + "'")
            .collect(Collectors.joining(","));
    refused(users + Api.q("id in (" + many + ")"), "15");
    refused(users + Api.q("displayName eq 1"), "quoted text");
    refused("/v1.0/users?$select=jobTitle", "jobTitle");
    refused("/v1.0/users?$select=mailNickname", "mailNickname");
    refused("/v1.0/users?$orderby=displayName", "$orderby");
    refused("/v1.0/users?$skiptoken=bm90LWEtY3Vyc29y", "$skiptoken");
    refused("/v1.0/users?$count=yes", "$count");
    refused("/v1.0/users?$top=201", "$top");
    refused("/v1.0/groups?$expand=members", "$expand");
    refused("/v1.0/groups?$filter=" + Api.q("mailNickname eq 'staff'"), "mailNickname");
  }

  @Test
  void theGraphSdkFiltersUsersAndGroupsByDisplayName() throws Exception {
    GraphServiceClient graph = api.graph("ann");
    List<User> found =
        graph.users().get(rc -> rc.queryParameters.filter = "displayName eq 'Cat Cole'").getValue();
    assertEquals(List.of(CAT), found.stream().map(User::getId).toList());
    assertEquals("cat@example.org", found.get(0).getMail());
    List<Group> groups =
        graph.groups().get(rc -> rc.queryParameters.filter = "displayName eq 'staff'").getValue();
    assertEquals(List.of(STAFF), groups.stream().map(Group::getId).toList());
    List<User> selected =
        graph
            .users()
            .get(
                rc -> {
                  rc.queryParameters.filter = "startswith(displayName,'Star')";
                  rc.queryParameters.select = new String[] {"displayName"};
                  rc.queryParameters.top = 1;
                })
            .getValue();
    assertEquals(List.of(STAR_NAME), selected.stream().map(User::getDisplayName).toList());
    assertNull(selected.get(0).getMail());
  }
}
