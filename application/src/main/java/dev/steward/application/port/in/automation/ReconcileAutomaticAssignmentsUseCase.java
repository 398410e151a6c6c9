package dev.steward.application.port.in.automation;

import dev.steward.domain.AssignmentId;
import dev.steward.domain.PolicyId;
import io.vertx.core.Future;

/**
 * Keeps an automatic policy's assignments in step with its attribute rule: called by the due-work
 * scheduler, which claims each item for one instance.
 */
public interface ReconcileAutomaticAssignmentsUseCase {
  /**
   * What one reconciliation of a policy did; {@code automatic} is false when the policy is gone or
   * no longer automatic (its due work then ends), and {@code more} when new matches are left for
   * the next run, which is then due at once.
   */
  record Reconciled(boolean automatic, int matching, int added, int leaving, boolean more) {
    public static final Reconciled NOTHING = new Reconciled(false, 0, 0, 0, false);
  }

  /**
   * Compares the users the policy's rule matches with its assignments: raises systemAdd for new
   * matches and sets the removal of those who stopped matching for after the grace period.
   */
  Future<Reconciled> reconcile(PolicyId policy);

  /** The grace period of a user who stopped matching ended: removes the access if still outside. */
  Future<Boolean> removeIfOutside(AssignmentId assignment);

  /** Nothing is automatic: every item is simply done. */
  ReconcileAutomaticAssignmentsUseCase NONE =
      new ReconcileAutomaticAssignmentsUseCase() {
        @Override
        public Future<Reconciled> reconcile(PolicyId policy) {
          return Future.succeededFuture(Reconciled.NOTHING);
        }

        @Override
        public Future<Boolean> removeIfOutside(AssignmentId assignment) {
          return Future.succeededFuture(false);
        }
      };
}
