package dev.steward.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Watches one dependency (Postgres, LDAP) and says so once when it goes away and once when it is
 * back, with how long it was gone — not once per failed request. Also exported as {@code
 * steward_dependency_up{dependency="…"}}.
 */
final class DependencyWatch {
  private static final System.Logger LOG = System.getLogger("steward.dependencies");

  private final String name;
  private final Supplier<Future<Boolean>> probe;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicLong downSinceNanos = new AtomicLong();

  DependencyWatch(String name, Supplier<Future<Boolean>> probe, MeterRegistry registry) {
    this.name = name;
    this.probe = probe;
    Gauge.builder("steward.dependency.up", up, u -> u.get() ? 1 : 0)
        .description("1 while the dependency answers Steward's periodic check, 0 while it does not")
        .tag("dependency", name)
        .register(registry);
  }

  /** Checks once; logs only when the answer changed since the last check. */
  Future<Boolean> check() {
    Future<Boolean> answer;
    try {
      answer = probe.get().timeout(2, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer
        .otherwise(false)
        .map(
            ok -> {
              if (!ok && up.compareAndSet(true, false)) {
                downSinceNanos.set(System.nanoTime());
                LOG.log(
                    System.Logger.Level.WARNING,
                    name + " is unreachable: requests that need it are answered 503");
              } else if (ok && up.compareAndSet(false, true)) {
                Duration gone = Duration.ofNanos(System.nanoTime() - downSinceNanos.get());
                LOG.log(
                    System.Logger.Level.INFO,
                    name + " is reachable again after " + gone.toMillis() / 1000.0 + " s");
              }
              return ok;
            });
  }
}
