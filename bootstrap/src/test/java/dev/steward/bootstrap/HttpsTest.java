package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steward.adapter.ldap.TestCertificates;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** With a key store configured, the API speaks HTTPS only, so credentials never cross in clear. */
class HttpsTest {
  @Test
  void theApiAnswersOverHttpsWithTheConfiguredCertificateAndNotOverPlainHttp() throws Exception {
    TestCertificates certs = TestCertificates.create();
    try (RunningSteward s =
        RunningSteward.start(
            Map.of(
                "STEWARD_TLS_KEYSTORE", certs.keyStore().toString(),
                "STEWARD_TLS_KEYSTORE_PASSWORD", certs.password()))) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(certs.trustStore())) {
        trust.load(in, certs.password().toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
      String base = "https://localhost:" + s.steward.port();
      HttpResponse<String> me =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1.0/me"))
                  .header("Authorization", Api.basic("olivia"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, me.statusCode(), me.body());
      assertEquals("olivia", new JsonObject(me.body()).getString("userPrincipalName"));
      assertThrows(
          Exception.class,
          () ->
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://localhost:" + s.steward.port() + "/v1.0/me"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode());
      assertThrows(
          Exception.class,
          () ->
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create(base + "/v1.0/me")).build(),
                      HttpResponse.BodyHandlers.ofString()),
          "a client that does not trust the certificate cannot connect");
    }
  }
}
