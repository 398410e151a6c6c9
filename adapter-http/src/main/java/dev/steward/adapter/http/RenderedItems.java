package dev.steward.adapter.http;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.steward.application.port.in.Page;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>A whole page of a collection is remembered too ({@link #page}), under the keys of its items
 * and everything else its answer holds: the {@code @odata.context}, the {@code @odata.nextLink}
 * (the request's own URL) and the {@code @odata.count}. An equal key is an equal answer by
 * construction, so a page is never stale: a record added, a name changed, another page asked for,
 * another count is another key. At most {@link #MAX_PAGE_BYTES} bytes and {@link #MAX_PAGES} pages
 * are kept; past that, all are forgotten at once.
 */
public final class RenderedItems<T, K> {
  /** Bytes of whole pages kept at most, per collection. */
  public static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;

  /** Whole pages kept at most, per collection, however small (each holds its items' keys). */
  static final int MAX_PAGES = 10_000;

  /** What a page's answer is written from, every part of it. */
  private record PageKey<K>(String context, List<K> items, String nextLink, Long count) {}

  private final Map<K, RawValue> items = new ConcurrentHashMap<>();
  private final Map<PageKey<K>, byte[]> pages = new ConcurrentHashMap<>();
  private final AtomicLong pageBytes = new AtomicLong();
  private final int capacity;
  private final long maxPageBytes;
  private final Function<? super T, ? extends K> key;
  private final Function<? super T, JsonObject> json;

  private RenderedItems(
      int capacity,
      long maxPageBytes,
      Function<? super T, ? extends K> key,
      Function<? super T, JsonObject> json) {
    this.capacity = capacity;
    this.maxPageBytes = maxPageBytes;
    this.key = key;
    this.json = json;
  }

  /** Items remembered by their own value. */
  public static <T> RenderedItems<T, T> byValue(
      int capacity, Function<? super T, JsonObject> json) {
    return byValue(capacity, MAX_PAGE_BYTES, json);
  }

  /**
   * Items remembered by their own value, with at most {@code maxPageBytes} of whole pages (for a
   * collection written by several memos, which share {@link #MAX_PAGE_BYTES} between them).
   */
  public static <T> RenderedItems<T, T> byValue(
      int capacity, long maxPageBytes, Function<? super T, JsonObject> json) {
    return new RenderedItems<>(
        capacity, Math.min(maxPageBytes, MAX_PAGE_BYTES), Function.identity(), json);
  }

  /**
   * Items remembered by {@code key}, which must hold every input of the item's JSON that changes.
   */
  public static <T, K> RenderedItems<T, K> byKey(
      int capacity, Function<? super T, ? extends K> key, Function<? super T, JsonObject> json) {
    return new RenderedItems<>(capacity, MAX_PAGE_BYTES, key, json);
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

  /**
   * The answer for one page of a collection, as JSON bytes: {@code @odata.context}, the items,
   * {@code nextLink} when another page follows and {@code count} ({@code @odata.count}) when it was
   * asked for, else null. Written once per distinct page and then shared by every answer that gives
   * the same page; not for answers that {@code $select} fields from their items.
   */
  public Buffer page(String context, Page<T> page, String nextLink, Long count) {
    List<K> keys = new ArrayList<>(page.items().size());
    for (T item : page.items()) {
      keys.add(key.apply(item));
    }
    PageKey<K> k = new PageKey<>(context, keys, nextLink, count);
    byte[] bytes = pages.get(k);
    if (bytes == null) {
      JsonArray written = new JsonArray(new ArrayList<>(page.items().size()));
      page.items().forEach(item -> written.add(item(item)));
      JsonObject json = new JsonObject().put("@odata.context", context).put("value", written);
      if (nextLink != null) {
        json.put("@odata.nextLink", nextLink);
      }
      if (count != null) {
        json.put("@odata.count", count);
      }
      bytes = Routes.writtenBytes(json);
      if (pageBytes.addAndGet(bytes.length) > maxPageBytes || pages.size() >= MAX_PAGES) {
        pages.clear();
        pageBytes.set(bytes.length);
      }
      pages.put(k, bytes);
    }
    // The array is shared, never written to: each answer reads it through a wrapper of its own.
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** How many whole pages are remembered. */
  int pages() {
    return pages.size();
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
