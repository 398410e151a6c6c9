package dev.steward.adapter.ldap;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Directory answers remembered for a while (zero: not at all), at most one lookup per key at a
 * time, and cleared wholesale when it grows past a bound rather than tracking which entry is
 * oldest.
 */
final class TtlCache<K, V> {
  private static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(V value, long expiresAtNanos) {}

  private final Duration ttl;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final SingleFlight<K, V> lookups = new SingleFlight<>();

  TtlCache(Duration ttl) {
    this.ttl = ttl;
  }

  /** The remembered value, or one looked up now and remembered when {@code keep} says so. */
  Future<V> load(K key, Supplier<Future<V>> lookup, Predicate<V> keep) {
    Entry<V> cached = entries.get(key);
    if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
      return Future.succeededFuture(cached.value());
    }
    return lookups.load(
        key,
        () ->
            lookup
                .get()
                .onSuccess(
                    v -> {
                      if (!ttl.isZero() && keep.test(v)) {
                        if (entries.size() > MAX_ENTRIES) {
                          entries.clear();
                        }
                        entries.put(key, new Entry<>(v, System.nanoTime() + ttl.toNanos()));
                      }
                    }));
  }

  void forget(K key) {
    entries.remove(key);
  }
}
