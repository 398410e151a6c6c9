package dev.steward.application.port.in;

import java.util.List;
import java.util.Optional;

/** One page of a listing and, when more follow, the key to ask for the next one. */
public record Page<T>(List<T> items, Optional<String> nextAfter) {
  public Page {
    items = List.copyOf(items);
  }
}
