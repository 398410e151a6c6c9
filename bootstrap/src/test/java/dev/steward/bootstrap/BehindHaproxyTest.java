package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one Postgres behind a real haproxy (round robin, no stickiness), with their
 * secrets only in files: a portal session and a token work whichever instance answers, and a
 * rolling restart under load gives no 5xx and no broken response.
 */
class BehindHaproxyTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<RunningSteward> running = new ArrayList<>();
  private Process haproxy;
  private int lbPort;
  private int[] ports;
  private Map<String, String> secrets;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Path secretFile(String value) throws Exception {
    Path f = Files.createTempFile("steward-secret", ".key");
    Files.writeString(f, value + "\n");
    Files.setPosixFilePermissions(
        f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private RunningSteward instance(RunningSteward first, int port, String name) {
    Map<String, String> env = new HashMap<>(secrets);
    env.put("STEWARD_HTTP_PORT", Integer.toString(port));
    env.put("STEWARD_INSTANCE_NAME", name);
    env.put("STEWARD_SHUTDOWN_GRACE_SECONDS", "2");
    RunningSteward s = first == null ? RunningSteward.start(env) : first.another(env);
    running.add(s);
    return s;
  }

  @BeforeEach
  void start() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/sbin/haproxy"));
    dev.steward.application.testing.Prerequisites.require(
        installed, "the load-balancer test: haproxy is not installed (apt-get install haproxy)");
    secrets =
        Map.of(
            "STEWARD_JWT_SECRET_FILE",
            secretFile("a-token-key-shared-by-both-instances-0123456789").toString(),
            "STEWARD_AUDIT_KEY_FILE",
            secretFile("an-audit-key-shared-by-both-instances").toString());
    ports = new int[] {freePort(), freePort()};
    RunningSteward a = instance(null, ports[0], "a");
    instance(a, ports[1], "b");
    lbPort = freePort();
    Path cfg = Files.createTempFile("haproxy", ".cfg");
    Files.writeString(
        cfg,
        String.join(
            "\n",
            "global",
            "  maxconn 512",
            "defaults",
            "  mode http",
            "  timeout connect 2s",
            "  timeout client 30s",
            "  timeout server 30s",
            "  retries 3",
            "  option redispatch",
            "  retry-on conn-failure empty-response",
            "frontend api",
            "  bind 127.0.0.1:" + lbPort,
            "  default_backend steward",
            "backend steward",
            "  balance roundrobin",
            "  option httpchk GET /health/ready",
            "  http-check expect status 200",
            "  timeout check 2s",
            "  default-server inter 200ms fall 2 rise 2",
            "  server a 127.0.0.1:" + ports[0] + " check",
            "  server b 127.0.0.1:" + ports[1] + " check",
            ""));
    haproxy =
        new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", cfg.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                Path.of(System.getProperty("java.io.tmpdir"), "steward-haproxy.log").toFile())
            .start();
    // Both servers up in haproxy: consecutive readiness calls through it all answer 200.
    for (int i = 0, ok = 0; i < 200 && ok < 4; i++) {
      ok = status(get("/health/ready", Map.of())) == 200 ? ok + 1 : 0;
      Thread.sleep(100);
    }
  }

  @AfterEach
  void stop() {
    if (haproxy != null) {
      haproxy.destroy();
    }
    running.forEach(RunningSteward::close);
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  private HttpResponse<String> send(
      String method, String path, Map<String, String> headers, String body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lbPort + path))
              .timeout(Duration.ofSeconds(20))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return null;
    }
  }

  private static int status(HttpResponse<String> r) {
    return r == null ? -1 : r.statusCode();
  }

  @Test
  void sessionsAndTokensHoldOnEitherInstanceAndARollingRestartDropsNothing() throws Exception {
    // Sign in to the portal and get a token through the balancer.
    HttpResponse<String> signIn =
        send(
            "POST",
            "/portal/session",
            Map.of("Content-Type", "application/json"),
            new JsonObject().put("username", "ada").put("password", "ada-demo-pw").encode());
    assertEquals(200, status(signIn), signIn == null ? "no answer" : signIn.body());
    String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    Map<String, String> portal = Map.of("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
    String csrf = new JsonObject(signIn.body()).getString("csrfToken");
    HttpResponse<String> token =
        send(
            "POST",
            "/oauth2/v2.0/token",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "grant_type=password&username=ada&password=ada-demo-pw");
    assertEquals(200, status(token));
    Map<String, String> bearer =
        Map.of("Authorization", "Bearer " + new JsonObject(token.body()).getString("access_token"));
    // Round robin: consecutive calls land on both instances; every one is accepted.
    for (int i = 0; i < 10; i++) {
      assertEquals(200, status(get("/v1.0/me", portal)), "portal call " + i);
      assertEquals(200, status(get("/v1.0/me", bearer)), "token call " + i);
    }
    Map<String, String> change = new HashMap<>(portal);
    change.put("Content-Type", "application/json");
    change.put("X-CSRF-Token", csrf);
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> created =
          send(
              "POST",
              Api.CATALOGS,
              change,
              new JsonObject().put("displayName", "Behind the balancer " + i).encode());
      assertEquals(201, status(created), created == null ? "no answer" : created.body());
    }

    // Load through the balancer while instance a is stopped and started again.
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicBoolean loading = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      Map<String, String> who = t % 2 == 0 ? portal : bearer;
      load.submit(
          () -> {
            while (loading.get()) {
              statuses
                  .computeIfAbsent(status(get(Api.CATALOGS, who)), k -> new AtomicInteger())
                  .incrementAndGet();
            }
            return null;
          });
    }
    Thread.sleep(500);
    RunningSteward a = running.remove(0);
    a.close(); // what SIGTERM runs: readiness fails, grace, listener closed, requests finished
    Thread.sleep(500);
    RunningSteward back = instance(running.get(0), ports[0], "a");
    for (int i = 0; i < 50 && !healthy(ports[0]); i++) {
      Thread.sleep(100);
    }
    Thread.sleep(1_000); // haproxy takes it back (rise 2 × 200 ms) and sends it load
    loading.set(false);
    load.shutdown();
    assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
    Map<Integer, Integer> seen = new java.util.TreeMap<>();
    statuses.forEach((k, v) -> seen.put(k, v.get()));
    assertEquals(java.util.Set.of(200), seen.keySet(), "statuses under a rolling restart: " + seen);
    assertTrue(seen.get(200) > 50, "load ran: " + seen);

    // The session and the token outlived the restart, whichever instance answers.
    for (int i = 0; i < 6; i++) {
      assertEquals(200, status(get("/v1.0/me", portal)));
      assertEquals(200, status(get("/v1.0/me", bearer)));
    }
    assertTrue(back.count("SELECT count(*) FROM portal_session") >= 1);
  }

  private static boolean healthy(int port) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
