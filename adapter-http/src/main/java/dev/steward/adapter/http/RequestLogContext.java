package dev.steward.adapter.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.Optional;

/**
 * The request a log line was written for: its id, the client's address and, once known, who signed
 * in. Kept in the request's own Vert.x context, which every step of the request runs on (callbacks
 * of Postgres and LDAP calls and blocking work included), so that any logger's line written while
 * serving it can name it.
 */
public final class RequestLogContext {
  private static final ContextLocal<RequestLogContext> LOCAL =
      ContextLocal.registerLocal(RequestLogContext.class);

  private final String requestId;
  private final String clientAddress;
  private volatile String actor = "-";

  private RequestLogContext(String requestId, String clientAddress) {
    this.requestId = requestId;
    this.clientAddress = clientAddress;
  }

  /**
   * Makes the storage known: call before the first Vert.x instance is built, since an instance
   * sizes its contexts' storage when it starts.
   */
  public static void register() {
    // Loading the class registers LOCAL.
  }

  /** The request being served on this thread's context, if any. */
  public static Optional<RequestLogContext> current() {
    Context c = Vertx.currentContext();
    if (c == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(LOCAL.get(c));
    } catch (RuntimeException e) {
      return Optional.empty(); // a Vert.x instance built before the storage was registered
    }
  }

  /** Notes the request now being served on this context (its first handler calls it). */
  public static void begin(String requestId, String clientAddress) {
    Context c = Vertx.currentContext();
    if (c == null) {
      return;
    }
    try {
      LOCAL.put(c, new RequestLogContext(requestId, clientAddress));
    } catch (RuntimeException e) {
      // a Vert.x instance built before the storage was registered: lines go without the request
    }
  }

  static void signedIn(String login) {
    current().ifPresent(r -> r.actor = login);
  }

  public String requestId() {
    return requestId;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public String actor() {
    return actor;
  }
}
