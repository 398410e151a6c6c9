package dev.steward.application.port.in.catalogs;

import dev.steward.domain.Catalog;
import java.util.Locale;
import java.util.Optional;

/**
 * Which catalogs to list: Graph's {@code displayName eq}, {@code contains(displayName, …)} and
 * {@code state eq}, each applied by the store so that paging stays exact.
 *
 * @param displayNameEquals exact name, case-insensitive, as Entra compares display names
 * @param displayNameContains part of the name, case-insensitive
 * @param afterId the last id of the previous page, or null
 */
public record CatalogQuery(
    Optional<String> displayNameEquals,
    Optional<String> displayNameContains,
    Optional<Catalog.State> state,
    String afterId,
    int limit) {
  /** Every catalog, a page at a time. */
  public static CatalogQuery all(String afterId, int limit) {
    return new CatalogQuery(Optional.empty(), Optional.empty(), Optional.empty(), afterId, limit);
  }

  public CatalogQuery withLimit(int newLimit) {
    return new CatalogQuery(displayNameEquals, displayNameContains, state, afterId, newLimit);
  }

  /** Whether {@code c} passes the filters (not the paging), as the store applies them. */
  public boolean matches(Catalog c) {
    String name = c.displayName().toLowerCase(Locale.ROOT);
    return displayNameEquals.map(n -> n.toLowerCase(Locale.ROOT).equals(name)).orElse(true)
        && displayNameContains.map(n -> name.contains(n.toLowerCase(Locale.ROOT))).orElse(true)
        && state.map(s -> s == c.state()).orElse(true);
  }
}
