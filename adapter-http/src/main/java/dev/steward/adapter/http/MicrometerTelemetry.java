package dev.steward.adapter.http;

import dev.steward.application.port.out.Telemetry;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The telemetry port as Micrometer counters, named the Prometheus way. */
public final class MicrometerTelemetry implements Telemetry {
  private final MeterRegistry registry;

  public MicrometerTelemetry(MeterRegistry registry) {
    this.registry = registry;
    // Series the alerts watch exist from the start, at zero, so rate() and increase() see them.
    for (String operation : new String[] {"add", "remove"}) {
      for (boolean ok : new boolean[] {true, false}) {
        deliveries(operation, ok);
      }
    }
    expirations();
    for (String outcome : new String[] {"queued", "sent", "retried", "parked"}) {
      notifications("mail", outcome);
    }
  }

  private Counter notifications(String channel, String outcome) {
    return Counter.builder("steward.notifications")
        .description("Outbox messages queued, sent, tried again later and parked, by channel")
        .tag("channel", channel)
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void notification(String channel, String outcome) {
    notifications(channel, outcome).increment();
  }

  private Counter deliveries(String operation, boolean succeeded) {
    return Counter.builder("steward.deliveries")
        .description("Assignments written into or taken out of the directory, by outcome")
        .tag("operation", operation)
        .tag("outcome", succeeded ? "succeeded" : "failed")
        .register(registry);
  }

  private Counter expirations() {
    return Counter.builder("steward.expirations")
        .description("Assignments expired and removed from the directory")
        .register(registry);
  }

  @Override
  public void roleAssignmentChange(RoleDefinition role, String action, String outcome) {
    Counter.builder("steward.role.assignment.changes")
        .description("Role assignments added or removed, and attempts refused, by role and outcome")
        .tag("role", role.displayName())
        .tag("action", action)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public void authorizationDenied(Task task) {
    Counter.builder("steward.authorization.denials")
        .description("Requests refused by the permission matrix, by task")
        .tag("task", task.apiName())
        .register(registry)
        .increment();
  }

  @Override
  public void requestSettled(AssignmentRequest.Type type, AssignmentRequest.State state) {
    Counter.builder("steward.assignment.requests")
        .description("Assignment requests that reached a resting state, by type and state")
        .tag("type", type.apiName())
        .tag("state", state.apiName())
        .register(registry)
        .increment();
  }

  @Override
  public void delivery(String operation, boolean succeeded) {
    deliveries(operation, succeeded).increment();
  }

  @Override
  public void expirationProcessed() {
    expirations().increment();
  }
}
