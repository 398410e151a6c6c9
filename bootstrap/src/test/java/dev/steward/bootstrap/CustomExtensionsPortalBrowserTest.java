package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The portal's Custom extensions page and a request's history of calls, in a real Chromium: an
 * owner creates an extension and sees its secret once; a held request shows its waiting call.
 */
class CustomExtensionsPortalBrowserTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String HOOKS = "https://hooks.example.org/steward/";
  private static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  private static RunningSteward s;
  private static Api api;
  private Browser browser;

  @BeforeAll
  static void start() {
    s =
        RunningSteward.start(
            Map.of("STEWARD_WEBHOOK_ALLOWED_URLS", HOOKS, "STEWARD_WEBHOOK_INTERVAL_SECONDS", "0"));
    api = s.api;
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anOwnerCreatesAnExtensionSeesItsSecretOnceAndAHeldRequestShowsItsWaitingCall() {
    String catalogName = "Badges " + UUID.randomUUID().toString().substring(0, 8);
    String catalog = api.createCatalog("olivia", catalogName);
    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("olivia", "olivia-demo-pw");
    browser.go("/portal/#/catalogs");
    browser.heading("Catalogs");
    browser.clickLink(catalogName);
    browser.heading(catalogName);
    browser.clickLink("Custom extensions");
    browser.heading("Custom extensions");
    browser.sees("This catalog has no custom extensions.");

    browser.clickButton("New custom extension");
    browser.type(By.id("extension-name"), "Badge office");
    browser.type(By.id("extension-url"), HOOKS + "badges");
    browser.click(By.id("extension-waits"));
    browser.screenshot("extensions-1-new");
    browser.click(By.cssSelector("dialog[open] button.primary"));
    browser.sees("Steward will not show it again.");
    browser.screenshot("extensions-2-created-with-secret");
    String shown = browser.find(By.id("page-message")).getText();
    assertTrue(shown.contains("whsec_"), shown);
    assertTrue(browser.mainText().contains("Yes, up to PT1H"), browser.mainText());

    JsonObject x =
        api.get("olivia", EM + "/catalogs/" + catalog + "/customWorkflowExtensions")
            .value()
            .getJsonObject(0);
    assertFalse(x.containsKey("signingSecret"));
    Api.GrantingPackage p =
        api.packageGrantingMembership(
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
                                .put("stage", "assignmentRequestCreated")
                                .put(
                                    "customExtension",
                                    new JsonObject().put("id", x.getString("id"))))));
    Api.Response held =
        api.post(
            "olivia",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("targetId", RunningSteward.EVE)
                        .put("accessPackageId", p.pkg())
                        .put("assignmentPolicyId", p.policy())));
    assertEquals(201, held.status(), held.text());

    browser.go("/portal/#/requests/" + held.json().getString("id"));
    browser.heading("Request for P");
    browser.sees("waitingForCallback");
    browser.sees("assignmentRequestCreated");
    browser.screenshot("extensions-3-request-history");

    // Deleting is refused while the policy still calls it, and the page says why.
    browser.go("/portal/#/catalogs/" + catalog + "/extensions");
    browser.heading("Custom extensions");
    browser.clickButton("Delete");
    browser.click(By.cssSelector("dialog[open] button.primary"));
    browser.sees("customExtensionStageSettings");
  }
}
