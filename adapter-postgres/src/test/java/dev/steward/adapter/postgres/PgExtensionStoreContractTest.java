package dev.steward.adapter.postgres;

import dev.steward.application.contract.ExtensionStoreContract;
import dev.steward.application.port.out.Transactions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The custom extension stores against real Postgres: a fresh database for each test. */
class PgExtensionStoreContractTest extends ExtensionStoreContract {
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, TestPostgres.freshDatabase());
  }

  @AfterEach
  void stop() {
    pool.close().await();
    vertx.close().await();
  }

  @Override
  protected Transactions transactions() {
    return PgPools.transactions(pool, TestPostgres.SEAL);
  }
}
