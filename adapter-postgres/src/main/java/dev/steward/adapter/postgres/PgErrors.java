package dev.steward.adapter.postgres;

import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.domain.DomainException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/** Turns Postgres failures into what the application understands. */
final class PgErrors {
  private PgErrors() {}

  static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof DomainException || failure instanceof DependencyUnavailableException) {
      return Future.failedFuture(failure);
    }
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState();
      if ("23505".equals(state) && "role_assignment_once".equals(pg.getConstraint())) {
        return Future.failedFuture(
            new DomainException(
                DomainException.Reason.ALREADY_ASSIGNED,
                "The principal already holds this role in this scope"));
      }
      if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
        return Future.failedFuture(new DependencyUnavailableException("postgres", pg));
      }
      return Future.failedFuture(pg);
    }
    if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
      return Future.failedFuture(failure);
    }
    // Connection refused, closed or timed out: nothing was acknowledged; the caller may retry.
    return Future.failedFuture(new DependencyUnavailableException("postgres", failure));
  }
}
