package dev.steward.adapter.postgres;

import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.domain.DomainException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/** Turns Postgres failures into what the application understands. */
final class PgErrors {
  private PgErrors() {}

  /** What each uniqueness constraint protects, for the 409 message. */
  private static final java.util.Map<String, String> ALREADY =
      java.util.Map.of(
          "catalog_resource_once", "The group is in the catalog already: the resource",
          "resource_role_scope_once", "The resource role in this access package",
          "incompatible_access_package_pkey", "The incompatible access package",
          "incompatible_group_pkey", "The incompatible group",
          "access_package_assignment_one_active",
              "An active assignment of this package for the user",
          "assignment_request_one_open", "An open request of this package for the user");

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
      if ("23505".equals(state)) {
        return Future.failedFuture(
            new DomainException(
                DomainException.Reason.ALREADY_EXISTS,
                ALREADY.getOrDefault(pg.getConstraint(), "It") + " exists already"));
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
