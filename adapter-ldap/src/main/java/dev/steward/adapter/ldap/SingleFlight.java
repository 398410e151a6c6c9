package dev.steward.adapter.ldap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One directory lookup per key at a time: callers that miss the cache while a lookup for the same
 * key is under way wait for that one instead of starting their own. Without it, a cached entry that
 * expires under load sends every concurrent request to LDAP at once.
 */
final class SingleFlight<K, V> {
  private final Map<K, Future<V>> inFlight = new ConcurrentHashMap<>();

  Future<V> load(K key, Supplier<Future<V>> lookup) {
    Promise<V> mine = Promise.promise();
    Future<V> running = inFlight.putIfAbsent(key, mine.future());
    if (running != null) {
      return running;
    }
    Future<V> started;
    try {
      started = lookup.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(
        result -> {
          inFlight.remove(key, mine.future());
          mine.handle(result);
        });
    return mine.future();
  }

  int running() {
    return inFlight.size();
  }
}
