package dev.steward.adapter.http;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The items of a collection written to JSON once and then copied into every answer that holds them,
 * as raw bytes. Writing JSON is the largest single cost of Steward's big reads (half of the CPU of
 * a page of 50 audit records, whose values hold escaped JSON), and the same items are listed again
 * and again: the newest audit records, a catalog's role assignments, the packages a user may
 * request.
 *
 * <p>An item is remembered under a key that must determine its JSON entirely. {@link #byValue} uses
 * the item itself, an immutable record of records: a changed field is a new key, so nothing needs
 * expiring. {@link #byKey} takes a smaller key for items that never change once written (an audit
 * record, which the application's database role may only insert) together with every mutable input
 * of its JSON. At most {@code capacity} items are kept; past that, all are forgotten at once.
 * Answers that pick fields with {@code $select} are written from {@link #json} as before.
 */
public final class RenderedItems<T, K> {
  private final Map<K, RawValue> items = new ConcurrentHashMap<>();
  private final int capacity;
  private final Function<? super T, ? extends K> key;
  private final Function<? super T, JsonObject> json;

  private RenderedItems(
      int capacity, Function<? super T, ? extends K> key, Function<? super T, JsonObject> json) {
    this.capacity = capacity;
    this.key = key;
    this.json = json;
  }

  /** Items remembered by their own value. */
  public static <T> RenderedItems<T, T> byValue(
      int capacity, Function<? super T, JsonObject> json) {
    return new RenderedItems<>(capacity, Function.identity(), json);
  }

  /**
   * Items remembered by {@code key}, which must hold every input of the item's JSON that changes.
   */
  public static <T, K> RenderedItems<T, K> byKey(
      int capacity, Function<? super T, ? extends K> key, Function<? super T, JsonObject> json) {
    return new RenderedItems<>(capacity, key, json);
  }

  /** The item as written JSON, to be placed in a {@link JsonObject} or array as it is. */
  public Object item(T value) {
    K k = key.apply(value);
    RawValue raw = items.get(k);
    if (raw == null) {
      // SerializedString keeps the UTF-8 bytes once asked for them: later answers copy those.
      raw = new RawValue(new SerializedString(json.apply(value).encode()));
      if (items.size() >= capacity) {
        items.clear();
      }
      items.put(k, raw);
    }
    return raw;
  }

  /** The item as a JSON tree, for an answer that is changed after it is built ({@code $select}). */
  public JsonObject json(T value) {
    return json.apply(value);
  }

  /** How many items are remembered. */
  int size() {
    return items.size();
  }
}
