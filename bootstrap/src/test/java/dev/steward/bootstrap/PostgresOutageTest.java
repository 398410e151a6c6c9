package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.adapter.postgres.EmbeddedPostgresServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Postgres stops under a running Steward: requests answer 503 with Retry-After quickly, readiness
 * turns false; when Postgres is back, Steward recovers without a restart and what it had
 * acknowledged is there.
 */
class PostgresOutageTest {
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void anOutageAnswers503AndStewardRecoversWhenPostgresReturns() throws Exception {
    Path data = RunningSteward.tempDir();
    int pgPort = freePort();
    Config config =
        new Config(
            Map.of(
                "STEWARD_DATA_DIR",
                data.toString(),
                "STEWARD_HTTP_PORT",
                "0",
                "STEWARD_MANAGEMENT_PORT",
                "0",
                "STEWARD_EMBEDDED_PG_PORT",
                Integer.toString(pgPort)));
    try (Steward steward = Steward.start(config)) {
      Api api = new Api("http://127.0.0.1:" + steward.port());
      String catalog = api.createCatalog("olivia", "Acknowledged before the outage");

      // A load of writes runs across the outage; every 201 it gets must survive.
      java.util.List<String> acknowledged =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      java.util.List<Integer> statuses =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      java.util.concurrent.atomic.AtomicBoolean loading =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.ExecutorService load =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        load.submit(
            () -> {
              while (loading.get()) {
                Api.Response r =
                    api.post(
                        "olivia",
                        Api.CATALOGS,
                        new io.vertx.core.json.JsonObject().put("displayName", "Load"));
                statuses.add(r.status());
                if (r.status() == 201) {
                  acknowledged.add(r.json().getString("id"));
                }
              }
              return null;
            });
      }
      Thread.sleep(500);

      steward.embeddedPostgres().orElseThrow().close();
      long start = System.nanoTime();
      Api.Response down = api.get("olivia", Api.CATALOGS + "/" + catalog);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(503, down.status(), down.text());
      assertEquals("ServiceUnavailable", down.errorCode());
      assertTrue(down.headers().firstValue("Retry-After").isPresent());
      assertTrue(millis < 10_000, "answered in " + millis + " ms");
      // Postgres is shared: this instance stays in the balancer's pool and answers 503 itself.
      Api.Response ready = api.send("GET", "/health/ready", null, null);
      assertEquals(200, ready.status());
      assertEquals("DEGRADED", ready.json().getString("status"));
      assertEquals("DOWN", ready.json().getJsonObject("checks").getString("postgres"));
      Api.Response dependencies = api.send("GET", "/health/dependencies", null, null);
      assertEquals(503, dependencies.status());
      assertEquals("DOWN", dependencies.json().getString("status"));
      assertEquals(
          503,
          api.post(
                  "olivia",
                  Api.CATALOGS,
                  new io.vertx.core.json.JsonObject().put("displayName", "During"))
              .status());

      try (EmbeddedPostgresServer back =
          EmbeddedPostgresServer.start(data.resolve("postgres"), pgPort)) {
        Api.Response again = null;
        for (int i = 0; i < 50; i++) {
          again = api.get("olivia", Api.CATALOGS + "/" + catalog);
          if (again.status() == 200) {
            break;
          }
          Thread.sleep(200);
        }
        assertEquals(200, again.status(), again.text());
        assertEquals("Acknowledged before the outage", again.json().getString("displayName"));
        assertEquals(200, api.send("GET", "/health/dependencies", null, null).status());
        assertEquals(
            201,
            api.post(
                    "olivia",
                    Api.CATALOGS,
                    new io.vertx.core.json.JsonObject().put("displayName", "After"))
                .status());
        loading.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
        // Back at rest, no pool reports requests waiting for a connection.
        String metrics =
            api.send("GET", "http://127.0.0.1:" + steward.managementPort() + "/metrics", null, null)
                .text();
        java.util.List<String> waiting =
            metrics
                .lines()
                .filter(
                    l ->
                        l.startsWith("steward_postgres_pool_waiting ")
                            || l.startsWith("steward_postgres_pool_in_use ")
                            || l.startsWith("vertx_pool_queue_pending{pool_name=\"steward-pg\""))
                .toList();
        assertEquals(
            java.util.List.of(
                "steward_postgres_pool_in_use 0.0", "steward_postgres_pool_waiting 0.0"),
            waiting.stream().sorted().toList(),
            "the pool at rest after the outage");
      }
    }
  }
}
