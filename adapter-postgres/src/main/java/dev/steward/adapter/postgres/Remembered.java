package dev.steward.adapter.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain values already built from rows, by a key that fixes them (decisions 0026, 0027): reads
 * that list the same rows again and again build each value once. At most {@code kept} values; past
 * that, all are forgotten at once, which keeps the memory bounded without any bookkeeping per read.
 */
final class Remembered<K, V> {
  private final Map<K, V> values = new ConcurrentHashMap<>();
  private final int kept;

  Remembered(int kept) {
    this.kept = kept;
  }

  /** The value remembered under {@code key}, or null. */
  V get(K key) {
    return values.get(key);
  }

  /** Remembers {@code value} under {@code key} and gives it back. */
  V remember(K key, V value) {
    if (values.size() >= kept) {
      values.clear();
    }
    values.put(key, value);
    return value;
  }

  /** Remembers every entry of {@code found}. */
  void rememberAll(Map<K, V> found) {
    if (values.size() + found.size() > kept) {
      values.clear();
    }
    values.putAll(found);
  }
}
