package dev.steward.application.service;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What follows a request's approval (its last stage approved, or, when it needs none, its
 * submission): an extension the policy attaches to {@code assignmentRequestApproved} that waits for
 * an answer holds the request until the outside system answers; otherwise the request goes to
 * delivery and such an extension is called without waiting. Approving, submitting and answering
 * share it; each runs it in its own transaction.
 */
public final class ApprovedRequests {
  private final Essentials e;
  private final RequestSteps steps;
  private final CustomExtensionCallouts callouts;

  public ApprovedRequests(Essentials essentials) {
    this.e = essentials;
    this.steps = new RequestSteps(essentials);
    this.callouts = new CustomExtensionCallouts(essentials);
  }

  /**
   * The request as approval left it (delivering, already stored) is held for the approved stage's
   * extension, or goes to delivery.
   *
   * @param recheck the target's groups, to check separation of duties again now; empty when the
   *     caller checked it in this transaction already
   */
  public Future<AssignmentRequest> approved(
      RequestContext ctx,
      UnitOfWork uow,
      AssignmentRequest approved,
      Optional<Membership> recheck) {
    return Lookups.policy(uow, approved.policyId())
        .compose(
            policy ->
                callouts.attached(uow, policy, CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED))
        .compose(
            x -> {
              if (x.isPresent() && x.get().waits()) {
                AssignmentRequest held = approved.awaitingCustomExtensionAfterApproval();
                return uow.requests()
                    .update(held)
                    .compose(
                        ok ->
                            callouts.call(
                                uow,
                                x.get(),
                                CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED,
                                held))
                    .map(held);
              }
              return toDelivery(ctx, uow, approved, recheck)
                  .compose(
                      n ->
                          x.isEmpty()
                              ? Future.succeededFuture(n)
                              : callouts
                                  .call(
                                      uow,
                                      x.get(),
                                      CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED,
                                      n)
                                  .map(n));
            });
  }

  /**
   * The approved request (already stored) goes to delivery: an extension of an assignment's end is
   * done at once; an add gets its assignment, delivered to the directory after the commit.
   */
  public Future<AssignmentRequest> toDelivery(
      RequestContext ctx,
      UnitOfWork uow,
      AssignmentRequest approved,
      Optional<Membership> recheck) {
    if (approved.type() == AssignmentRequest.Type.USER_EXTEND) {
      return uow.requests().update(approved).compose(ok -> steps.extend(ctx, uow, approved));
    }
    return Lookups.accessPackageKept(uow, approved.accessPackageId())
        .compose(
            pkg ->
                Lookups.policy(uow, approved.policyId())
                    .compose(
                        policy ->
                            (recheck.isPresent()
                                    ? PolicyEvaluation.requireNoConflictAtApproval(
                                        uow, pkg, approved, recheck.get())
                                    : Future.<Void>succeededFuture())
                                .compose(
                                    ok -> {
                                      Assignment a =
                                          steps.newAssignment(
                                              pkg, policy, approved.targetId(), e.clock().now());
                                      AssignmentRequest delivering = approved.delivering(a.id());
                                      return uow.assignments()
                                          .insert(a)
                                          .compose(done -> uow.requests().update(delivering))
                                          .map(delivering);
                                    })));
  }
}
