package dev.steward.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers already written to JSON bytes, remembered by the value they were written from. For reads
 * whose answer is a pure function of a small value that many requests share — "what may I do here"
 * gives the same 17 decisions to every caller with the same roles in a scope — so that the JSON,
 * the largest cost of such a read, is written once per distinct value. The key must be an immutable
 * value (a record of records and lists): equal keys give equal answers by construction, so a
 * changed role, decision or scope is a new key and is written afresh; nothing needs expiring. At
 * most {@code capacity} answers are kept; past that, all are forgotten at once.
 */
public final class RenderedAnswers<K> {
  private final Map<K, byte[]> answers = new ConcurrentHashMap<>();
  private final int capacity;
  private final Function<? super K, JsonObject> json;

  public RenderedAnswers(int capacity, Function<? super K, JsonObject> json) {
    this.capacity = capacity;
    this.json = json;
  }

  /** The JSON answer for {@code value}, written now or remembered from an equal value. */
  public Buffer answer(K value) {
    byte[] bytes = answers.get(value);
    if (bytes == null) {
      bytes = json.apply(value).toBuffer().getBytes();
      if (answers.size() >= capacity) {
        answers.clear();
      }
      answers.put(value, bytes);
    }
    return Buffer.buffer(bytes);
  }

  /** How many answers are remembered. */
  int size() {
    return answers.size();
  }
}
