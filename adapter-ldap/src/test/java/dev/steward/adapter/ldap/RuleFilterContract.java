package dev.steward.adapter.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.MembershipRule;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Automatic policies' rules as LDAP filters, run against a real LDAP server loaded with {@code
 * rules.ldif}: each operator selects exactly the users it should, and values holding filter syntax
 * match literally.
 */
abstract class RuleFilterContract {
  private static final Map<String, String> LOGINS =
      Map.of(
          "0e000000-0000-4000-8000-000000000001", "sam",
          "0e000000-0000-4000-8000-000000000002", "sue",
          "0e000000-0000-4000-8000-000000000003", "sid",
          "0e000000-0000-4000-8000-000000000004", "eng",
          "0e000000-0000-4000-8000-000000000005", "meta",
          "0e000000-0000-4000-8000-000000000006", "paren",
          "0e000000-0000-4000-8000-000000000007", "nod");
  private static final Set<String> EVERYONE = Set.copyOf(LOGINS.values());

  private Vertx vertx;
  private LdapDirectory ldap;
  private LdapAttributeRules rules;

  /** The port of the server loaded with rules.ldif. */
  protected abstract int port();

  @BeforeEach
  void connect() throws Exception {
    vertx = Vertx.vertx();
    ldap =
        new LdapDirectory(
            vertx, TestLdap.settings(port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD));
    rules = new LdapAttributeRules(ldap, UserAttributeMap.defaults(DirectoryType.OPENLDAP));
  }

  @AfterEach
  void disconnect() {
    ldap.close();
    vertx.close().await();
  }

  private Set<String> matching(String rule) {
    Set<PrincipalId> found = rules.usersMatching(MembershipRule.parse(rule, "rule")).await();
    return found.stream()
        .map(p -> LOGINS.get(p.value()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> all(String... logins) {
    return new TreeSet<>(Set.of(logins));
  }

  private static Set<String> allBut(String... logins) {
    Set<String> out = new TreeSet<>(EVERYONE);
    out.removeAll(Set.of(logins));
    return out;
  }

  @Test
  void equalitySelectsTheDepartmentIgnoringCase() {
    assertEquals(all("sam", "sue"), matching("user.department -eq \"Sales\""));
    assertEquals(all("sam", "sue"), matching("user.department -eq \"sales\""));
  }

  @Test
  void theIssuesRuleLeavesContractorsOut() {
    assertEquals(
        all("sam"),
        matching("(user.department -eq \"Sales\") -and (user.employeeType -ne \"Contractor\")"));
  }

  @Test
  void notEqualAlsoSelectsUsersWithoutTheAttribute() {
    assertEquals(allBut("sam", "sue"), matching("user.department -ne \"Sales\""));
  }

  @Test
  void substringOperators() {
    assertEquals(all("sam", "sue", "sid"), matching("user.department -startsWith \"Sales\""));
    assertEquals(allBut("sam", "sue", "sid"), matching("user.department -notStartsWith \"Sales\""));
    assertEquals(all("sam", "sue", "sid"), matching("user.department -contains \"ale\""));
    assertEquals(all("eng"), matching("user.jobTitle -contains \"Engineer\""));
    assertEquals(allBut("eng"), matching("user.jobTitle -notContains \"Engineer\""));
  }

  @Test
  void listOperators() {
    assertEquals(
        all("eng", "sid"), matching("user.department -in [\"Engineering\", \"Sales Ops\"]"));
    assertEquals(
        allBut("eng", "sid"), matching("user.department -notIn [\"Engineering\", \"Sales Ops\"]"));
  }

  @Test
  void nullTestsPresence() {
    assertEquals(all("nod"), matching("user.department -eq null"));
    assertEquals(allBut("nod"), matching("user.department -ne null"));
  }

  @Test
  void orAndNotCombine() {
    assertEquals(
        all("sam", "eng"),
        matching("user.city -eq \"Berlin\" -or user.jobTitle -startsWith \"Lead\""));
    assertEquals(allBut("sam", "sue"), matching("-not (user.department -eq \"Sales\")"));
  }

  @Test
  void filterSyntaxInAValueMatchesOnlyThatLiteralText() {
    assertEquals(all("meta"), matching("user.department -eq \"*)(uid=*\""));
    assertEquals(all("meta"), matching("user.department -startsWith \"*)(\""));
    assertEquals(all("paren"), matching("user.department -eq \"R&D (East)\\\""));
    assertEquals(all("paren"), matching("user.department -contains \"(East)\\\""));
  }

  @Test
  void aValueWithMetacharactersMatchesNobodyWhenNobodyHasIt() {
    assertEquals(Set.of(), matching("user.department -eq \"*\""));
    assertEquals(Set.of(), matching("user.department -eq \"Sales)(uid=*\""));
    assertEquals(Set.of(), matching("user.department -eq \"Sales*\""));
    assertEquals(Set.of(), matching("user.department -eq \"\\2a\""));
    assertEquals(Set.of(), matching("user.department -in [\"*\", \"x)(|(uid=*\"]"));
  }

  @Test
  void oneUserIsCheckedAgainstARule() {
    MembershipRule sales = MembershipRule.parse("user.department -eq \"Sales\"", "rule");
    assertTrue(
        rules.matches(sales, new PrincipalId("0e000000-0000-4000-8000-000000000001")).await());
    assertFalse(
        rules.matches(sales, new PrincipalId("0e000000-0000-4000-8000-000000000004")).await());
  }

  @Test
  void theWholeRuleIsOnePagedSearch() {
    long before = ldap.readRequests();
    matching("user.department -ne \"Sales\"");
    assertEquals(1, ldap.readRequests() - before);
  }
}
