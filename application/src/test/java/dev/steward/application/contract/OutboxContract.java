package dev.steward.application.contract;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.notifications.Outbox;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.domain.Guid;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every outbox must do: record a message once per dedupe key, with the transaction that
 * records it; hand each due message to one claimant at a time; and keep every message, sent or
 * parked. Run against the in-memory fake and against Postgres.
 */
public abstract class OutboxContract {
  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(2);

  /** Transactions over an outbox that holds nothing yet. */
  protected abstract Transactions transactions();

  private OutboxMessage message(String key) {
    return new OutboxMessage(
        Guid.random(),
        OutboxMessage.MAIL,
        "approvalRequired",
        key,
        Guid.random(),
        Map.of("justification", "Für das Projekt «Falcon» & R&D", "empty", ""),
        0,
        T0);
  }

  private void enqueue(OutboxMessage m) {
    await(transactions().inTransaction(uow -> uow.outbox().enqueue(m)));
  }

  private List<OutboxMessage> claim(Instant now, int limit) {
    return await(
        transactions()
            .inTransaction(
                uow -> uow.outbox().claim(OutboxMessage.MAIL, now, now.plus(LEASE), limit)));
  }

  private Outbox.Stats stats(Instant now) {
    return await(transactions().read(uow -> uow.outbox().stats(OutboxMessage.MAIL, now)));
  }

  @Test
  void aRecordedMessageIsClaimedWithItsPayloadAndThenLeased() {
    OutboxMessage m = message("k-" + Guid.random());
    enqueue(m);

    List<OutboxMessage> first = claim(T0, 10);
    assertEquals(1, first.size());
    assertEquals(m.id(), first.get(0).id());
    assertEquals(m.payload(), first.get(0).payload());
    assertEquals(m.target(), first.get(0).target());
    assertEquals(1, first.get(0).attempts());
    assertTrue(claim(T0.plusSeconds(60), 10).isEmpty(), "leased to the first claimant");

    List<OutboxMessage> again = claim(T0.plus(LEASE).plusSeconds(1), 10);
    assertEquals(1, again.size(), "a claimant that never settled it gives it back");
    assertEquals(2, again.get(0).attempts());
  }

  @Test
  void theSameDedupeKeyIsRecordedOnce() {
    String key = "k-" + Guid.random();
    enqueue(message(key));
    enqueue(message(key));

    assertEquals(1, claim(T0, 10).size());
  }

  @Test
  void aMessageRecordedInAFailedTransactionIsNotThere() {
    OutboxMessage m = message("k-" + Guid.random());
    try {
      await(
          transactions()
              .inTransaction(
                  uow ->
                      uow.outbox()
                          .enqueue(m)
                          .compose(ok -> Future.failedFuture(new IllegalStateException("boom")))));
    } catch (RuntimeException expected) {
      // the change failed, so its mail must not exist
    }
    assertTrue(claim(T0, 10).isEmpty());
    assertEquals(0, stats(T0).waiting());
  }

  @Test
  void aSentMessageIsNeverClaimedAgain() {
    OutboxMessage m = message("k-" + Guid.random());
    enqueue(m);
    claim(T0, 10);
    await(transactions().inTransaction(uow -> uow.outbox().done(m.id(), T0)));

    assertTrue(claim(T0.plus(Duration.ofDays(1)), 10).isEmpty());
    assertEquals(new Outbox.Stats(0, 0, java.util.Optional.empty()), stats(T0));
  }

  @Test
  void aRetriedMessageWaitsUntilItsNextAttempt() {
    OutboxMessage m = message("k-" + Guid.random());
    enqueue(m);
    claim(T0, 10);
    Instant next = T0.plus(Duration.ofMinutes(10));
    await(transactions().inTransaction(uow -> uow.outbox().retry(m.id(), next, "refused")));

    assertTrue(claim(next.minusSeconds(1), 10).isEmpty());
    assertEquals(1, claim(next, 10).size());
    assertEquals(1, stats(next).waiting());
    assertEquals(java.util.Optional.of(T0), stats(next).oldestWaiting());
  }

  @Test
  void aParkedMessageIsKeptAndCountedButNotClaimed() {
    OutboxMessage m = message("k-" + Guid.random());
    enqueue(m);
    claim(T0, 10);
    await(transactions().inTransaction(uow -> uow.outbox().park(m.id(), T0, "gave up")));

    assertTrue(claim(T0.plus(Duration.ofDays(30)), 10).isEmpty());
    Outbox.Stats s = stats(T0);
    assertEquals(1, s.parked());
    assertEquals(0, s.waiting());
  }

  @Test
  void concurrentClaimantsTakeDisjointMessages() {
    for (int i = 0; i < 20; i++) {
      enqueue(message("k-" + Guid.random()));
    }
    Future<List<OutboxMessage>> a =
        transactions()
            .inTransaction(uow -> uow.outbox().claim(OutboxMessage.MAIL, T0, T0.plus(LEASE), 12));
    Future<List<OutboxMessage>> b =
        transactions()
            .inTransaction(uow -> uow.outbox().claim(OutboxMessage.MAIL, T0, T0.plus(LEASE), 12));
    List<OutboxMessage> first = await(a);
    List<OutboxMessage> second = await(b);

    Set<String> ids = new HashSet<>();
    first.forEach(m -> ids.add(m.id()));
    second.forEach(m -> assertTrue(ids.add(m.id()), "claimed twice: " + m.id()));
    assertEquals(20, ids.size() + claim(T0, 20).size());
  }
}
