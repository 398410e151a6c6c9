package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Readers of single OData query options: {@code $top}, {@code $skiptoken}, {@code $expand} and the
 * conjunctive {@code eq}/{@code in} filters of the older routes, parsed by {@link ODataFilter}.
 * Which options a route takes at all is its {@link QueryOptions}.
 */
public final class ODataQuery {
  private ODataQuery() {}

  public static int top(RoutingContext ctx, int defaultTop, int max) {
    String raw = single(ctx, "$top");
    if (raw == null) {
      return defaultTop;
    }
    try {
      int top = Integer.parseInt(raw);
      if (top >= 1 && top <= max) {
        return top;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DomainException.invalid("$top", "'$top' must be a whole number from 1 to " + max);
  }

  /** The id after which the next page starts, or null on the first page. */
  public static String skipToken(RoutingContext ctx) {
    String raw = single(ctx, "$skiptoken");
    if (raw == null) {
      return null;
    }
    try {
      String after = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
      // An id, or for a listing in another order its sort key, a NUL and the id.
      int nul = after.lastIndexOf('\u0000');
      if (Guid.isValid(nul < 0 ? after : after.substring(nul + 1))) {
        return after;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw DomainException.invalid("$skiptoken", "'$skiptoken' is not one Steward handed out");
  }

  static String token(String afterId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(afterId.getBytes(StandardCharsets.UTF_8));
  }

  public static Set<String> expand(RoutingContext ctx, Set<String> allowed) {
    String raw = single(ctx, "$expand");
    Set<String> found = new LinkedHashSet<>();
    if (raw == null || raw.isBlank()) {
      return found;
    }
    for (String part : raw.split(",")) {
      String name = part.trim();
      if (!allowed.contains(name)) {
        throw DomainException.invalid(
            "$expand", "'$expand' supports " + String.join(", ", allowed) + "; not '" + name + "'");
      }
      found.add(name);
    }
    return found;
  }

  public static String single(RoutingContext ctx, String name) {
    List<String> values = QueryParameters.of(ctx).all(name);
    if (values.size() > 1) {
      throw DomainException.invalid(name, "'" + name + "' is given more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Reads a filter of {@code eq} and {@code in} conditions joined by {@code and} into the allowed
   * values of each field: a field named twice keeps only values both clauses allow.
   */
  public static Map<String, Set<String>> filter(String text, Set<String> fields) {
    Map<String, Set<String>> result = new HashMap<>();
    if (text == null || text.isBlank()) {
      return result;
    }
    conjuncts(ODataFilter.parse(text), fields, result);
    return result;
  }

  private static void conjuncts(
      ODataFilter f, Set<String> fields, Map<String, Set<String>> result) {
    if (f instanceof ODataFilter.And and) {
      conjuncts(and.left(), fields, result);
      conjuncts(and.right(), fields, result);
      return;
    }
    String field;
    Set<String> values = new LinkedHashSet<>();
    if (f instanceof ODataFilter.Compare c && c.op().equals("eq") && !c.lower()) {
      field = c.property();
      values.add(text(c.value()));
    } else if (f instanceof ODataFilter.In in && !in.lower()) {
      field = in.property();
      in.values().forEach(v -> values.add(text(v)));
    } else {
      throw DomainException.invalid(
          "$filter", "'$filter' supports 'eq' and 'in' joined by 'and' here");
    }
    if (!fields.contains(field)) {
      throw DomainException.invalid(
          "$filter", "'$filter' can use " + String.join(", ", fields) + "; not '" + field + "'");
    }
    result.merge(
        field,
        values,
        (a, b) -> {
          Set<String> both = new LinkedHashSet<>(a);
          both.retainAll(b);
          return both;
        });
  }

  /**
   * The value a conjunctive filter gives {@code property} with operator {@code op} (as {@link
   * ODataFilter#leaves} names it); empty when the filter leaves it out, refused when given twice or
   * under {@code or}, which the store queries do not take.
   */
  public static Optional<String> value(Optional<ODataFilter> filter, String property, String op) {
    List<String> values = new java.util.ArrayList<>();
    filter.ifPresent(f -> matching(f, "", property, op, values));
    if (values.size() > 1) {
      throw DomainException.invalid(
          "$filter", "'$filter' takes one '" + op + "' condition on " + property);
    }
    return values.stream().findFirst();
  }

  private static void matching(
      ODataFilter f, String prefix, String property, String op, List<String> values) {
    if (f instanceof ODataFilter.And and) {
      matching(and.left(), prefix, property, op, values);
      matching(and.right(), prefix, property, op, values);
      return;
    }
    if (f instanceof ODataFilter.Any any && prefix.isEmpty()) {
      // Within a lambda only one condition is read here, "some item has this value"; a route
      // that declares a lambda of several conditions reads that lambda itself.
      if (any.body() instanceof ODataFilter.Compare) {
        matching(any.body(), any.collection() + "/", property, op, values);
      }
      return;
    }
    if (!(f instanceof ODataFilter.Compare || f instanceof ODataFilter.Call)) {
      throw DomainException.invalid(
          "$filter", "'$filter' takes no 'or' or lambda here; join conditions with 'and'");
    }
    List<ODataFilter.Leaf> leaves = new java.util.ArrayList<>();
    ODataFilter.leaves(f, "", leaves);
    ODataFilter.Leaf leaf = leaves.get(0);
    if ((prefix + leaf.property()).equals(property) && leaf.op().equals(op)) {
      values.add(
          f instanceof ODataFilter.Compare c
              ? text(c.value())
              : text(((ODataFilter.Call) f).value()));
    }
  }

  /** A filter's date and time value of {@code property}, refused when it is not one. */
  public static java.time.Instant instant(String property, String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw DomainException.invalid(
          "$filter",
          "'" + property + "' compares with a date and time such as 2026-01-31T00:00:00Z");
    }
  }

  /** The conditions joined by {@code and} at the top of a filter. */
  public static List<ODataFilter> conjuncts(Optional<ODataFilter> filter) {
    List<ODataFilter> parts = new java.util.ArrayList<>();
    filter.ifPresent(f -> flatten(f, parts));
    return parts;
  }

  private static void flatten(ODataFilter f, List<ODataFilter> parts) {
    if (f instanceof ODataFilter.And and) {
      flatten(and.left(), parts);
      flatten(and.right(), parts);
    } else {
      parts.add(f);
    }
  }

  private static String text(ODataFilter.Literal value) {
    if (value.kind() != ODataFilter.Kind.STRING
        && value.kind() != ODataFilter.Kind.GUID
        && value.kind() != ODataFilter.Kind.DATETIME) {
      throw DomainException.invalid("$filter", "'$filter' compares text here");
    }
    return value.text();
  }

  /**
   * The one value a filter allows for {@code field}, as {@code id} reads it; empty when the filter
   * leaves the field out, refused when it allows several.
   */
  public static <T> Optional<T> one(
      Map<String, Set<String>> filter, String field, Function<String, T> id) {
    return Optional.ofNullable(filter.get(field))
        .map(
            values -> {
              if (values.size() != 1) {
                throw DomainException.invalid("$filter", "filter on one " + field + " at a time");
              }
              return id.apply(values.iterator().next());
            });
  }
}
