package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.http.ODataFilter.And;
import dev.steward.adapter.http.ODataFilter.Any;
import dev.steward.adapter.http.ODataFilter.Call;
import dev.steward.adapter.http.ODataFilter.Compare;
import dev.steward.adapter.http.ODataFilter.In;
import dev.steward.adapter.http.ODataFilter.Kind;
import dev.steward.adapter.http.ODataFilter.Literal;
import dev.steward.adapter.http.ODataFilter.Or;
import dev.steward.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The $filter grammar: what it reads, and that it refuses the rest as InvalidModel. */
class ODataFilterTest {
  private static final String GUID = "0a000000-0000-4000-8000-000000000001";

  private static DomainException refused(String text) {
    DomainException e = assertThrows(DomainException.class, () -> ODataFilter.parse(text));
    assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    return e;
  }

  @Test
  void aComparisonReadsItsPropertyOperatorAndUnescapedText() {
    assertEquals(
        new Compare("displayName", false, "eq", new Literal(Kind.STRING, "Finance's")),
        ODataFilter.parse("displayName eq 'Finance''s'"));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesRegroup() {
    Compare a = new Compare("a", false, "eq", new Literal(Kind.STRING, "1"));
    Compare b = new Compare("b", false, "ne", new Literal(Kind.STRING, "2"));
    Compare c = new Compare("c", false, "eq", new Literal(Kind.BOOLEAN, "true"));
    assertEquals(new Or(a, new And(b, c)), ODataFilter.parse("a eq '1' or b ne '2' and c eq true"));
    assertEquals(
        new And(new Or(a, b), c), ODataFilter.parse("(a eq '1' or b ne '2') and c eq true"));
  }

  @Test
  void functionsInListsDatesGuidsAndLambdasAreRead() {
    assertEquals(
        new Call("contains", "displayName", true, new Literal(Kind.STRING, "fin")),
        ODataFilter.parse("contains(tolower(displayName), 'fin')"));
    assertEquals(
        new Call("startswith", "displayName", false, new Literal(Kind.STRING, "Ad")),
        ODataFilter.parse("startswith(displayName,'Ad')"));
    assertEquals(
        new In("id", false, List.of(new Literal(Kind.STRING, "x"), new Literal(Kind.GUID, GUID))),
        ODataFilter.parse("id in ('x', " + GUID.toUpperCase() + ")"));
    assertEquals(
        new Compare(
            "createdDateTime", false, "ge", new Literal(Kind.DATETIME, "2026-01-02T03:04:05Z")),
        ODataFilter.parse("createdDateTime ge 2026-01-02T03:04:05Z"));
    assertEquals(
        new Any("targetResources", new Compare("id", false, "eq", new Literal(Kind.STRING, GUID))),
        ODataFilter.parse("targetResources/any(t:t/id eq '" + GUID + "')"));
  }

  @Test
  void leavesNameEachPropertyWithItsOperator() {
    List<ODataFilter.Leaf> leaves = new ArrayList<>();
    ODataFilter.leaves(
        ODataFilter.parse(
            "contains(tolower(displayName),'a') and targetResources/any(t:t/id eq 'x')"),
        "",
        leaves);
    assertEquals(
        List.of(
            new ODataFilter.Leaf("displayName", "tolower:contains"),
            new ODataFilter.Leaf("targetResources", "any"),
            new ODataFilter.Leaf("targetResources/id", "eq")),
        leaves);
  }

  @Test
  void whatTheGrammarDoesNotKnowIsRefusedWithThePosition() {
    assertTrue(refused("displayName like 'x'").getMessage().contains("position 12"));
    refused("displayName eq");
    refused("displayName eq 'open");
    refused("displayName eq 'a' and");
    refused("not displayName eq 'a'");
    refused("(displayName eq 'a'");
    refused("displayName eq 'a')");
    refused("contains(displayName, 3)");
    refused("t/id eq 'x'".replace("t/", "/"));
    refused("targetResources/any(t:id eq 'x')");
    refused("displayName eq 'a'; DROP TABLE catalog");
    refused("x".repeat(ODataFilter.MAX_LENGTH + 1));
  }

  @Test
  void nestingIsBoundedSoNoInputExhaustsTheStack() {
    String deep = "(".repeat(1000) + "a eq 'b'" + ")".repeat(1000);
    assertTrue(refused(deep).getMessage().contains("nested"));
  }

  @Test
  void theConjunctiveReaderGivesTheOneValueOfAPropertyAndRefusesOr() {
    Optional<ODataFilter> f = Optional.of(ODataFilter.parse("displayName eq 'A' and state eq 'b'"));
    assertEquals(Optional.of("A"), ODataQuery.value(f, "displayName", "eq"));
    assertEquals(Optional.empty(), ODataQuery.value(f, "displayName", "contains"));
    assertThrows(
        DomainException.class,
        () ->
            ODataQuery.value(
                Optional.of(ODataFilter.parse("state eq 'a' or state eq 'b'")), "state", "eq"));
    assertThrows(
        DomainException.class,
        () ->
            ODataQuery.value(
                Optional.of(ODataFilter.parse("state eq 'a' and state eq 'b'")), "state", "eq"));
  }

  @Test
  void aFilterParsedOnceIsSharedAndCannotBeChangedByWhoeverGetsIt() {
    String text = "principalId in ('" + GUID + "', 'x') and appScopeId eq '/'";
    ODataFilter first = ODataFilter.parse(text);
    assertSame(first, ODataFilter.parse(text));
    In in = (In) ((And) first).left();
    assertThrows(UnsupportedOperationException.class, () -> in.values().clear());
    assertEquals(2, ((In) ((And) ODataFilter.parse(text)).left()).values().size());
  }

  @Test
  void aFilterThatDoesNotParseIsRefusedEveryTimeAndNeverRemembered() {
    String text = "principalId eq 'unterminated";
    refused(text);
    refused(text);
    assertFalse(ODataFilter.Memo.PARSED.containsKey(text));
  }

  @Test
  void theMemoOfParsedFiltersKeepsToItsCapacity() {
    for (int i = 0; i <= ODataFilter.Memo.CAPACITY + 10; i++) {
      ODataFilter.parse("displayName eq 'n" + i + "'");
    }
    assertTrue(ODataFilter.Memo.PARSED.size() <= ODataFilter.Memo.CAPACITY);
    // Forgotten or not, every text still parses to what it says.
    assertEquals(
        new Compare("displayName", false, "eq", new Literal(Kind.STRING, "n3")),
        ODataFilter.parse("displayName eq 'n3'"));
  }
}
