package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two Steward instances on one database drain one outbox: each mail reaches the real SMTP server
 * once, whichever instance sends it.
 */
class MailAcrossInstancesTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final List<String> USERS =
      List.of(
          RunningSteward.GIL,
          RunningSteward.UMA,
          RunningSteward.CARL,
          RunningSteward.OLIVIA,
          RunningSteward.OSCAR,
          RunningSteward.PAUL,
          RunningSteward.EVE,
          RunningSteward.ED,
          RunningSteward.PRIYA,
          RunningSteward.FIONA);

  @Test
  void twoInstancesSendEveryMailOfOneOutboxExactlyOnce() throws Exception {
    try (TestSmtp smtp = TestSmtp.start();
        RunningSteward a = RunningSteward.start(smtp.settings());
        RunningSteward b = a.another(smtp.settings())) {
      String catalog = a.api.createCatalog("ada", "Mail for all");
      String pkg =
          a.api
              .post(
                  "ada",
                  EM + "/accessPackages",
                  new JsonObject()
                      .put("displayName", "Newsletter")
                      .put("catalog", new JsonObject().put("id", catalog)))
              .json()
              .getString("id");
      String policy =
          a.api
              .post(
                  "ada",
                  EM + "/assignmentPolicies",
                  new JsonObject()
                      .put("displayName", "Direct")
                      .put("accessPackage", new JsonObject().put("id", pkg))
                      .put("allowedTargetScope", "notSpecified"))
              .json()
              .getString("id");
      for (String user : USERS) {
        Api.Response added =
            a.api.post(
                "ada",
                EM + "/assignmentRequests",
                new JsonObject()
                    .put("requestType", "adminAdd")
                    .put(
                        "assignment",
                        new JsonObject()
                            .put("targetId", user)
                            .put("accessPackageId", pkg)
                            .put("assignmentPolicyId", policy)));
        assertEquals(201, added.status(), added.text());
      }

      // Both senders at once, twice over: the rows each claims are its own.
      for (int round = 0; round < 2; round++) {
        CompletableFuture<?> one = CompletableFuture.runAsync(() -> send(a));
        CompletableFuture<?> two = CompletableFuture.runAsync(() -> send(b));
        CompletableFuture.allOf(one, two).get();
      }

      List<TestSmtp.Received> mails = smtp.received();
      assertEquals(USERS.size(), mails.size(), "one access-granted mail per user");
      assertEquals(
          USERS.size(), mails.stream().map(TestSmtp.Received::to).distinct().count(), "each once");
      assertEquals(
          USERS.size(), mails.stream().map(TestSmtp.Received::messageId).distinct().count());
      assertEquals(USERS.size(), a.count("SELECT count(*) FROM outbox WHERE state = 'done'"));
    }
  }

  private static void send(RunningSteward s) {
    try {
      s.steward.sendNotifications();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
