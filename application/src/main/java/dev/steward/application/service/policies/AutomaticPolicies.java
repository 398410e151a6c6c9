package dev.steward.application.service.policies;

import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.DomainException;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules an automatic policy follows when written, with the package row locked: one per package,
 * and its first reconciliation due at once.
 */
final class AutomaticPolicies {
  private AutomaticPolicies() {}

  /** Policies of one package read to find another automatic one. */
  private static final int MAX_POLICIES = 1000;

  static Future<Void> claim(UnitOfWork uow, AssignmentPolicy policy, Instant now) {
    if (!policy.settings().isAutomatic()) {
      return Future.succeededFuture();
    }
    return uow.policies()
        .list(Optional.empty(), Optional.of(policy.accessPackageId()), null, MAX_POLICIES)
        .compose(
            others -> {
              for (AssignmentPolicy other : others) {
                if (!other.id().equals(policy.id()) && other.settings().isAutomatic()) {
                  throw new DomainException(
                      DomainException.Reason.ALREADY_EXISTS,
                      "The access package has an automatic policy already ('"
                          + other.id()
                          + "'): a package has at most one");
                }
              }
              return uow.scheduledWork()
                  .schedule(ScheduledWork.Kind.AUTO_ASSIGNMENT, policy.id().value(), now);
            });
  }
}
