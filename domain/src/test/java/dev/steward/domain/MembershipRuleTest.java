package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.MembershipRule.And;
import dev.steward.domain.MembershipRule.Comparison;
import dev.steward.domain.MembershipRule.Not;
import dev.steward.domain.MembershipRule.Operator;
import dev.steward.domain.MembershipRule.Or;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule grammar: the documented subset of Entra's dynamic membership rules. */
class MembershipRuleTest {
  private static MembershipRule parse(String text) {
    return MembershipRule.parse(text, "membershipRule");
  }

  private static Comparison eq(String property, String value) {
    return new Comparison(property, Operator.EQ, List.of(value));
  }

  private static String refusal(String text) {
    return assertThrows(DomainException.class, () -> parse(text)).getMessage();
  }

  @Test
  void aSimpleComparisonNamesItsPropertyOperatorAndValue() {
    assertEquals(eq("department", "Sales"), parse("user.department -eq \"Sales\""));
  }

  @Test
  void theIssuesExampleIsAnAndOfTwoComparisons() {
    assertEquals(
        new And(
            List.of(
                eq("department", "Sales"),
                new Comparison("employeeType", Operator.NE, List.of("Contractor")))),
        parse("(user.department -eq \"Sales\") -and (user.employeeType -ne \"Contractor\")"));
  }

  @Test
  void andBindsTighterThanOr() {
    MembershipRule r =
        parse("user.city -eq \"A\" -or user.city -eq \"B\" -and user.department -eq \"C\"");
    assertEquals(
        new Or(List.of(eq("city", "A"), new And(List.of(eq("city", "B"), eq("department", "C"))))),
        r);
  }

  @Test
  void parenthesesOverridePrecedence() {
    MembershipRule r =
        parse("(user.city -eq \"A\" -or user.city -eq \"B\") -and user.department -eq \"C\"");
    assertEquals(
        new And(List.of(new Or(List.of(eq("city", "A"), eq("city", "B"))), eq("department", "C"))),
        r);
  }

  @Test
  void notBindsTighterThanAnd() {
    MembershipRule r = parse("-not user.city -eq \"A\" -and user.city -eq \"B\"");
    assertEquals(new And(List.of(new Not(eq("city", "A")), eq("city", "B"))), r);
  }

  @Test
  void notCanBeRepeatedAndParenthesised() {
    assertEquals(new Not(new Not(eq("city", "A"))), parse("-not (-not (user.city -eq \"A\"))"));
  }

  @Test
  void chainsOfTheSameOperatorAreFlat() {
    MembershipRule r = parse("user.city -eq \"A\" -or user.city -eq \"B\" -or user.city -eq \"C\"");
    assertEquals(3, assertInstanceOf(Or.class, r).rules().size());
  }

  @Test
  void inAndNotInTakeLists() {
    assertEquals(
        new Comparison("employeeType", Operator.IN, List.of("Employee", "Intern")),
        parse("user.employeeType -in [\"Employee\", \"Intern\"]"));
    assertEquals(
        new Comparison("country", Operator.NOT_IN, List.of("DE")),
        parse("user.country -notIn [\"DE\"]"));
  }

  @ParameterizedTest
  @CsvSource({
    "-eq,EQ",
    "-ne,NE",
    "-startsWith,STARTS_WITH",
    "-notStartsWith,NOT_STARTS_WITH",
    "-contains,CONTAINS",
    "-notContains,NOT_CONTAINS",
    "-EQ,EQ",
    "-startswith,STARTS_WITH"
  })
  void everyOperatorOfTheSubsetIsRead(String op, Operator expected) {
    Comparison c = (Comparison) parse("user.jobTitle " + op + " \"Lead\"");
    assertEquals(expected, c.operator());
  }

  @Test
  void operatorsAndKeywordsIgnoreCase() {
    assertEquals(
        new And(List.of(eq("city", "A"), new Not(eq("city", "B")))),
        parse("user.city -EQ \"A\" -AND -NOT user.city -Eq \"B\""));
  }

  @Test
  void aBacktickEscapesQuotesAndItself() {
    assertEquals(eq("jobTitle", "The \"Boss\""), parse("user.jobTitle -eq \"The `\"Boss`\"\""));
    assertEquals(eq("jobTitle", "a`b"), parse("user.jobTitle -eq \"a``b\""));
  }

  @Test
  void filterSyntaxInsideAValueIsJustText() {
    assertEquals(eq("department", "*)(uid=*"), parse("user.department -eq \"*)(uid=*\""));
    assertEquals(eq("department", "a\\29(b"), parse("user.department -eq \"a\\29(b\""));
  }

  @Test
  void nullComparesPresence() {
    Comparison c = (Comparison) parse("user.department -ne null");
    assertTrue(c.isNullTest());
    assertEquals(Operator.NE, c.operator());
  }

  @Test
  void propertiesAreListed() {
    assertEquals(
        Set.of("department", "employeeType"),
        parse("user.department -eq \"S\" -and -not (user.employeeType -in [\"C\"])").properties());
  }

  @Test
  void whitespaceIsFree() {
    assertEquals(eq("city", "A"), parse("  (  user.city\t-eq\n\"A\"  )  "));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "user.department -eq \"Sales\" -and|33|expected a property",
        "user.department -eq \"Sales\")|28|expected -and, -or or the end",
        "(user.department -eq \"Sales\"|29|expected ')'",
        "user.department -eq Sales|21|expected a value in double quotes",
        "user.department -eq \"Sales|21|no closing",
        "user.department -match \"S.*\"|17|'-match' is not a supported operator",
        "department -eq \"Sales\"|1|expected a user property",
        "device.deviceOSType -eq \"Windows\"|1|expected a user property",
        "user.department|16|expected an operator",
        "user.department -eq [\"a\"]|21|compares with one value",
        "user.department -in \"a\"|21|expected a list",
        "user.department -in []|22|the list is empty",
        "user.department -in [\"a\" \"b\"]|26|expected ',' or ']'",
        "user.department -startsWith null|29|only -eq and -ne compare with null",
        "user.department -eq \"\"|23|empty value",
        "user.department -eq \"a\" -xor user.city -eq \"b\"|25|expected -and, -or"
      })
  void aMalformedRuleIsRefusedSayingWhere(String rule, int position, String what) {
    String message = refusal(rule);
    assertTrue(message.contains("at position " + position + ":"), message);
    assertTrue(message.contains(what), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void anEmptyRuleIsRequired(String rule) {
    assertTrue(refusal(rule).contains("is required"));
  }

  @Test
  void aRuleLongerThanEntrasLimitIsRefused() {
    String longRule = "user.city -eq \"" + "x".repeat(MembershipRule.MAX_LENGTH) + "\"";
    assertTrue(refusal(longRule).contains("longer than"));
  }

  @Test
  void deepNestingIsRefusedRatherThanOverflowingTheStack() {
    String deep = "(".repeat(10_000 / 10) + "user.city -eq \"a\"" + ")".repeat(1000);
    assertTrue(refusal(deep).contains("nests more than"));
    String nots = "-not ".repeat(200) + "user.city -eq \"a\"";
    assertTrue(refusal(nots).contains("nests more than"));
  }

  @Test
  void theRefusalNamesTheField() {
    DomainException e =
        assertThrows(
            DomainException.class,
            () -> MembershipRule.parse("user.x -eq", "specificAllowedTargets[0].membershipRule"));
    assertEquals("specificAllowedTargets[0].membershipRule", e.field());
    assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
  }
}
