package dev.steward.adapter.http;

import dev.steward.domain.Guid;
import io.vertx.ext.web.RoutingContext;

/** Gives every request an id: the client's {@code client-request-id} when it is a GUID. */
final class RequestIds {
  static final String KEY = "steward.requestId";

  private RequestIds() {}

  static void assign(RoutingContext ctx) {
    String offered = ctx.request().getHeader("client-request-id");
    String id = Guid.isValid(offered) ? offered.toLowerCase(java.util.Locale.ROOT) : Guid.random();
    ctx.put(KEY, id);
    ctx.response().putHeader("request-id", id);
    ctx.response().putHeader("client-request-id", id);
  }

  static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "unknown" : id;
  }
}
