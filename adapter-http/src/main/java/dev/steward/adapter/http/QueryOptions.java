package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one route declares it answers: which properties it filters (and with which operators), which
 * it selects and expands, whether it pages and counts, and any other parameters. The check handler,
 * mounted before the route's own, refuses every other query option as InvalidModel naming it, so
 * nothing a client asks for is silently ignored.
 */
public record QueryOptions(
    Map<String, Set<String>> filters,
    Set<String> select,
    Set<String> expand,
    Set<String> orderBy,
    boolean paging,
    boolean count,
    Set<String> others) {
  private static final String KEY = "steward.query";

  public QueryOptions {
    filters = Map.copyOf(filters);
    select = Set.copyOf(select);
    expand = Set.copyOf(expand);
    orderBy = Set.copyOf(orderBy);
    others = Set.copyOf(others);
  }

  /** A route that takes no query options at all. */
  public static QueryOptions none() {
    return new QueryOptions(Map.of(), Set.of(), Set.of(), Set.of(), false, false, Set.of());
  }

  /** A collection that pages with {@code $top} and {@code $skiptoken}. */
  public static QueryOptions pages() {
    return none().withPaging();
  }

  public QueryOptions withPaging() {
    return new QueryOptions(filters, select, expand, orderBy, true, count, others);
  }

  /** Adds {@code $count=true}, answered as {@code @odata.count}. */
  public QueryOptions withCount() {
    return new QueryOptions(filters, select, expand, orderBy, paging, true, others);
  }

  /** Adds a filterable property and its operators (eq, ne, ge, in, contains, tolower:contains…). */
  public QueryOptions filter(String property, String... ops) {
    Map<String, Set<String>> more = new HashMap<>(filters);
    more.put(property, Set.of(ops));
    return new QueryOptions(more, select, expand, orderBy, paging, count, others);
  }

  /** Adds the properties {@code $select} may name. */
  public QueryOptions select(String... properties) {
    return new QueryOptions(
        filters, union(select, properties), expand, orderBy, paging, count, others);
  }

  /** Adds the navigation properties {@code $expand} may name. */
  public QueryOptions expand(String... properties) {
    return new QueryOptions(
        filters, select, union(expand, properties), orderBy, paging, count, others);
  }

  /** Adds the properties {@code $orderby} may sort by, ascending or descending. */
  public QueryOptions orderBy(String... properties) {
    return new QueryOptions(
        filters, select, expand, union(orderBy, properties), paging, count, others);
  }

  /** Adds parameters the route reads itself, such as {@code $search}. */
  public QueryOptions also(String... names) {
    return new QueryOptions(filters, select, expand, orderBy, paging, count, union(others, names));
  }

  private static Set<String> union(Set<String> a, String... b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(List.of(b));
    return all;
  }

  /** The options of one request, as the check handler read them. */
  public record Asked(
      Optional<ODataFilter> filter,
      Set<String> select,
      Set<String> expand,
      Optional<Order> orderBy,
      boolean count) {
    static final Asked NOTHING =
        new Asked(Optional.empty(), Set.of(), Set.of(), Optional.empty(), false);
  }

  /** One {@code $orderby} property and its direction. */
  public record Order(String property, boolean descending) {}

  /** What the check handler read for this request; nothing when the route declared no options. */
  public static Asked asked(RoutingContext ctx) {
    Asked asked = ctx.get(KEY);
    return asked == null ? Asked.NOTHING : asked;
  }

  /** The handler that refuses what this route does not declare and keeps the rest for it. */
  public Handler<RoutingContext> check() {
    return ctx ->
        Routes.guarded(
            ctx,
            () -> {
              ctx.put(KEY, read(ctx));
              ctx.next();
            });
  }

  Asked read(RoutingContext ctx) {
    QueryParameters given = QueryParameters.of(ctx);
    boolean plain = true;
    for (String name : given.names()) {
      if (!accepts(name) || given.all(name).size() > 1) {
        plain = false;
        break;
      }
    }
    if (!plain) {
      // In name order, so that of several faults the same one is always named.
      for (String name : new TreeSet<>(given.names())) {
        if (!accepts(name)) {
          throw DomainException.invalid(
              name, "the query option '" + name + "' is not supported on " + ctx.request().path());
        }
        ODataQuery.single(ctx, name);
      }
    }
    Optional<ODataFilter> filter =
        Optional.ofNullable(ODataQuery.single(ctx, "$filter"))
            .filter(f -> !f.isBlank())
            .map(this::checkedFilter);
    // An option the route reads itself (its own $expand grammar, a $top without paging) is its.
    Set<String> selected = others.contains("$select") ? Set.of() : list(ctx, "$select", select);
    Set<String> expanded =
        others.contains("$expand")
            ? topLevel(ODataQuery.single(ctx, "$expand"))
            : list(ctx, "$expand", expand);
    String counted = ODataQuery.single(ctx, "$count");
    if (counted != null && !counted.equals("true") && !counted.equals("false")) {
      throw DomainException.invalid("$count", "'$count' must be true or false");
    }
    return new Asked(filter, selected, expanded, order(ctx), "true".equals(counted));
  }

  /** One sort key: {@code property}, {@code property asc} or {@code property desc}. */
  private Optional<Order> order(RoutingContext ctx) {
    String raw = ODataQuery.single(ctx, "$orderby");
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String[] words = raw.trim().split(" +");
    boolean known = words.length <= 2 && orderBy.contains(words[0]);
    if (!known || (words.length == 2 && !words[1].matches("asc|desc"))) {
      throw DomainException.invalid(
          "$orderby",
          "'$orderby' takes one of "
              + String.join(", ", new TreeSet<>(orderBy))
              + ", then asc or desc; not '"
              + raw
              + "'");
    }
    return Optional.of(new Order(words[0], words.length == 2 && words[1].equals("desc")));
  }

  private boolean accepts(String name) {
    if (others.contains(name)) {
      return true;
    }
    return switch (name) {
      case "$top", "$skiptoken" -> paging;
      case "$filter" -> !filters.isEmpty();
      case "$select" -> !select.isEmpty();
      case "$expand" -> !expand.isEmpty();
      case "$orderby" -> !orderBy.isEmpty();
      case "$count" -> count;
      default -> others.contains(name);
    };
  }

  private ODataFilter checkedFilter(String text) {
    ODataFilter parsed = ODataFilter.parse(text);
    List<ODataFilter.Leaf> leaves = new ArrayList<>();
    ODataFilter.leaves(parsed, "", leaves);
    for (ODataFilter.Leaf leaf : leaves) {
      Set<String> ops = filters.get(leaf.property());
      if (ops == null) {
        throw DomainException.invalid(
            "$filter",
            "'$filter' can use "
                + String.join(", ", new TreeSet<>(filters.keySet()))
                + "; not '"
                + leaf.property()
                + "'");
      }
      if (!ops.contains(leaf.op())) {
        throw DomainException.invalid(
            "$filter",
            "'$filter' supports "
                + String.join(", ", new TreeSet<>(ops))
                + " on '"
                + leaf.property()
                + "'; not '"
                + leaf.op()
                + "'");
      }
    }
    return parsed;
  }

  /**
   * The navigation properties an {@code $expand} the route reads itself names at its top level
   * ({@code a($expand=b),c} names a and c), so that {@code $select} keeps them; the route checks
   * them.
   */
  private static Set<String> topLevel(String raw) {
    Set<String> names = new LinkedHashSet<>();
    if (raw == null) {
      return names;
    }
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : (raw + ",").toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        if (!current.toString().isBlank()) {
          names.add(current.toString().trim());
        }
        current.setLength(0);
      } else if (depth == 0) {
        current.append(c);
      }
    }
    return names;
  }

  private static Set<String> list(RoutingContext ctx, String option, Set<String> allowed) {
    String raw = ODataQuery.single(ctx, option);
    Set<String> found = new LinkedHashSet<>();
    if (raw == null || raw.isBlank()) {
      return found;
    }
    for (String part : raw.split(",", -1)) {
      String name = part.trim();
      if (!allowed.contains(name)) {
        throw DomainException.invalid(
            option,
            "'"
                + option
                + "' supports "
                + String.join(", ", new TreeSet<>(allowed))
                + "; not '"
                + name
                + "'");
      }
      found.add(name);
    }
    return found;
  }

  /**
   * Keeps only the selected properties (and {@code id}) of an entity or of each collection item.
   */
  public static JsonObject project(RoutingContext ctx, JsonObject json) {
    Asked asked = asked(ctx);
    if (asked.count()
        && !json.containsKey("@odata.count")
        && json.getValue("value") instanceof JsonArray all) {
      // A route that pages counts every match itself; the others answer with every item, so
      // their size is the count.
      json.put("@odata.count", all.size());
    }
    if (asked.select().isEmpty()) {
      return json;
    }
    Set<String> selected = new LinkedHashSet<>(asked.select());
    selected.addAll(asked.expand());
    if (json.getValue("value") instanceof JsonArray items && json.containsKey("@odata.context")) {
      JsonArray kept = new JsonArray();
      items.forEach(item -> kept.add(item instanceof JsonObject o ? keep(o, selected) : item));
      return json.copy().put("value", kept);
    }
    return keep(json, selected);
  }

  private static JsonObject keep(JsonObject item, Set<String> selected) {
    JsonObject kept = new JsonObject();
    item.forEach(
        e -> {
          if (e.getKey().equals("id")
              || e.getKey().startsWith("@odata.")
              || selected.contains(e.getKey())) {
            kept.put(e.getKey(), e.getValue());
          }
        });
    return kept;
  }
}
