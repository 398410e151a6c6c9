package dev.steward.adapter.http;

import io.vertx.core.Future;
import java.util.function.Supplier;

/** One dependency that readiness reports on. */
public record HealthCheck(String name, Supplier<Future<Boolean>> probe) {}
