package dev.steward.bootstrap;

import dev.steward.adapter.ldap.LdapDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything Steward exports to Prometheus: Vert.x's HTTP and pool metrics (by route template),
 * LDAP operations, the domain counters, the scheduler's lag, and JVM and process metrics.
 */
final class Metrics {
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)
  };

  private Metrics() {}

  static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Two binder meters break Prometheus naming rules (promtool says so); their information is in
    // process_cpu_usage and system_cpu_usage already.
    registry
        .config()
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("system.cpu.count")))
        // Vert.x's gauges of the SQL pool count a request that failed to get a connection as
        // waiting for good (after a Postgres restart the queue stayed at 9-64 on an idle instance);
        // Steward counts its own use of the pool instead (steward_postgres_pool_*).
        .meterFilter(
            MeterFilter.deny(
                id ->
                    id.getName().startsWith("vertx.pool") && "sql".equals(id.getTag("pool_type"))));
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                // Fixed latency buckets, so dashboards can compute percentiles across instances.
                if (id.getName().equals("vertx.http.server.response.time")
                    || id.getName().equals("steward.ldap.operations")
                    || id.getName().startsWith("vertx.sql")) {
                  return DistributionStatisticConfig.builder()
                      .serviceLevelObjectives(
                          java.util.Arrays.stream(LATENCY_BUCKETS)
                              .mapToDouble(d -> d.toNanos())
                              .toArray())
                      .build()
                      .merge(config);
                }
                return config;
              }
            });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return registry;
  }

  static MicrometerMetricsOptions vertxOptions(PrometheusMeterRegistry registry) {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setLabels(
            EnumSet.of(
                Label.HTTP_ROUTE,
                Label.HTTP_METHOD,
                Label.HTTP_CODE,
                Label.POOL_TYPE,
                Label.POOL_NAME));
  }

  /** Metrics that need the running component: LDAP operations and pool, scheduler lag. */
  static void bind(
      PrometheusMeterRegistry registry,
      StewardComponent component,
      Vertx vertx,
      List<AutoCloseable> resources) {
    LdapDirectory ldap = component.ldapDirectory();
    ldap.observe(
        (kind, nanos, ok) ->
            Timer.builder("steward.ldap.operations")
                .description("LDAP operations by kind and outcome")
                .tag("kind", kind)
                .tag("outcome", ok ? "success" : "error")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS));
    Gauge.builder(
            "steward.ldap.pool.available.connections", ldap, LdapDirectory::availableConnections)
        .description("LDAP connections idle in the pool")
        .register(registry);
    Gauge.builder("steward.ldap.pool.max.connections", ldap, LdapDirectory::maxConnections)
        .description("LDAP connections the pool may open")
        .register(registry);
    Gauge.builder("steward.instance.info", () -> 1)
        .description("1, labelled with this instance's name (STEWARD_INSTANCE_NAME)")
        .tag("name", component.instance().name())
        .register(registry);
    var postgres = component.postgresUsage();
    Gauge.builder("steward.postgres.pool.waiting", postgres, u -> u.waiting())
        .description("Use cases waiting for a Postgres connection")
        .register(registry);
    Gauge.builder("steward.postgres.pool.in.use", postgres, u -> u.inUse())
        .description("Postgres connections held by use cases")
        .register(registry);
    Gauge.builder("steward.postgres.pool.max", component.postgresSettings(), p -> p.poolSize())
        .description("Postgres connections the pool may open")
        .register(registry);
    var cache = component.heldRoleCache();
    io.micrometer.core.instrument.FunctionCounter.builder(
            "steward.held.role.cache.hits", cache, c -> c.hits())
        .description("Authorizations answered from remembered role assignments")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "steward.held.role.cache.misses", cache, c -> c.misses())
        .description("Authorizations that read role assignments from Postgres while remembering")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "steward.remembered.answers.hits", cache, c -> c.rememberedHits())
        .description(
            "Answers read from role assignments, catalogs, packages and policies, given from"
                + " memory (decision 0029)")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "steward.remembered.answers.misses", cache, c -> c.rememberedMisses())
        .description("Such answers read from Postgres while the held-role cache remembers")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "steward.remembered.audit.hits", cache, c -> c.auditHits())
        .description(
            "Pages and counts of the audit log given from memory, no record written since"
                + " (decision 0030)")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "steward.remembered.audit.misses", cache, c -> c.auditMisses())
        .description("Pages and counts of the audit log read from Postgres while remembering")
        .register(registry);
    Gauge.builder("steward.held.role.cache.active", cache, c -> c.remembering() ? 1 : 0)
        .description("1 while role changes are heard from Postgres and held roles are remembered")
        .register(registry);
    AtomicLong lagMillis = new AtomicLong();
    Gauge.builder("steward.scheduler.lag.seconds", lagMillis, v -> v.get() / 1000.0)
        .description("Age of the oldest due item (expiry, deadline, escalation) not yet done")
        .register(registry);
    long timer =
        vertx.setPeriodic(
            0,
            10_000,
            id -> component.dueWork().lag().onSuccess(lag -> lagMillis.set(lag.toMillis())));
    resources.add(() -> vertx.cancelTimer(timer));
    bindOutbox(registry, "mail", () -> component.notifications().stats(), vertx, resources);
    bindOutbox(registry, "webhook", () -> component.webhooks().stats(), vertx, resources);
  }

  /**
   * One outbox channel (mail, the webhooks of custom extensions): waiting and parked messages, and
   * how long the oldest waiting one has waited.
   */
  private static void bindOutbox(
      PrometheusMeterRegistry registry,
      String channel,
      java.util.function.Supplier<
              io.vertx.core.Future<dev.steward.application.port.out.notifications.Outbox.Stats>>
          stats,
      Vertx vertx,
      List<AutoCloseable> resources) {
    AtomicLong waiting = new AtomicLong();
    AtomicLong parked = new AtomicLong();
    AtomicLong oldestMillis = new AtomicLong();
    Gauge.builder("steward.outbox.waiting", waiting, AtomicLong::get)
        .description("Outbox messages not yet sent (including those waiting to be tried again)")
        .tag("channel", channel)
        .register(registry);
    Gauge.builder("steward.outbox.parked", parked, AtomicLong::get)
        .description("Outbox messages given up after too many tries: kept for an operator")
        .tag("channel", channel)
        .register(registry);
    Gauge.builder("steward.outbox.oldest.age.seconds", oldestMillis, v -> v.get() / 1000.0)
        .description("How long the oldest waiting outbox message has waited")
        .tag("channel", channel)
        .register(registry);
    long timer =
        vertx.setPeriodic(
            0,
            10_000,
            id ->
                stats
                    .get()
                    .onSuccess(
                        s -> {
                          waiting.set(s.waiting());
                          parked.set(s.parked());
                          oldestMillis.set(
                              s.oldestWaiting()
                                  .map(
                                      o ->
                                          Math.max(
                                              0,
                                              java.time.Duration.between(o, java.time.Instant.now())
                                                  .toMillis()))
                                  .orElse(0L));
                        }));
    resources.add(() -> vertx.cancelTimer(timer));
  }
}
