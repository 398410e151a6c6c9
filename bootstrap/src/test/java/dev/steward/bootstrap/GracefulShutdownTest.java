package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Stopping under load: readiness turns false at once, requests keep being answered through the
 * grace period, and no client ever sees a 5xx — only answers, then a refused connection.
 */
class GracefulShutdownTest {
  @Test
  void aStopUnderLoadFailsReadinessFirstAndAnswersEveryRequestItAccepted() throws Exception {
    RunningSteward s = RunningSteward.start(Map.of("STEWARD_SHUTDOWN_GRACE_SECONDS", "2"));
    String base = s.api.base();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    AtomicBoolean stopped = new AtomicBoolean();
    ExecutorService load = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      load.submit(
          () -> {
            while (!stopped.get()) {
              try {
                statuses.add(
                    client
                        .send(
                            HttpRequest.newBuilder(URI.create(base + "/v1.0/me"))
                                .header("Authorization", Api.basic("eve"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode());
              } catch (java.io.IOException refused) {
                statuses.add(-1); // the listener has closed: a client retries elsewhere
              } catch (InterruptedException e) {
                return;
              }
            }
          });
    }
    waitUntil(() -> statuses.size() >= 20, "the load is running");
    Thread closer = new Thread(s::close);
    long closing = System.nanoTime();
    closer.start();
    waitUntil(
        () -> {
          try {
            return client
                    .send(
                        HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode()
                == 503;
          } catch (Exception e) {
            return false;
          }
        },
        "readiness fails as soon as the stop begins");
    assertTrue(
        System.nanoTime() - closing < TimeUnit.MILLISECONDS.toNanos(1_500),
        "readiness failed within the grace period, before the listener closed");
    int during = statuses.size();
    closer.join(30_000);
    stopped.set(true);
    load.shutdown();
    load.awaitTermination(10, TimeUnit.SECONDS);
    assertTrue(
        System.nanoTime() - closing >= TimeUnit.MILLISECONDS.toNanos(1_900),
        "requests are served through the grace period");
    assertTrue(statuses.size() > during, "answers kept coming after readiness failed");
    assertTrue(
        statuses.stream().allMatch(code -> code == 200 || code == -1),
        "only answers or refused connections: " + statuses.stream().distinct().toList());
  }

  /** Checks {@code condition} every few milliseconds, failing after five seconds. */
  private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out: " + what);
      Thread.sleep(10);
    }
  }
}
