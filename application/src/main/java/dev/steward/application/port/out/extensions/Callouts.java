package dev.steward.application.port.out.extensions;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores each call of a custom extension and its answer: a request's history of them. */
public interface Callouts {
  Future<Void> insert(Callout callout);

  Future<Void> update(Callout callout);

  Future<Optional<Callout>> find(String id);

  /** Finds a call and locks it until the transaction ends. */
  Future<Optional<Callout>> findForUpdate(String id);

  /** A request's calls, oldest first. */
  Future<List<Callout>> forRequest(String requestId);

  /**
   * Locks up to {@code limit} calls still waiting for an answer whose time ran out at {@code now};
   * calls another instance holds are skipped.
   */
  Future<List<Callout>> claimTimedOut(Instant now, int limit);
}
