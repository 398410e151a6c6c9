package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query parameters of a request, decoded as Vert.x-Web decodes them (Netty's {@link
 * QueryStringDecoder}; names matched without regard to case) but once per distinct query string:
 * clients ask the same few queries again and again, and decoding every percent-escape of a {@code
 * $filter} and copying each value into a new list on every read was 7% of a role-assignment page's
 * CPU (issue 21). A decoded query is immutable, so one serves every request that sends the same
 * text. At most {@value #CAPACITY} query strings of at most {@value #LONGEST} characters are kept
 * (past that, all are forgotten at once); a longer one is decoded for its request alone. A query
 * that cannot be decoded (a broken percent-escape) is refused as InvalidModel and not remembered.
 */
final class QueryParameters {
  static final int CAPACITY = 1_024;
  static final int LONGEST = 1_024;
  private static final String KEY = "steward.queryParameters";
  private static final QueryParameters NONE = new QueryParameters("");
  private static final Map<String, QueryParameters> DECODED = new ConcurrentHashMap<>();

  /** Values by name, names compared without regard to case. */
  private final Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** Every name and value, in the order Vert.x-Web iterates them (by name, as first given). */
  private final List<Map.Entry<String, String>> entries = new ArrayList<>();

  private QueryParameters(String query) {
    if (query.isEmpty()) {
      return;
    }
    Map<String, List<String>> decoded;
    try {
      decoded = new QueryStringDecoder("?" + query).parameters();
    } catch (IllegalArgumentException e) { // a broken percent-escape, such as %zz
      throw DomainException.invalid(
          "query", "the query string is not well-formed: " + e.getMessage());
    }
    for (Map.Entry<String, List<String>> e : decoded.entrySet()) {
      byName.merge(
          e.getKey(),
          List.copyOf(e.getValue()),
          (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
          });
      for (String value : e.getValue()) {
        entries.add(Map.entry(e.getKey(), value));
      }
    }
  }

  /** The parameters of this request. */
  static QueryParameters of(RoutingContext ctx) {
    QueryParameters known = ctx.get(KEY);
    if (known == null) {
      known = decoded(ctx.request().query());
      ctx.put(KEY, known);
    }
    return known;
  }

  static QueryParameters decoded(String query) {
    if (query == null || query.isEmpty()) {
      return NONE;
    }
    if (query.length() > LONGEST) {
      return new QueryParameters(query);
    }
    QueryParameters known = DECODED.get(query);
    if (known == null) {
      known = new QueryParameters(query);
      if (DECODED.size() >= CAPACITY) {
        DECODED.clear();
      }
      DECODED.put(query, known);
    }
    return known;
  }

  /** How many query strings are remembered. */
  static int memoSize() {
    return DECODED.size();
  }

  /** Every value given for {@code name}; empty when none. */
  List<String> all(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The names given, each once (in the spelling first given). */
  Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  /** Every name and value. */
  List<Map.Entry<String, String>> entries() {
    return Collections.unmodifiableList(entries);
  }
}
