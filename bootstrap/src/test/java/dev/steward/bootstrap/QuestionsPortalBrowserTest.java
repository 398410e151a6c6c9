package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A policy's questions in a real Chromium: the request form asks them (from
 * getApplicablePolicyRequirements), a missing answer is refused in the dialog, and the approver
 * reads the answers beside the request.
 */
class QuestionsPortalBrowserTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  private static RunningSteward s;
  private static Api api;
  private Browser browser;

  @BeforeAll
  static void start() {
    s = RunningSteward.start(Map.of("STEWARD_SCHEDULER_INTERVAL_SECONDS", "1"));
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

  /** Waits until the open dialog shows {@code text} (dialogs live outside the main region). */
  private void dialogShows(String text) {
    browser.waitUntil(
        d ->
            d.findElements(By.cssSelector("dialog[open]")).stream()
                .anyMatch(e -> e.getText().contains(text)));
  }

  @Test
  void theRequestFormAsksThePolicysQuestionsAndTheApproverReadsTheAnswers() {
    String catalog = api.createCatalog("olivia", "Questions " + UUID.randomUUID());
    Api.GrantingPackage granting =
        api.packageGrantingMembership("olivia", "olivia", catalog, FALCON, new JsonObject());
    JsonObject policy =
        AccessPackageManagersEndToEndTest.seedPolicy(granting.pkg())
            .put(
                "questions",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                            .put("sequence", 1)
                            .put("isRequired", true)
                            .put("text", "Cost centre")
                            .put("isSingleLineQuestion", true)
                            .put("regexPattern", "CC-[0-9]{4}"))
                    .add(
                        new JsonObject()
                            .put(
                                "@odata.type",
                                "#microsoft.graph.accessPackageMultipleChoiceQuestion")
                            .put("sequence", 2)
                            .put("isRequired", true)
                            .put("text", "Region")
                            .put(
                                "choices",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("actualValue", "emea")
                                            .put("text", "Europe"))
                                    .add(
                                        new JsonObject()
                                            .put("actualValue", "amer")
                                            .put("text", "Americas")))));
    Api.Response made = api.post("olivia", EM + "/assignmentPolicies", policy);
    assertEquals(201, made.status(), made.text());
    assertEquals(
        200,
        api.patch(
                "olivia",
                EM + "/accessPackages/" + granting.pkg(),
                new JsonObject().put("displayName", "Falcon with questions"))
            .status());

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("eve", "eve-demo-pw");
    browser.clickLink("My access");
    browser.heading("My access");
    browser.find(By.xpath("//main//td[normalize-space(.)='Falcon with questions']"));
    browser.clickButton("Request");
    browser.find(By.id("justification"));
    dialogShows("Cost centre (required)");
    dialogShows("Region (required)");
    browser.screenshot("questions-0-request-dialog");
    browser.type(By.id("justification"), "Joining the Falcon project");
    browser.clickButton("Submit request");
    dialogShows("needs an answer");
    browser.screenshot("questions-1-missing-answer");
    browser.type(By.cssSelector("dialog[open] .question input[type=text]"), "CC-1234");
    browser.click(By.xpath("//dialog[@open]//label[normalize-space(.)='Americas']/input"));
    browser.clickButton("Submit request");
    browser.sees("Your request for Falcon with questions was submitted: waiting for approval.");
    browser.close();

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("paul", "paul-demo-pw");
    browser.clickLink("Approvals");
    browser.heading("Approvals");
    browser.sees("Cost centre: CC-1234");
    browser.sees("Region: Americas");
    browser.screenshot("questions-2-approver-reads-answers");
  }
}
