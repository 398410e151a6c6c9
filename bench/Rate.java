// An open-loop load generator: sends GET requests at a fixed rate, whatever the answers do, and
// times each from the moment it was due, not from when a connection was free — so a stall shows in
// the percentiles instead of slowing the load down (wrk's closed loop hides it: "coordinated
// omission"). The benchmark uses it for "p99 at 70% of peak".
// Run with the Steward jar on the class path:
//   java -cp steward.jar bench/Rate.java URL AUTH_HEADER RATE SECONDS CONNECTIONS
// Prints one line: "achieved_rps p50_ms p99_ms max_ms non2xx sent".
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public class Rate {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String auth = args[1];
    double rate = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(uri.getHost())
            .setPort(uri.getPort())
            .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    if (!auth.equals("none")) {
      options.putHeader("Authorization", auth);
    }
    int total = (int) Math.round(rate * seconds);
    long[] latencies = new long[total];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(total);
    long start = System.nanoTime();
    long intervalNanos = (long) (1_000_000_000L / rate);
    int[] sent = {0};
    // Every millisecond, send all requests that are due by now; each is timed from its due time.
    vertx.setPeriodic(
        1,
        id -> {
          long now = System.nanoTime();
          while (sent[0] < total && start + sent[0] * intervalNanos <= now) {
            long due = start + sent[0] * intervalNanos;
            int slot = sent[0]++;
            client
                .request(options)
                .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(
                    (status, failure) -> {
                      latencies[slot] = System.nanoTime() - due;
                      if (failure != null || status < 200 || status > 299) {
                        failed.incrementAndGet();
                      }
                      done.incrementAndGet();
                      finished.countDown();
                    });
          }
          if (sent[0] >= total) {
            vertx.cancelTimer(id);
          }
        });
    finished.await(seconds + 60L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, done.get());
    Arrays.sort(sorted);
    System.out.printf(
        "%.1f %.3f %.3f %.3f %d %d%n",
        done.get() / elapsed,
        pct(sorted, 0.50),
        pct(sorted, 0.99),
        sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6,
        failed.get() + (total - done.get()),
        total);
    vertx.close();
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
