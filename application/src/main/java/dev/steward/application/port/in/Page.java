package dev.steward.application.port.in;

import java.util.List;
import java.util.Optional;

/** One page of a listing and, when more follow, the key to ask for the next one. */
public record Page<T>(List<T> items, Optional<String> nextAfter) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page out of {@code found}, which was fetched with one item more than {@code limit}: that
   * extra item only says that another page follows, which starts after the last kept item's id.
   */
  public static <T> Page<T> of(
      List<T> found, int limit, java.util.function.Function<T, String> id) {
    if (found.size() <= limit) {
      return new Page<>(found, Optional.empty());
    }
    List<T> items = found.subList(0, limit);
    return new Page<>(items, Optional.of(id.apply(items.get(limit - 1))));
  }
}
