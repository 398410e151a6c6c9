package dev.steward.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** Listens for HTTP and serves the API; closes gracefully, finishing requests in flight. */
public final class StewardHttpServer {
  private final ConnectionGuard connections;
  private final Vertx vertx;
  private final StewardApi api;
  private final HttpSettings settings;
  private final java.util.function.Supplier<String> scrape;
  private HttpServer server;
  private HttpServer management;

  public StewardHttpServer(Vertx vertx, StewardApi api, HttpSettings settings) {
    this(vertx, api, settings, null);
  }

  /** With {@code scrape}, a second listener serves {@code /metrics} on the management port. */
  public StewardHttpServer(
      Vertx vertx,
      StewardApi api,
      HttpSettings settings,
      java.util.function.Supplier<String> scrape) {
    this.vertx = vertx;
    this.api = api;
    this.settings = settings;
    this.scrape = scrape;
    this.connections = new ConnectionGuard(vertx, settings);
  }

  /**
   * One server runs on one event loop; further instances on the same port spread connections over
   * the other loops (one per core by default).
   */
  private Future<Void> moreEventLoops(HttpServerOptions options, int port) {
    int more = settings.eventLoops() - 1;
    // Servers share a socket by the port they ask for; a random port (0) cannot be shared.
    if (more <= 0 || settings.port() == 0) {
      return Future.succeededFuture();
    }
    HttpServerOptions same = new HttpServerOptions(options).setPort(port);
    return vertx
        .deployVerticle(
            () ->
                new io.vertx.core.VerticleBase() {
                  @Override
                  public Future<?> start() {
                    return connections
                        .guard(vertx.createHttpServer(same), api.router(vertx))
                        .listen();
                  }
                },
            new io.vertx.core.DeploymentOptions().setInstances(more))
        .mapEmpty();
  }

  public int managementPort() {
    return management == null ? -1 : management.actualPort();
  }

  public Future<Integer> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setCompressionSupported(true)
            // Steward serves no WebSocket: without these, Netty's WebSocket extension handler
            // would look at every request and response (issue 21).
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false)
            // HTTP/1.1 on cleartext: no h2c upgrade (it broke large answers to Java's client).
            .setHttp2ClearTextEnabled(false)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384)
            .setIdleTimeout((int) Math.max(1, settings.idleTimeout().toSeconds()));
    if (settings.https()) {
      options
          .setSsl(true)
          .setUseAlpn(true)
          .setKeyCertOptions(
              new io.vertx.core.net.PfxOptions()
                  .setPath(settings.tlsKeyStore())
                  .setPassword(settings.tlsKeyStorePassword()));
    }
    return connections
        .guard(vertx.createHttpServer(options), api.router(vertx))
        .listen()
        .compose(s -> moreEventLoops(options, s.actualPort()).map(s))
        .compose(
            s -> {
              server = s;
              if (scrape == null || settings.managementPort() < 0) {
                return io.vertx.core.Future.succeededFuture(s.actualPort());
              }
              return vertx
                  .createHttpServer(
                      new HttpServerOptions()
                          .setHost(settings.managementHost())
                          .setPort(settings.managementPort())
                          // Scrapers speak HTTP/1.1; no cleartext HTTP/2 upgrade here.
                          .setHttp2ClearTextEnabled(false))
                  .requestHandler(api.managementRouter(vertx, scrape))
                  .listen()
                  .map(
                      m -> {
                        management = m;
                        return s.actualPort();
                      });
            });
  }

  public int port() {
    return server.actualPort();
  }

  /** Stops accepting connections and waits up to the timeout for requests in flight. */
  public Future<Void> stop(long timeoutSeconds) {
    Future<Void> api =
        server == null
            ? Future.succeededFuture()
            : server.shutdown(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS);
    return api.compose(v -> management == null ? Future.succeededFuture() : management.close());
  }
}
