package dev.steward.application.port.in.catalogs;

import dev.steward.domain.Catalog;
import java.util.Locale;
import java.util.Optional;

/**
 * Which catalogs to list: Graph's {@code displayName eq}, {@code contains(displayName, …)} and
 * {@code state eq}, each applied by the store so that paging stays exact; in id order, or by
 * display name ({@code $orderby=displayName}, case-insensitive, then id).
 *
 * @param displayNameEquals exact name, case-insensitive, as Entra compares display names
 * @param displayNameContains part of the name, case-insensitive
 * @param byName null for id order, else the name order and its direction
 * @param afterName the lower-cased name of the previous page's last catalog, with {@code afterId},
 *     when ordered by name; else null
 * @param afterId the last id of the previous page, or null
 */
public record CatalogQuery(
    Optional<String> displayNameEquals,
    Optional<String> displayNameContains,
    Optional<Catalog.State> state,
    NameOrder byName,
    String afterName,
    String afterId,
    int limit) {
  /** Ordered by display name, ascending or descending. */
  public record NameOrder(boolean descending) {}

  public CatalogQuery(
      Optional<String> displayNameEquals,
      Optional<String> displayNameContains,
      Optional<Catalog.State> state,
      String afterId,
      int limit) {
    this(displayNameEquals, displayNameContains, state, null, null, afterId, limit);
  }

  /** Every catalog, a page at a time. */
  public static CatalogQuery all(String afterId, int limit) {
    return new CatalogQuery(Optional.empty(), Optional.empty(), Optional.empty(), afterId, limit);
  }

  public CatalogQuery withLimit(int newLimit) {
    return new CatalogQuery(
        displayNameEquals, displayNameContains, state, byName, afterName, afterId, newLimit);
  }

  /** The paging key of a catalog in this query's order: its id, or its lower-cased name and id. */
  public String keyOf(Catalog c) {
    return byName == null ? c.id().value() : nameKey(c) + "\u0000" + c.id().value();
  }

  public static String nameKey(Catalog c) {
    return c.displayName().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code c} passes the filters (not the paging), as the store applies them. */
  public boolean matches(Catalog c) {
    String name = c.displayName().toLowerCase(Locale.ROOT);
    return displayNameEquals.map(n -> n.toLowerCase(Locale.ROOT).equals(name)).orElse(true)
        && displayNameContains.map(n -> name.contains(n.toLowerCase(Locale.ROOT))).orElse(true)
        && state.map(s -> s == c.state()).orElse(true);
  }

  /** The order this query lists in, as a comparator (for stores that sort in memory). */
  public java.util.Comparator<Catalog> order() {
    java.util.Comparator<Catalog> byId = java.util.Comparator.comparing(c -> c.id().value());
    if (byName == null) {
      return byId;
    }
    java.util.Comparator<Catalog> asc =
        java.util.Comparator.comparing(CatalogQuery::nameKey).thenComparing(byId);
    return byName.descending() ? asc.reversed() : asc;
  }

  /** Whether {@code c} comes after the previous page's last catalog in this query's order. */
  public boolean after(Catalog c) {
    if (afterId == null) {
      return true;
    }
    if (byName == null) {
      return c.id().value().compareTo(afterId) > 0;
    }
    int cmp = nameKey(c).compareTo(afterName);
    if (cmp == 0) {
      cmp = c.id().value().compareTo(afterId);
    }
    return byName.descending() ? cmp < 0 : cmp > 0;
  }
}
