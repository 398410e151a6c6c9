package dev.steward.application.port.in.requests;

import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.PrincipalId;
import java.time.Instant;
import java.util.Optional;

/**
 * Which requests to list: Graph's {@code state}, {@code requestType}, {@code accessPackage/id},
 * {@code target/objectId} and {@code createdDateTime ge|le}, each applied by the store.
 */
public record RequestFilter(
    Optional<AssignmentRequest.State> state,
    Optional<AssignmentRequest.Type> type,
    Optional<AccessPackageId> accessPackage,
    Optional<PrincipalId> target,
    Optional<Instant> createdFrom,
    Optional<Instant> createdTo) {
  /** Every request. */
  public static final RequestFilter NONE =
      new RequestFilter(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public RequestFilter withState(AssignmentRequest.State s) {
    return new RequestFilter(Optional.of(s), type, accessPackage, target, createdFrom, createdTo);
  }

  public RequestFilter withType(AssignmentRequest.Type t) {
    return new RequestFilter(state, Optional.of(t), accessPackage, target, createdFrom, createdTo);
  }

  public RequestFilter withTarget(PrincipalId t) {
    return new RequestFilter(state, type, accessPackage, Optional.of(t), createdFrom, createdTo);
  }

  /** Created within [from, to]; either end may be left open. */
  public RequestFilter created(Optional<Instant> from, Optional<Instant> to) {
    return new RequestFilter(state, type, accessPackage, target, from, to);
  }

  /** Whether {@code r} passes the filter, as the store applies it. */
  public boolean matches(AssignmentRequest r) {
    return state.map(s -> s == r.state()).orElse(true)
        && type.map(t -> t == r.type()).orElse(true)
        && accessPackage.map(p -> p.equals(r.accessPackageId())).orElse(true)
        && target.map(t -> t.equals(r.targetId())).orElse(true)
        && createdFrom.map(f -> !r.createdDateTime().isBefore(f)).orElse(true)
        && createdTo.map(t -> !r.createdDateTime().isAfter(t)).orElse(true);
  }
}
