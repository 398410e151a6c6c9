package dev.steward.application.port.in;

import dev.steward.domain.PrincipalId;
import java.util.Objects;

/**
 * Who asks, from which address (null when Steward acts on its own), and the request id that ties
 * logs and audit records together.
 */
public record RequestContext(Actor actor, String requestId, String clientAddress) {
  /** The actor the audit trail names for work Steward does on its own (expiry, deadlines). */
  public static final RequestContext SYSTEM =
      new RequestContext(
          new Actor(new PrincipalId("00000000-0000-0000-0000-000000000000"), "steward"),
          "scheduler");

  public RequestContext {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(requestId, "requestId");
  }

  /** A request whose client address is not known. */
  public RequestContext(Actor actor, String requestId) {
    this(actor, requestId, null);
  }
}
