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
    // And the dashboard's counters, so that no panel stays empty until the first change.
    for (RoleDefinition role : RoleDefinition.values()) {
      for (String action : new String[] {"add", "remove"}) {
        roleChanges(role, action, "success");
      }
    }
    for (Task task : Task.values()) {
      denials(task);
    }
    for (AssignmentRequest.Type type : AssignmentRequest.Type.values()) {
      for (AssignmentRequest.State state :
          new AssignmentRequest.State[] {
            AssignmentRequest.State.DELIVERED,
            AssignmentRequest.State.DENIED,
            AssignmentRequest.State.DELIVERY_FAILED,
            AssignmentRequest.State.CANCELED
          }) {
        settled(type, state);
      }
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

  private Counter roleChanges(RoleDefinition role, String action, String outcome) {
    return Counter.builder("steward.role.assignment.changes")
        .description("Role assignments added or removed, and attempts refused, by role and outcome")
        .tag("role", role.displayName())
        .tag("action", action)
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void roleAssignmentChange(RoleDefinition role, String action, String outcome) {
    roleChanges(role, action, outcome).increment();
  }

  private Counter denials(Task task) {
    return Counter.builder("steward.authorization.denials")
        .description("Requests refused by the permission matrix, by task")
        .tag("task", task.apiName())
        .register(registry);
  }

  @Override
  public void authorizationDenied(Task task) {
    denials(task).increment();
  }

  private Counter settled(AssignmentRequest.Type type, AssignmentRequest.State state) {
    return Counter.builder("steward.assignment.requests")
        .description("Assignment requests that reached a resting state, by type and state")
        .tag("type", type.apiName())
        .tag("state", state.apiName())
        .register(registry);
  }

  @Override
  public void requestSettled(AssignmentRequest.Type type, AssignmentRequest.State state) {
    settled(type, state).increment();
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
