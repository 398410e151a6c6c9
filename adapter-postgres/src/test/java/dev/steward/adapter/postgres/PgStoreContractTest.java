package dev.steward.adapter.postgres;

import dev.steward.application.contract.StoreContract;
import dev.steward.application.port.out.Transactions;
import dev.steward.domain.AccessPackageId;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against real Postgres, through the reactive client. */
class PgStoreContractTest extends StoreContract {
  private static Vertx vertx;
  private static PostgresSettings settings;
  private static Pool pool;

  @BeforeAll
  static void start() {
    settings = TestPostgres.freshDatabase();
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, settings);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  @Override
  protected Transactions transactions() {
    return PgPools.transactions(pool, TestPostgres.SEAL);
  }

  @Override
  protected void givenAssignments(AccessPackageId pkg, int count) {
    for (int i = 0; i < count; i++) {
      TestPostgres.asOwner(
          settings,
          "INSERT INTO access_package_assignment (id, access_package_id, target_id, state, created_at,"
              + " policy_id, catalog_id, start_at, modified_at)"
              + " SELECT ?, id, ?, 'delivered', ?, ?, catalog_id, ?, ? FROM access_package WHERE id = ?",
          UUID.randomUUID(),
          UUID.randomUUID(),
          Timestamp.from(Instant.now()),
          UUID.randomUUID(),
          Timestamp.from(Instant.now()),
          Timestamp.from(Instant.now()),
          UUID.fromString(pkg.value()));
    }
  }
}
