// The benchmark's baseline: the smallest Vert.x Web + reactive Postgres endpoint that reads one
// row by primary key (TechEmpower's "single query" shape), on the same Postgres Steward uses.
// Run with the Steward jar on the class path: java -cp steward.jar bench/SingleQuery.java PORT PGPORT
// ROWS, with the superuser's password in PGPASSWORD.
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

public class SingleQuery {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int pgPort = Integer.parseInt(args[1]);
    int rows = Integer.parseInt(args[2]);
    // The same transport as Steward (native epoll where Netty can load it, decision 0032).
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
    var pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(8))
            .connectingTo(
                new PgConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(pgPort)
                    .setDatabase("steward")
                    .setUser("postgres")
                    .setPassword(System.getenv().getOrDefault("PGPASSWORD", ""))
                    .setCachePreparedStatements(true))
            .using(vertx)
            .build();
    // As many event loops as Steward uses: one server instance per core on the same port.
    int loops = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < loops; i++) {
      serve(vertx, pool, port, rows);
    }
    System.out.println(
        "baseline listening on "
            + port
            + " with "
            + loops
            + " event loops, "
            + (vertx.isNativeTransportEnabled() ? "native epoll transport" : "Java NIO transport"));
  }

  private static void serve(Vertx vertx, io.vertx.sqlclient.Pool pool, int port, int rows) {
    vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public io.vertx.core.Future<?> start() {
        return listen(vertx, pool, port, rows);
      }
    }, new io.vertx.core.DeploymentOptions()).await();
  }

  private static final java.util.Map<Integer, io.vertx.core.buffer.Buffer> PADS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static void answer(
      io.vertx.ext.web.RoutingContext ctx,
      io.vertx.sqlclient.Pool pool,
      int rows,
      io.vertx.core.buffer.Buffer pad) {
    int n = ThreadLocalRandom.current().nextInt(rows);
    UUID id = UUID.fromString(String.format("3c000000-0000-4000-8000-%012d", n));
    pool.preparedQuery("SELECT id, display_name FROM catalog WHERE id = $1")
        .execute(Tuple.of(id))
        .onSuccess(
            rs -> {
              var row = rs.iterator().next();
              JsonObject answer =
                  new JsonObject()
                      .put("id", row.getUUID(0).toString())
                      .put("displayName", row.getString(1));
              if (pad == null) {
                ctx.json(answer);
              } else { // the pad's bytes written once, as Steward writes the items it lists
                String head = answer.encode();
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(
                        io.vertx.core.buffer.Buffer.buffer(head.substring(0, head.length() - 1))
                            .appendBuffer(pad));
              }
            })
        .onFailure(ctx::fail);
  }

  private static io.vertx.core.Future<?> listen(Vertx vertx, io.vertx.sqlclient.Pool pool, int port, int rows) {
    Router router = Router.router(vertx);
    router.get("/catalog").handler(ctx -> answer(ctx, pool, rows, null));
    // The same answer with `extra` bytes more (a "pad" field): the baseline for a read whose answer
    // is that much larger, so that a ratio can tell the cost of bytes from the cost of Steward.
    router
        .get("/padded/:extra")
        .handler(
            ctx -> {
              int extra = Math.max(0, Integer.parseInt(ctx.pathParam("extra")) - 10);
              answer(
                  ctx,
                  pool,
                  rows,
                  PADS.computeIfAbsent(
                      extra,
                      x -> io.vertx.core.buffer.Buffer.buffer(",\"pad\":\"" + "x".repeat(x) + "\"}")));
            });
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }
}
