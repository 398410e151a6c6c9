package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.DomainException;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query parameters decoded once per distinct query string, as Vert.x-Web decodes them. */
class QueryParametersTest {
  private static final String FILTER =
      "%24filter=appScopeId%20eq%20'%2FAccessPackageCatalog%2F3c000000-0000-4000-8000-000000000000'"
          + "&$expand=principal";

  @Test
  void decodesEveryValueAsVertxWebDoes() {
    for (String query :
        List.of(
            FILTER,
            "a=b+c&d=%2B%20e",
            "a=1&b=2&a=3",
            "flag&empty=&=x",
            "x=%2f&y=%E2%82%AC",
            "a=1;b=2",
            "a=1#fragment")) {
      QueryParameters ours = QueryParameters.decoded(query);
      // Vert.x-Web reads a request's parameters with Netty's decoder on the whole URI.
      Map<String, List<String>> theirs = new QueryStringDecoder("/v1.0/x?" + query).parameters();
      List<Map.Entry<String, String>> expected = new ArrayList<>();
      theirs.forEach((name, values) -> values.forEach(v -> expected.add(Map.entry(name, v))));
      assertEquals(expected, ours.entries(), query);
      theirs.forEach((name, values) -> assertEquals(values, ours.all(name), query));
    }
    assertEquals(
        List.of("appScopeId eq '/AccessPackageCatalog/3c000000-0000-4000-8000-000000000000'"),
        QueryParameters.decoded(FILTER).all("$filter"));
    assertEquals(List.of("b c"), QueryParameters.decoded("a=b+c").all("a"));
  }

  @Test
  void aBrokenPercentEscapeIsRefusedAsInvalidModelEachTime() {
    for (int i = 0; i < 2; i++) {
      DomainException e =
          assertThrows(DomainException.class, () -> QueryParameters.decoded("x=%zz&y=1"));
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
    }
  }

  @Test
  void namesAreMatchedWithoutRegardToCaseAndGivenAsSpelled() {
    QueryParameters p = QueryParameters.decoded("$Top=5&$top=6");
    assertEquals(List.of("5", "6"), p.all("$TOP"));
    assertEquals(List.of("$Top"), List.copyOf(p.names()));
    assertEquals(List.of(), p.all("$skiptoken"));
  }

  @Test
  void theSameQueryIsDecodedOnceAndNoReaderCanChangeIt() {
    QueryParameters first = QueryParameters.decoded(FILTER);
    assertSame(first, QueryParameters.decoded(new String(FILTER)));
    assertThrows(UnsupportedOperationException.class, () -> first.all("$expand").add("x"));
    assertThrows(UnsupportedOperationException.class, () -> first.names().clear());
    assertThrows(UnsupportedOperationException.class, () -> first.entries().clear());
    assertEquals(List.of("principal"), QueryParameters.decoded(FILTER).all("$expand"));
  }

  @Test
  void aLongQueryIsDecodedForItsRequestAloneAndTheMemoKeepsToItsCapacity() {
    String longQuery = "$filter=" + "a".repeat(QueryParameters.LONGEST);
    QueryParameters once = QueryParameters.decoded(longQuery);
    assertNotSame(once, QueryParameters.decoded(longQuery));
    assertEquals(once.entries(), QueryParameters.decoded(longQuery).entries());
    for (int i = 0; i <= QueryParameters.CAPACITY + 10; i++) {
      assertEquals(List.of("" + i), QueryParameters.decoded("$top=" + i).all("$top"));
    }
    assertTrue(QueryParameters.memoSize() <= QueryParameters.CAPACITY);
  }
}
