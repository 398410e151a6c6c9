package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two Steward instances on one database drain one webhook outbox: each call reaches the real
 * receiver once, whichever instance sends it (the claim is FOR UPDATE SKIP LOCKED).
 */
class CustomExtensionsAcrossInstancesTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String FALCON = "1d000000-0000-4000-8000-000000000006";
  private static final List<String> USERS =
      List.of(
          RunningSteward.GIL,
          RunningSteward.UMA,
          RunningSteward.CARL,
          RunningSteward.OSCAR,
          RunningSteward.PAUL,
          RunningSteward.EVE,
          RunningSteward.ED,
          RunningSteward.PRIYA,
          RunningSteward.FIONA);

  @Test
  void twoInstancesSendEveryWebhookOfOneOutboxExactlyOnce() throws Exception {
    List<String> ids = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ids.add(ex.getRequestHeaders().getFirst("webhook-id"));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
    Map<String, String> settings =
        Map.of(
            "STEWARD_WEBHOOK_ALLOWED_URLS", hooks,
            "STEWARD_WEBHOOK_ALLOW_PLAIN_HTTP", "true",
            "STEWARD_WEBHOOK_INTERVAL_SECONDS", "0");
    try (RunningSteward a = RunningSteward.start(settings);
        RunningSteward b = a.another(settings)) {
      String catalog = a.api.createCatalog("olivia", "Badges for all");
      Api.Response x =
          a.api.post(
              "olivia",
              EM + "/catalogs/" + catalog + "/customWorkflowExtensions",
              new JsonObject()
                  .put(
                      "@odata.type",
                      "#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension")
                  .put("displayName", "Badge office")
                  .put(
                      "endpointConfiguration",
                      new JsonObject()
                          .put("@odata.type", "#microsoft.graph.httpRequestEndpoint")
                          .put("targetUrl", hooks + "granted")));
      assertEquals(201, x.status(), x.text());
      Api.GrantingPackage p =
          a.api.packageGrantingMembership(
              "olivia",
              "olivia",
              catalog,
              FALCON,
              new JsonObject()
                  .put(
                      "customExtensionStageSettings",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("stage", "assignmentRequestGranted")
                                  .put(
                                      "customExtension",
                                      new JsonObject().put("id", x.json().getString("id"))))));
      for (String user : USERS) {
        Api.Response added =
            a.api.post(
                "olivia",
                EM + "/assignmentRequests",
                new JsonObject()
                    .put("requestType", "adminAdd")
                    .put(
                        "assignment",
                        new JsonObject()
                            .put("targetId", user)
                            .put("accessPackageId", p.pkg())
                            .put("assignmentPolicyId", p.policy())));
        assertEquals(201, added.status(), added.text());
      }

      for (int round = 0; round < 2; round++) {
        CompletableFuture<?> one = CompletableFuture.runAsync(() -> send(a));
        CompletableFuture<?> two = CompletableFuture.runAsync(() -> send(b));
        CompletableFuture.allOf(one, two).get();
      }

      assertEquals(USERS.size(), ids.size(), "one call per granted request: " + ids);
      assertEquals(USERS.size(), ids.stream().distinct().count(), "each once");
      assertEquals(
          USERS.size(),
          a.count("SELECT count(*) FROM outbox WHERE channel = 'webhook' AND state = 'done'"));
    } finally {
      receiver.stop(0);
    }
  }

  private static void send(RunningSteward s) {
    try {
      s.steward.sendWebhooks();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
