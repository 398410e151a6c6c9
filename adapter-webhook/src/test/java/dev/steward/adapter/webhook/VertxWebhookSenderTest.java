package dev.steward.adapter.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.steward.application.port.out.extensions.OutgoingWebhook;
import dev.steward.application.port.out.extensions.StandardWebhooks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sender against a real HTTP(S) receiver on 127.0.0.1, not a mock. */
class VertxWebhookSenderTest {
  private static final String SECRET =
      "whsec_"
          + Base64.getEncoder()
              .encodeToString(
                  new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                    23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                  });

  /** One request as the receiver saw it. */
  record Received(String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private Vertx vertx;
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    route(server);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    server.stop(0);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void route(HttpServer s) {
    s.createContext("/ok", ex -> answer(ex, 204));
    s.createContext("/fail", ex -> answer(ex, 500));
    s.createContext(
        "/moved",
        ex -> {
          ex.getResponseHeaders().add("Location", "/ok");
          answer(ex, 302);
        });
    s.createContext(
        "/silent",
        ex -> {
          record(ex);
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
  }

  private void record(HttpExchange ex) throws java.io.IOException {
    try (InputStream in = ex.getRequestBody()) {
      received.add(
          new Received(
              ex.getRequestURI().getPath(),
              Map.copyOf(ex.getRequestHeaders()),
              new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  private void answer(HttpExchange ex, int status) throws java.io.IOException {
    record(ex);
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  private VertxWebhookSender sender(Duration timeout) {
    return new VertxWebhookSender(vertx, new WebhookSettings(null, null, timeout));
  }

  private static Throwable failure(Future<Void> f) {
    try {
      f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("the send was expected to fail");
  }

  /** HMAC-SHA256 of id.timestamp.body with the secret's key, computed here, not by Steward. */
  private static String expectedSignature(String id, String timestamp, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aWebhookArrivesSignedPerStandardWebhooksWithTheSameIdOnEveryTry() throws Exception {
    VertxWebhookSender sender = sender(Duration.ofSeconds(5));
    Map<String, Object> payload =
        Map.of(
            "type",
            "microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestGranted",
            "data",
            Map.of("stage", "assignmentRequestGranted"));
    OutgoingWebhook hook = new OutgoingWebhook("msg-1", base + "/ok", SECRET, payload);
    sender.send(hook).await(30, TimeUnit.SECONDS);
    sender.send(hook).await(30, TimeUnit.SECONDS);

    assertEquals(2, received.size());
    for (Received r : received) {
      assertEquals("msg-1", r.header("webhook-id"));
      String timestamp = r.header("webhook-timestamp");
      long seconds = Long.parseLong(timestamp);
      assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 60, timestamp);
      assertEquals(expectedSignature("msg-1", timestamp, r.body()), r.header("webhook-signature"));
      assertEquals(new JsonObject(payload), new JsonObject(r.body()));
      assertTrue(r.header("Content-Type").startsWith("application/json"));
    }
    // The signature covers the body: another body under the same headers would not verify.
    Received first = received.get(0);
    assertTrue(
        !StandardWebhooks.verify(
            SECRET,
            "msg-1",
            Long.parseLong(first.header("webhook-timestamp")),
            first.body() + " ",
            first.header("webhook-signature")));
  }

  @Test
  void anAnswerOutside2xxFailsTheSendSoTheOutboxTriesAgain() {
    Throwable e =
        failure(
            sender(Duration.ofSeconds(5))
                .send(new OutgoingWebhook("m", base + "/fail", SECRET, Map.of())));
    assertTrue(e.getMessage().contains("500"), e.getMessage());
  }

  @Test
  void aRedirectIsNotFollowed() {
    Throwable e =
        failure(
            sender(Duration.ofSeconds(5))
                .send(new OutgoingWebhook("m", base + "/moved", SECRET, Map.of())));
    assertTrue(e.getMessage().contains("302"), e.getMessage());
    assertEquals(List.of("/moved"), received.stream().map(Received::path).toList());
  }

  @Test
  void aReceiverThatNeverAnswersFailsTheSendWhenTheTimeoutRunsOut() {
    long start = System.nanoTime();
    Throwable e =
        failure(
            sender(Duration.ofSeconds(1))
                .send(new OutgoingWebhook("m", base + "/silent", SECRET, Map.of())));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(took < 10_000, "took " + took + " ms: " + e.getMessage());
    assertEquals(1, received.size());
  }

  @Test
  void overHttpsTheConfiguredTrustStoreIsTrustedAndAnUntrustedCertificateIsRefused()
      throws Exception {
    Path dir = Files.createTempDirectory("webhook-tls");
    Path keyStore = dir.resolve("server.p12");
    Path cert = dir.resolve("server.crt");
    Path trust = dir.resolve("trust.p12");
    String pw = "test-store-pw";
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "hook",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        pw,
        "-keypass",
        pw);
    run(
        keytool,
        "-exportcert",
        "-alias",
        "hook",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        pw,
        "-rfc",
        "-file",
        cert.toString());
    run(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "hook",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trust.toString(),
        "-storepass",
        pw);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, pw.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    route(https);
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/ok";
      new VertxWebhookSender(vertx, new WebhookSettings(trust, pw, Duration.ofSeconds(5)))
          .send(new OutgoingWebhook("tls-1", url, SECRET, Map.of("a", "b")))
          .await(30, TimeUnit.SECONDS);
      assertEquals("tls-1", received.get(0).header("webhook-id"));
      failure(
          sender(Duration.ofSeconds(5)).send(new OutgoingWebhook("tls-2", url, SECRET, Map.of())));
      assertEquals(1, received.size(), "the JVM's trust store does not trust the test certificate");
    } finally {
      https.stop(0);
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
  }
}
