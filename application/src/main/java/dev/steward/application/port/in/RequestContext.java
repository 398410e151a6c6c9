package dev.steward.application.port.in;

import java.util.Objects;

/** Who asks, and the request id that ties logs and audit records together. */
public record RequestContext(Actor actor, String requestId) {
  public RequestContext {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(requestId, "requestId");
  }
}
