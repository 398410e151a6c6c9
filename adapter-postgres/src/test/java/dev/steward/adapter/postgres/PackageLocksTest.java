package dev.steward.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.Transactions;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.Guid;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package row under requests and under changes, on real Postgres: requests for one package
 * ({@code findForShare}) hold it at the same time, a change ({@code findForUpdate}) waits for all
 * of them, a request waits for a change in progress, and a request that comes while a change waits
 * goes after it (no change is held off for ever by a stream of requests).
 */
class PackageLocksTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private static Vertx vertx;
  private static Pool pool;
  private static Transactions tx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, TestPostgres.freshDatabase());
    tx = PgPools.transactions(pool, TestPostgres.SEAL);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private static AccessPackageId savedPackage() {
    Catalog c =
        new Catalog(
            new CatalogId(Guid.random()), "Locks", "", Catalog.State.PUBLISHED, false, T0, T0);
    AccessPackage p =
        new AccessPackage(new AccessPackageId(Guid.random()), c.id(), "Popular", "", false, T0, T0);
    tx.inTransaction(uow -> uow.catalogs().insert(c).compose(ok -> uow.accessPackages().insert(p)))
        .await();
    return p.id();
  }

  /** A transaction that takes the lock, says so, and keeps it until {@code release} completes. */
  private record Held(CompletableFuture<Boolean> taken, Promise<Void> release, Future<Void> done) {}

  private static Held hold(AccessPackageId id, boolean share) {
    CompletableFuture<Boolean> taken = new CompletableFuture<>();
    Promise<Void> release = Promise.promise();
    Future<Void> done =
        tx.inTransaction(
            uow ->
                (share
                        ? uow.accessPackages().findForShare(id)
                        : uow.accessPackages().findForUpdate(id))
                    .compose(
                        found -> {
                          taken.complete(found.isPresent());
                          return release.future();
                        }));
    return new Held(taken, release, done);
  }

  private static boolean takenWithin(Held h, long millis) throws Exception {
    try {
      return h.taken().get(millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException waiting) {
      return false;
    }
  }

  /** Ends a holding transaction (it commits) and waits until it has. */
  private static void end(Held h) {
    h.release().complete();
    h.done().await();
  }

  @Test
  void requestsForOnePackageDoNotWaitForEachOtherButAChangeWaitsForThemAll() throws Exception {
    AccessPackageId id = savedPackage();
    Held first = hold(id, true);
    assertTrue(takenWithin(first, 10_000));
    Held second = hold(id, true);
    assertTrue(takenWithin(second, 10_000), "a second request waited for the first");

    Held change = hold(id, false);
    assertFalse(takenWithin(change, 500), "a change went ahead while requests held the package");
    end(first);
    assertFalse(takenWithin(change, 300), "a change went ahead while one request still held it");
    end(second);
    assertTrue(takenWithin(change, 10_000));
    end(change);
  }

  @Test
  void aRequestWaitsForAChangeInProgress() throws Exception {
    AccessPackageId id = savedPackage();
    Held change = hold(id, false);
    assertTrue(takenWithin(change, 10_000));
    Held request = hold(id, true);
    assertFalse(takenWithin(request, 500), "a request read a package while it was being changed");
    end(change);
    assertTrue(takenWithin(request, 10_000));
    end(request);
  }

  @Test
  void aChangeWaitingForRequestsGoesBeforeTheRequestsThatComeAfterIt() throws Exception {
    AccessPackageId id = savedPackage();
    Held inFlight = hold(id, true);
    assertTrue(takenWithin(inFlight, 10_000));
    Held change = hold(id, false);
    assertFalse(takenWithin(change, 300));
    Held later = hold(id, true);
    assertFalse(
        takenWithin(later, 500), "a request that came after a waiting change went before it");
    end(inFlight);
    assertTrue(takenWithin(change, 10_000));
    assertFalse(takenWithin(later, 300), "a request went ahead while the package was changing");
    end(change);
    assertTrue(takenWithin(later, 10_000));
    end(later);
  }

  @Test
  void aPackageThatIsNotThereIsNotFound() {
    Optional<AccessPackage> none =
        tx.read(uow -> uow.accessPackages().findForShare(new AccessPackageId(Guid.random())))
            .await();
    assertEquals(Optional.empty(), none);
  }
}
