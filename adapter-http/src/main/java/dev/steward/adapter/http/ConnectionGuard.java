package dev.steward.adapter.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps slow and greedy clients from holding the API's sockets: a connection that has not sent a
 * whole request head within the header timeout is closed, and one client address may hold only so
 * many connections at once. Silent connections are closed by the server's idle timeout.
 */
final class ConnectionGuard {
  private final Vertx vertx;
  private final HttpSettings settings;
  private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private final Map<HttpConnection, Long> waitingForHeaders = new ConcurrentHashMap<>();

  ConnectionGuard(Vertx vertx, HttpSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /** Puts the guard on a server and hands each request on to {@code next}. */
  HttpServer guard(HttpServer server, Handler<HttpServerRequest> next) {
    return server
        .connectionHandler(this::opened)
        .requestHandler(
            req -> {
              Long timer = waitingForHeaders.remove(req.connection());
              if (timer != null) {
                vertx.cancelTimer(timer);
              }
              next.handle(req);
            });
  }

  private void opened(HttpConnection conn) {
    String client = conn.remoteAddress() == null ? "" : conn.remoteAddress().hostAddress();
    AtomicInteger open = perClient.computeIfAbsent(client, k -> new AtomicInteger());
    conn.closeHandler(
        v -> {
          Long timer = waitingForHeaders.remove(conn);
          if (timer != null) {
            vertx.cancelTimer(timer);
          }
          if (open.decrementAndGet() <= 0) {
            perClient.remove(client, open);
          }
        });
    if (open.incrementAndGet() > settings.maxConnectionsPerClient()) {
      conn.close();
      return;
    }
    long timer =
        vertx.setTimer(
            settings.headerTimeout().toMillis(),
            id -> {
              if (waitingForHeaders.remove(conn) != null) {
                conn.close();
              }
            });
    waitingForHeaders.put(conn, timer);
  }
}
