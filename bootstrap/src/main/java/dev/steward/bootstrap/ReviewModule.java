package dev.steward.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.in.reviews.DecideAccessReviewsUseCase;
import dev.steward.application.port.in.reviews.ManageAccessReviewsUseCase;
import dev.steward.application.port.in.reviews.RunAccessReviewsUseCase;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.reviews.AccessReviewService;
import dev.steward.application.service.reviews.ReviewDecisionService;
import dev.steward.application.service.reviews.ReviewRunService;
import javax.inject.Singleton;

/** The access review use cases (decision 0020), bound to their incoming ports. */
@Module
abstract class ReviewModule {
  @Provides
  @Singleton
  static ReviewRunService reviewRunService(
      Essentials e, DeliverAccessUseCase delivery, ReviewConfig config) {
    return new ReviewRunService(e, delivery, config.noLogonDays());
  }

  @Provides
  @Singleton
  static AccessReviewService accessReviewService(Essentials e, ReviewRunService runs) {
    return new AccessReviewService(e, runs);
  }

  @Provides
  @Singleton
  static ReviewDecisionService reviewDecisionService(Essentials e) {
    return new ReviewDecisionService(e);
  }

  @Binds
  abstract RunAccessReviewsUseCase runReviews(ReviewRunService s);

  @Binds
  abstract ManageAccessReviewsUseCase manageReviews(AccessReviewService s);

  @Binds
  abstract DecideAccessReviewsUseCase decideReviews(ReviewDecisionService s);
}
