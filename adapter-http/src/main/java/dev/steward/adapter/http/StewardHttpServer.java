package dev.steward.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** Listens for HTTP and serves the API; closes gracefully, finishing requests in flight. */
public final class StewardHttpServer {
  private final Vertx vertx;
  private final StewardApi api;
  private final HttpSettings settings;
  private HttpServer server;

  public StewardHttpServer(Vertx vertx, StewardApi api, HttpSettings settings) {
    this.vertx = vertx;
    this.api = api;
    this.settings = settings;
  }

  public Future<Integer> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setCompressionSupported(true)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384)
            .setIdleTimeout(60);
    return vertx
        .createHttpServer(options)
        .requestHandler(api.router(vertx))
        .listen()
        .map(
            s -> {
              server = s;
              return s.actualPort();
            });
  }

  public int port() {
    return server.actualPort();
  }

  /** Stops accepting connections and waits up to the timeout for requests in flight. */
  public Future<Void> stop(long timeoutSeconds) {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS);
  }
}
