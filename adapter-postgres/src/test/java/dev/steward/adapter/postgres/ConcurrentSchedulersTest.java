package dev.steward.adapter.postgres;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.domain.Guid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two Steward instances (two pools) claiming due work at once never take the same item. */
class ConcurrentSchedulersTest {
  private static final int ITEMS = 300;
  private static Vertx vertx;
  private static Pool first;
  private static Pool second;

  @BeforeAll
  static void start() {
    PostgresSettings settings = TestPostgres.freshDatabase();
    vertx = Vertx.vertx();
    first = PgPools.create(vertx, settings);
    second = PgPools.create(vertx, settings);
  }

  @AfterAll
  static void stop() {
    first.close().await();
    second.close().await();
    vertx.close().await();
  }

  private static Future<List<String>> drain(Transactions tx, Instant now) {
    List<String> taken = new ArrayList<>();
    return loop(tx, now, taken).map(taken);
  }

  private static Future<Void> loop(Transactions tx, Instant now, List<String> taken) {
    return tx.inTransaction(uow -> uow.scheduledWork().claimDue(now, now.plusSeconds(600), 7))
        .compose(
            items -> {
              if (items.isEmpty()) {
                return Future.succeededFuture();
              }
              items.forEach(i -> taken.add(i.subjectId()));
              return loop(tx, now, taken);
            });
  }

  @Test
  void concurrentClaimsAreDisjointAndMissNothing() {
    Transactions a = PgPools.transactions(first, TestPostgres.SEAL);
    Instant due = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < ITEMS; i++) {
      String subject = Guid.random();
      await(
          a.inTransaction(
              uow ->
                  uow.scheduledWork()
                      .schedule(ScheduledWork.Kind.EXPIRE_ASSIGNMENT, subject, due)));
    }
    Instant now = due.plusSeconds(1);
    Future<List<String>> byFirst = drain(a, now);
    Future<List<String>> bySecond = drain(PgPools.transactions(second, TestPostgres.SEAL), now);
    List<String> one = await(byFirst);
    List<String> two = await(bySecond);
    Set<String> both = new HashSet<>(one);
    both.retainAll(two);
    assertTrue(both.isEmpty(), "claimed twice: " + both);
    assertEquals(ITEMS, one.size() + two.size());
    assertEquals(ITEMS, new HashSet<>(one).size() + new HashSet<>(two).size());
  }
}
