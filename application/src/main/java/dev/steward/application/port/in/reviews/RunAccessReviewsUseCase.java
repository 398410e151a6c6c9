package dev.steward.application.port.in.reviews;

import dev.steward.application.port.out.duework.ScheduledWork;
import io.vertx.core.Future;

/**
 * The scheduler's share of access reviews: start an instance, remind its reviewers, end it and
 * apply its decisions. Called for claimed items of the review kinds; completes each item itself.
 */
public interface RunAccessReviewsUseCase {
  Future<Void> runDue(ScheduledWork.Item item);

  /** For a Steward built without reviews: leaves every item for a scheduler that has them. */
  RunAccessReviewsUseCase NONE =
      item -> Future.failedFuture(new IllegalStateException("access reviews are not wired"));
}
