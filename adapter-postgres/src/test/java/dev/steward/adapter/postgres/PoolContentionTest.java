package dev.steward.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.CatalogId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many use cases on two event loops waiting for a few connections, as requests do under load: every
 * one gets a connection or a clear failure, nothing fails twice, and the pool is whole afterwards.
 * The Vert.x 5.0 pool's own acquisition timeout raced with the hand-over of a connection ("Promise
 * already completed", thrown hundreds of times a benchmark run, and a request that waited 5 s for a
 * connection nobody held); {@link PgTransactions} bounds the wait itself.
 */
class PoolContentionTest {
  private static final int POOL = 2;
  private static final int IN_FLIGHT_PER_LOOP = 16;
  private static PostgresSettings settings;
  private static Vertx vertx;
  private static Pool pool;
  private static PgPoolUsage usage;
  private static PgTransactions transactions;
  private static final ConcurrentLinkedQueue<Throwable> unhandled = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() {
    settings = TestPostgres.freshDatabase();
    vertx = Vertx.vertx();
    vertx.exceptionHandler(unhandled::add);
    pool = PgPools.create(vertx, withPoolSize(POOL));
    usage = new PgPoolUsage();
    transactions = PgPools.transactions(pool, TestPostgres.SEAL, usage);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void everyWaiterGetsOneAnswerAndThePoolIsWholeAfterwards() throws Exception {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    List<Future<Void>> loops = new ArrayList<>();
    for (int loop = 0; loop < 4; loop++) {
      Context context =
          vertx.getOrCreateContext(); // a new event-loop context each time, off Vert.x
      for (int i = 0; i < IN_FLIGHT_PER_LOOP; i++) {
        Promise<Void> finished = Promise.promise();
        context.runOnContext(v -> keepReading(until, done, failed, finished));
        loops.add(finished.future());
      }
    }
    Future.all(loops).await(30, TimeUnit.SECONDS);
    Thread.sleep(6_000); // beyond the 5 s wait bound: a stray timer would fire by now

    assertTrue(done.get() > 1_000, "reads done under contention: " + done.get());
    assertEquals(0, failed.get(), "reads that failed");
    assertEquals(List.of(), List.copyOf(unhandled), "exceptions nobody handled");
    assertEquals(0, usage.waiting(), "use cases still waiting");
    assertEquals(0, usage.inUse(), "connections still held");
    // Every connection can be taken at once again: none was lost to a late second completion.
    List<Future<Boolean>> all = new ArrayList<>();
    for (int i = 0; i < POOL; i++) {
      all.add(
          transactions.read(
              uow ->
                  uow.catalogs()
                      .find(new CatalogId(UUID.randomUUID().toString()))
                      .map(found -> found.isEmpty())));
    }
    assertTrue(
        Future.all(all).await(2, TimeUnit.SECONDS).list().stream().allMatch(b -> (Boolean) b));
  }

  @Test
  void aUseCaseWaitsBoundedlyForAConnectionAndOneArrivingLaterGoesBack() throws Exception {
    PgPoolUsage oneUsage = new PgPoolUsage();
    PgPoolUsage waitUsage = new PgPoolUsage();
    Pool one = PgPools.create(vertx, withPoolSize(1));
    try {
      PgTransactions holding = new PgTransactions(one, TestPostgres.SEAL, oneUsage);
      PgTransactions impatient = new PgTransactions(one, TestPostgres.SEAL, waitUsage, 300);
      Context context = vertx.getOrCreateContext();
      Promise<Future<String>> held = Promise.promise();
      Promise<Future<String>> waited = Promise.promise();
      context.runOnContext(
          v -> {
            held.complete(holding.read(uow -> vertx.timer(1_500).map(t -> "held")));
            waited.complete(impatient.read(uow -> Future.succeededFuture("got one")));
          });
      Future<String> gaveUp = waited.future().await(2, TimeUnit.SECONDS);
      long started = System.nanoTime();
      Throwable failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              Exception.class, () -> gaveUp.await(3, TimeUnit.SECONDS));
      assertTrue(
          failure instanceof dev.steward.application.port.out.DependencyUnavailableException,
          "a bounded wait ends as 'Postgres unavailable' (503): " + failure);
      assertTrue(
          System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1_200),
          "the wait ended at its bound, long before the connection came free");
      assertEquals("held", held.future().await(2, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS));
      assertEquals(0, waitUsage.waiting());
      assertEquals(0, oneUsage.inUse());
      // The connection went to the waiter that gave up, which gives it straight back: the next
      // use case gets it within its own 300 ms bound.
      Promise<Future<String>> again = Promise.promise();
      context.runOnContext(
          v -> again.complete(impatient.read(uow -> Future.succeededFuture("got one"))));
      assertEquals("got one", again.future().await(2, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS));
    } finally {
      one.close().await();
    }
  }

  private static PostgresSettings withPoolSize(int size) {
    PostgresSettings base = settings;
    return new PostgresSettings(
        base.host(),
        base.port(),
        base.database(),
        base.user(),
        base.password(),
        base.migrationUser(),
        base.migrationPassword(),
        base.appRole(),
        size);
  }

  private static void keepReading(
      long until, AtomicInteger done, AtomicInteger failed, Promise<Void> finished) {
    if (System.nanoTime() > until) {
      finished.complete();
      return;
    }
    transactions
        .read(uow -> uow.catalogs().find(new CatalogId(UUID.randomUUID().toString())))
        .onComplete(
            result -> {
              if (result.succeeded()) {
                done.incrementAndGet();
              } else {
                failed.incrementAndGet();
                unhandled.add(result.cause());
              }
              keepReading(until, done, failed, finished);
            });
  }
}
