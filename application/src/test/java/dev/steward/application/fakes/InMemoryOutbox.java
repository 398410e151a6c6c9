package dev.steward.application.fakes;

import dev.steward.application.port.out.notifications.Outbox;
import dev.steward.application.port.out.notifications.OutboxMessage;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox in memory: the rows live in the store's state, so they roll back with it. */
final class InMemoryOutbox implements Outbox {
  /** One row: the message, where it stands, when it may next be tried, and the last error. */
  record Row(OutboxMessage message, String state, Instant next, String error, Instant settledAt) {
    Row with(String newState, int attempts, Instant newNext, String newError, Instant settled) {
      OutboxMessage m = message;
      return new Row(
          new OutboxMessage(
              m.id(),
              m.channel(),
              m.kind(),
              m.dedupeKey(),
              m.target(),
              m.payload(),
              attempts,
              m.createdAt()),
          newState,
          newNext,
          newError,
          settled);
    }
  }

  private final Map<String, Row> rows;

  InMemoryOutbox(Map<String, Row> rows) {
    this.rows = rows;
  }

  @Override
  public Future<Void> enqueue(OutboxMessage message) {
    boolean known =
        rows.values().stream().anyMatch(r -> r.message().dedupeKey().equals(message.dedupeKey()));
    if (!known) {
      rows.put(message.id(), new Row(message, "waiting", message.createdAt(), null, null));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<OutboxMessage>> claim(
      String channel, Instant now, Instant leaseUntil, int limit) {
    List<Row> due =
        rows.values().stream()
            .filter(r -> r.state().equals("waiting") && r.message().channel().equals(channel))
            .filter(r -> !r.next().isAfter(now))
            .sorted(Comparator.comparing(Row::next))
            .limit(limit)
            .toList();
    List<OutboxMessage> out = new ArrayList<>();
    for (Row r : due) {
      Row leased = r.with("waiting", r.message().attempts() + 1, leaseUntil, r.error(), null);
      rows.put(r.message().id(), leased);
      out.add(leased.message());
    }
    return Future.succeededFuture(out);
  }

  @Override
  public Future<Void> done(String id, Instant at) {
    Row r = rows.get(id);
    rows.put(id, r.with("done", r.message().attempts(), r.next(), null, at));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> retry(String id, Instant next, String error) {
    Row r = rows.get(id);
    rows.put(id, r.with("waiting", r.message().attempts(), next, error, null));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> park(String id, Instant at, String error) {
    Row r = rows.get(id);
    rows.put(id, r.with("parked", r.message().attempts(), r.next(), error, at));
    return Future.succeededFuture();
  }

  @Override
  public Future<Stats> stats(String channel, Instant now) {
    List<Row> mine =
        rows.values().stream().filter(r -> r.message().channel().equals(channel)).toList();
    List<Row> waiting = mine.stream().filter(r -> r.state().equals("waiting")).toList();
    return Future.succeededFuture(
        new Stats(
            waiting.size(),
            mine.stream().filter(r -> r.state().equals("parked")).count(),
            waiting.stream()
                .map(r -> r.message().createdAt())
                .min(Comparator.naturalOrder())
                .map(Optional::of)
                .orElse(Optional.empty())));
  }
}
