package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steward.domain.DomainException;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a client puts in {@code $filter}, the parser answers with values or InvalidModel. */
class HostileQueryPropertiesTest {
  private static final Set<String> FIELDS = Set.of("principalId", "roleDefinitionId", "appScopeId");

  @Provide
  Arbitrary<String> filters() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "principalId",
            "roleDefinitionId",
            "appScopeId",
            "eq",
            "in",
            "and",
            "or",
            "not",
            "(",
            ")",
            "'",
            "''",
            ",",
            " ",
            "*)(uid=*",
            "\u0000",
            "'; DROP TABLE role_assignment; --",
            "'0a000000-0000-4000-8000-000000000001'",
            "/",
            "$",
            "\u202e",
            "\ud83d\ude00",
            "%27",
            "contains(",
            "tolower(",
            "displayName",
            "/any(t:t/id eq ",
            "2026-01-01T00:00:00Z",
            "ge");
    return Arbitraries.oneOf(
        pieces.list().ofMaxSize(12).map(l -> String.join("", l)),
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(5000));
  }

  @Property(tries = 2000)
  void anyFilterIsParsedOrRefusedAsInvalidModel(@ForAll("filters") String filter) {
    try {
      var parsed = ODataQuery.filter(filter, FIELDS);
      parsed.keySet().forEach(field -> assertEquals(true, FIELDS.contains(field)));
    } catch (DomainException e) {
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    }
  }

  @Property(tries = 2000)
  void anyFilterIsReadIntoATreeOrRefusedAsInvalidModel(@ForAll("filters") String filter) {
    try {
      java.util.List<ODataFilter.Leaf> leaves = new java.util.ArrayList<>();
      ODataFilter.leaves(ODataFilter.parse(filter), "", leaves);
      leaves.forEach(leaf -> assertEquals(false, leaf.property().isEmpty()));
    } catch (DomainException e) {
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    }
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "$filter=",
            "$top=",
            "&",
            "=",
            "%",
            "%2",
            "%zz",
            "%24",
            "%25",
            "%E2%82",
            "+",
            ";",
            "#",
            "?",
            "principalId eq 'x'",
            "\u00e9",
            "%C3%A9",
            "a",
            "&&",
            "==");
    return Arbitraries.oneOf(
        pieces.list().ofMaxSize(16).map(l -> String.join("", l)),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(2000));
  }

  @Property(tries = 2000)
  void anyQueryStringIsDecodedOrRefusedAsInvalidModel(@ForAll("queries") String query) {
    try {
      QueryParameters decoded = QueryParameters.decoded(query);
      decoded.names().forEach(name -> assertEquals(false, decoded.all(name).isEmpty()));
    } catch (DomainException e) {
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    }
  }
}
