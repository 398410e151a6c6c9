package dev.steward.application.port.out;

import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Task;

/** What operators count on their dashboards: delegations, refusals, requests, deliveries. */
public interface Telemetry {
  /**
   * A role assignment was added or removed, or the attempt was refused.
   *
   * @param action {@code add} or {@code remove}
   * @param outcome {@code success}, or the stable error code of the refusal
   */
  void roleAssignmentChange(RoleDefinition role, String action, String outcome);

  void authorizationDenied(Task task);

  /** A request reached a state where it rests: delivered, failed, denied or canceled. */
  void requestSettled(AssignmentRequest.Type type, AssignmentRequest.State state);

  /**
   * The directory was brought in step for one assignment.
   *
   * @param operation {@code add} or {@code remove}
   */
  void delivery(String operation, boolean succeeded);

  void expirationProcessed();

  /**
   * One outbox message was settled.
   *
   * @param channel {@code mail} (later {@code webhook})
   * @param outcome {@code sent}, {@code retried} or {@code parked}
   */
  default void notification(String channel, String outcome) {}

  /** Counts nothing; for tests and tools that do not watch. */
  static Telemetry none() {
    return new Telemetry() {
      @Override
      public void roleAssignmentChange(RoleDefinition role, String action, String outcome) {}

      @Override
      public void authorizationDenied(Task task) {}

      @Override
      public void requestSettled(AssignmentRequest.Type type, AssignmentRequest.State state) {}

      @Override
      public void delivery(String operation, boolean succeeded) {}

      @Override
      public void expirationProcessed() {}
    };
  }
}
