package dev.steward.application.port.out.directory;

import dev.steward.domain.Principal;
import java.util.List;
import java.util.Optional;

/**
 * One page of a directory listing: its items in {@link DirectoryQuery#ORDER}, where the next page
 * starts when one follows, and how many match the query on all pages together.
 */
public record DirectoryPage(
    List<Principal> items, Optional<DirectoryQuery.Cursor> next, int count) {
  public DirectoryPage {
    items = List.copyOf(items);
  }

  /**
   * The page of {@code query} out of every principal that matches it (in any order): sorted, cut
   * after the cursor, at most the query's limit long.
   */
  public static DirectoryPage of(DirectoryQuery query, List<Principal> matching) {
    List<Principal> sorted =
        matching.stream().sorted(DirectoryQuery.ORDER).filter(query::isAfter).toList();
    if (sorted.size() <= query.limit()) {
      return new DirectoryPage(sorted, Optional.empty(), matching.size());
    }
    List<Principal> items = sorted.subList(0, query.limit());
    return new DirectoryPage(
        items, Optional.of(DirectoryQuery.Cursor.of(items.get(items.size() - 1))), matching.size());
  }
}
