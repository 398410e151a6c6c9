package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every logger, whichever API it logs through, ends up as one JSON object per line with the same
 * fields; a dependency's outage is logged once when it starts and once when it ends.
 */
class LoggingTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Handler[] saved;

  @BeforeEach
  void capture() {
    saved = Logger.getLogger("").getHandlers();
    Logging.install(Logging.jsonLines(out, "test-instance"));
  }

  @AfterEach
  void restore() throws Exception {
    LogManager.getLogManager().readConfiguration();
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    for (Handler h : saved) {
      root.addHandler(h);
    }
  }

  private List<JsonObject> lines() {
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.isBlank())
        .map(JsonObject::new)
        .toList();
  }

  @Test
  void systemLoggerJulAndSlf4jAllWriteTheSameJsonLines() {
    System.getLogger("steward.test").log(System.Logger.Level.INFO, "from System.Logger");
    Logger.getLogger("io.vertx.test").warning("from java.util.logging");
    org.slf4j.LoggerFactory.getLogger("org.flywaydb.test")
        .error("from SLF4J", new IllegalStateException("boom"));
    List<JsonObject> lines = lines();
    assertEquals(3, lines.size(), out.toString(StandardCharsets.UTF_8));
    for (JsonObject line : lines) {
      assertEquals("test-instance", line.getString("instance"));
      assertTrue(java.time.Instant.parse(line.getString("timestamp")) != null);
    }
    assertEquals("INFO", lines.get(0).getString("level"));
    assertEquals("steward.test", lines.get(0).getString("logger"));
    assertEquals("from System.Logger", lines.get(0).getString("message"));
    assertEquals("WARN", lines.get(1).getString("level"));
    assertEquals("ERROR", lines.get(2).getString("level"));
    assertEquals("org.flywaydb.test", lines.get(2).getString("logger"));
    assertTrue(lines.get(2).getString("error").contains("boom"));
    assertTrue(lines.get(2).getString("stackTrace").contains("LoggingTest"));
  }

  @Test
  void aLineWrittenWhileServingARequestNamesIt() throws Exception {
    dev.steward.adapter.http.RequestLogContext.register();
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      java.util.concurrent.CompletableFuture<Void> done =
          new java.util.concurrent.CompletableFuture<>();
      vertx
          .getOrCreateContext()
          .runOnContext(
              v -> {
                dev.steward.adapter.http.RequestLogContext.begin("req-1", "10.1.2.3");
                System.getLogger("steward.test")
                    .log(System.Logger.Level.WARNING, "while serving a request");
                done.complete(null);
              });
      done.get(10, java.util.concurrent.TimeUnit.SECONDS);
      System.getLogger("steward.test").log(System.Logger.Level.INFO, "outside any request");
    } finally {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    List<JsonObject> lines = lines();
    JsonObject inside =
        lines.stream()
            .filter(l -> l.getString("message").equals("while serving a request"))
            .findFirst()
            .orElseThrow();
    assertEquals("req-1", inside.getString("requestId"));
    assertEquals("10.1.2.3", inside.getString("clientAddress"));
    assertEquals("-", inside.getString("actor"));
    JsonObject outside =
        lines.stream()
            .filter(l -> l.getString("message").equals("outside any request"))
            .findFirst()
            .orElseThrow();
    assertTrue(!outside.containsKey("requestId"));
  }

  @Test
  void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
    AtomicBoolean reachable = new AtomicBoolean(true);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DependencyWatch watch =
        new DependencyWatch(
            "ldap",
            () ->
                reachable.get()
                    ? Future.succeededFuture(true)
                    : Future.failedFuture(new RuntimeException("connection refused")),
            registry);
    watch.check();
    reachable.set(false);
    for (int i = 0; i < 5; i++) {
      watch.check();
    }
    assertTrue(registry.scrape().contains("steward_dependency_up{dependency=\"ldap\"} 0.0"));
    reachable.set(true);
    watch.check();
    watch.check();
    List<JsonObject> lines = lines();
    assertEquals(2, lines.size(), out.toString(StandardCharsets.UTF_8));
    assertEquals("WARN", lines.get(0).getString("level"));
    assertTrue(lines.get(0).getString("message").startsWith("ldap is unreachable"));
    assertEquals("INFO", lines.get(1).getString("level"));
    assertTrue(lines.get(1).getString("message").startsWith("ldap is reachable again after"));
    assertTrue(registry.scrape().contains("steward_dependency_up{dependency=\"ldap\"} 1.0"));
  }
}
