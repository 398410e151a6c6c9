package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.ENGINEERING;
import static dev.steward.bootstrap.RunningSteward.OLIVIA;
import static dev.steward.bootstrap.RunningSteward.OWNER_ROLE;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The seed's procedures walked in a real Chromium against Steward on its embedded Postgres and
 * directory, exactly as the reference writes them: Identity Governance, Catalogs, open the catalog,
 * Roles and administrators, Add access package managers, choose members, Select; tick a manager,
 * Remove. Each step leaves a screenshot in {@code target/portal-screenshots/}.
 */
class PortalBrowserTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String PRIYA = RunningSteward.PRIYA;
  private static final String FALCON = "1d000000-0000-4000-8000-000000000006";

  private static RunningSteward s;
  private static Api api;
  private Browser browser;
  private String catalog;
  private String catalogName;

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

  @BeforeEach
  void oliviaOwnsACatalog() {
    catalogName = "Falcon project " + UUID.randomUUID().toString().substring(0, 8);
    catalog = api.createCatalog("olivia", catalogName);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private List<JsonObject> holders(String roleId) {
    String filter =
        "appScopeId eq '/AccessPackageCatalog/"
            + catalog
            + "' and roleDefinitionId eq '"
            + roleId
            + "'";
    Api.Response r = api.listAssignments("olivia", filter, "");
    assertEquals(200, r.status(), r.text());
    return r.value().stream().map(JsonObject.class::cast).toList();
  }

  private List<String> holderIds(String roleId) {
    return holders(roleId).stream().map(j -> j.getString("principalId")).sorted().toList();
  }

  /** Identity Governance → Catalogs → the catalog → Roles and administrators. */
  private void openRolesAndAdministrators(String prefix) {
    browser.clickLink("Identity Governance");
    browser.heading("Identity Governance");
    browser.screenshot(prefix + "-2-identity-governance");
    browser.click(By.cssSelector("nav#menu a[href='#/catalogs']"));
    browser.heading("Catalogs");
    browser.screenshot(prefix + "-3-catalogs");
    browser.clickLink(catalogName);
    browser.heading(catalogName);
    browser.clickLink("Roles and administrators");
    browser.heading("Roles and administrators");
    browser.screenshot(prefix + "-4-roles-and-administrators");
  }

  /** Types into the picker's search and ticks the one result named {@code name}. */
  private void pick(String search, String name) {
    browser.type(By.id("picker-search"), search);
    String needle = search.toLowerCase(java.util.Locale.ROOT);
    By labels = By.cssSelector("#picker-results label");
    By box =
        By.xpath(
            "//ul[@id='picker-results']//label[.//span[starts-with(normalize-space(.), '"
                + name
                + "')]]/input");
    // Wait for this search's answer (every result matches it), then tick; a redraw in between
    // only means looking again.
    browser.waitUntil(
        d -> {
          try {
            var found = d.findElements(labels);
            if (found.isEmpty()
                || !found.stream()
                    .allMatch(
                        l -> l.getText().toLowerCase(java.util.Locale.ROOT).contains(needle))) {
              return false;
            }
            WebElement tick = d.findElement(box);
            if (!tick.isSelected()) {
              tick.click();
            }
            return d.findElement(box).isSelected();
          } catch (org.openqa.selenium.StaleElementReferenceException
              | org.openqa.selenium.NoSuchElementException redrawn) {
            return false;
          }
        });
  }

  private static By rowOf(String name, String role) {
    return By.xpath(
        "//main//tr[td[normalize-space(.)='"
            + name
            + "'] and td[normalize-space(.)='"
            + role
            + "']]");
  }

  @Test
  void catalogOwnerAddsTwoAccessPackageManagersInOneSelectionAndRemovesOne() {
    browser = Browser.open(api.base(), 1280, 900);
    browser.go("/portal/");
    browser.find(By.id("username"));
    browser.screenshot("owner-0-sign-in");
    browser.signIn("olivia", "olivia-demo-pw");
    browser.heading("Steward");
    browser.screenshot("owner-1-home");
    openRolesAndAdministrators("owner");
    assertTrue(browser.present(rowOf("Olivia Owner", "Catalog owner")), browser.mainText());

    // Click Add access package managers to select the members for these roles.
    browser.clickButton("Add access package managers");
    browser.find(By.id("picker-search"));
    pick("Paul", "Paul Projectlead");
    pick("Priya", "Priya Projectlead");
    browser.waitUntil(d -> d.findElement(By.id("picker-count")).getText().equals("2 selected"));
    browser.screenshot("owner-5-picker-two-selected");
    // Click Select to add these members.
    browser.clickButton("Select");
    browser.find(rowOf("Paul Projectlead", "Access package manager"));
    browser.find(rowOf("Priya Projectlead", "Access package manager"));
    browser.sees("Added 2 members as access package manager.");
    browser.screenshot("owner-6-two-managers-listed");
    assertEquals(List.of(PAUL, PRIYA), holderIds(APM_ROLE));

    // Add a checkmark next to an access package manager you want to remove; click Remove.
    browser.click(
        By.cssSelector("input[aria-label='Select Paul Projectlead (Access package manager)']"));
    browser.screenshot("owner-7-paul-ticked");
    browser.clickButton("Remove");
    browser.find(By.cssSelector("dialog[open]"));
    browser.screenshot("owner-8-confirm-remove");
    browser.click(By.cssSelector("dialog[open] button.primary"));
    browser.sees("Removed 1 role holder.");
    assertFalse(browser.present(rowOf("Paul Projectlead", "Access package manager")));
    assertTrue(browser.present(rowOf("Priya Projectlead", "Access package manager")));
    browser.screenshot("owner-9-one-removed");
    assertEquals(List.of(PRIYA), holderIds(APM_ROLE));

    // The last owner cannot be removed, and the page says so in words.
    browser.click(By.cssSelector("input[aria-label='Select Olivia Owner (Catalog owner)']"));
    browser.clickButton("Remove");
    browser.click(By.cssSelector("dialog[open] button.primary"));
    browser.sees("A catalog must keep at least one owner");
    browser.screenshot("owner-10-last-owner-refused");
    assertEquals(List.of(OLIVIA), holderIds(OWNER_ROLE));
  }

  @Test
  void accessPackageManagerIsNotOfferedTheButtonIsRefusedWhenForgingItAndCreatesAPackage() {
    api.assigned("olivia", PAUL, APM_ROLE, catalog);
    Api.Response added =
        api.post(
            "olivia",
            EM + "/resourceRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put("resource", new JsonObject().put("originId", FALCON))
                .put("catalog", new JsonObject().put("id", catalog)));
    assertEquals(201, added.status(), added.text());

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("paul", "paul-demo-pw");
    openRolesAndAdministrators("manager");
    browser.find(rowOf("Paul Projectlead", "Access package manager"));
    assertFalse(browser.present(Browser.button("Add access package managers")));
    assertFalse(browser.present(Browser.button("Add catalog owners")));
    assertFalse(browser.present(Browser.button("Remove")));
    assertTrue(browser.all(By.cssSelector("main input[type=checkbox]")).isEmpty());

    // Forged from the signed-in page: with the session's CSRF token the API still refuses,
    // and without it the request does not even reach the rules.
    String forge =
        "const done = arguments[arguments.length - 1];"
            + "const session = await (await fetch('/portal/session')).json();"
            + "const body = JSON.stringify({roleDefinitionId: '"
            + APM_ROLE
            + "', principalId: '"
            + RunningSteward.EVE
            + "', appScopeId: '/AccessPackageCatalog/"
            + catalog
            + "'});"
            + "const url = '/v1.0/roleManagement/entitlementManagement/roleAssignments';"
            + "const withToken = await fetch(url, {method: 'POST', body, headers: {"
            + "'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken}});"
            + "const without = await fetch(url, {method: 'POST', body, headers: {"
            + "'Content-Type': 'application/json'}});"
            + "done([withToken.status, (await withToken.json()).error.code,"
            + " without.status, (await without.json()).error.code]);";
    @SuppressWarnings("unchecked")
    List<Object> forged =
        (List<Object>) browser.async("(async () => {" + forge + "})(...arguments)");
    assertEquals(List.of(403L, "UnAuthorized", 403L, "CsrfTokenInvalid"), forged);
    assertEquals(List.of(PAUL), holderIds(APM_ROLE));

    // Create an access package with a resource role and a policy.
    browser.clickLink("Access packages");
    browser.heading("Access packages");
    browser.screenshot("manager-5-access-packages");
    browser.clickLink("New access package");
    browser.heading("New access package");
    browser.type(By.id("package-name"), "Falcon engineers");
    browser.type(By.id("package-description"), "Falcon project group membership");
    new org.openqa.selenium.support.ui.Select(
            browser.find(By.cssSelector("select[data-origin='" + FALCON + "']")))
        .selectByVisibleText("Member");
    browser.click(By.id("requestors-choose"));
    pick("engineering", "engineering");
    browser.clickButton("Select");
    browser.waitFor(By.id("requestors-chosen"), e -> e.getText().contains("engineering"));
    browser.click(By.id("approvers-choose"));
    pick("Olivia", "Olivia Owner");
    browser.clickButton("Select");
    browser.waitFor(By.id("approvers-chosen"), e -> e.getText().contains("Olivia Owner"));
    browser.type(By.id("expiry-days"), "30");
    browser.screenshot("manager-6-new-package-form");
    browser.click(By.id("create-package"));
    browser.heading("Access packages");
    browser.find(By.xpath("//main//td[normalize-space(.)='Falcon engineers']"));
    browser.screenshot("manager-7-package-created");

    Api.Response listed =
        api.get(
            "paul",
            EM
                + "/accessPackages?$expand=resourceRoleScopes,assignmentPolicies&$filter="
                + Api.q("catalog/id eq '" + catalog + "'"));
    assertEquals(200, listed.status(), listed.text());
    JsonObject pkg = listed.value().getJsonObject(0);
    assertEquals("Falcon engineers", pkg.getString("displayName"));
    JsonArray scopes = pkg.getJsonArray("resourceRoleScopes");
    assertEquals(1, scopes.size());
    assertEquals(
        "Member_" + FALCON, scopes.getJsonObject(0).getJsonObject("role").getString("originId"));
    JsonObject policy = pkg.getJsonArray("assignmentPolicies").getJsonObject(0);
    assertEquals("specificDirectoryUsers", policy.getString("allowedTargetScope"));
    assertEquals(
        ENGINEERING,
        policy.getJsonArray("specificAllowedTargets").getJsonObject(0).getString("groupId"));
    assertEquals("P30D", policy.getJsonObject("expiration").getString("duration"));
    JsonObject approver =
        policy
            .getJsonObject("requestApprovalSettings")
            .getJsonArray("stages")
            .getJsonObject(0)
            .getJsonArray("primaryApprovers")
            .getJsonObject(0);
    assertEquals(OLIVIA, approver.getString("userId"));

    // Hide it, then delete it: both change the package for every client.
    browser.clickButton("Hide");
    browser.sees("Falcon engineers is now hidden.");
    assertTrue(
        api.get("paul", EM + "/accessPackages/" + pkg.getString("id"))
            .json()
            .getBoolean("isHidden"));
    browser.screenshot("manager-8-package-hidden");
    browser.clickButton("Delete");
    browser.click(By.cssSelector("dialog[open] button.primary"));
    browser.sees("Falcon engineers was deleted.");
    assertEquals(404, api.get("paul", EM + "/accessPackages/" + pkg.getString("id")).status());
  }

  @Test
  void anEngineerRequestsInMyAccessTheApproverApprovesAndTheAccessArrives() {
    Api.GrantingPackage granting =
        api.packageGrantingMembership("olivia", "olivia", catalog, FALCON, new JsonObject());
    // The seed's policy with its package: engineers request, Paul (Eve's manager) approves.
    JsonObject policy = AccessPackageManagersEndToEndTest.seedPolicy(granting.pkg());
    Api.Response made = api.post("olivia", EM + "/assignmentPolicies", policy);
    assertEquals(201, made.status(), made.text());
    Api.Response renamed =
        api.patch(
            "olivia",
            EM + "/accessPackages/" + granting.pkg(),
            new JsonObject().put("displayName", "Falcon access"));
    assertEquals(200, renamed.status(), renamed.text());

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("eve", "eve-demo-pw");
    browser.clickLink("My access");
    browser.heading("My access");
    browser.find(By.xpath("//main//td[normalize-space(.)='Falcon access']"));
    browser.screenshot("requestor-1-my-access");
    browser.clickButton("Request");
    browser.type(By.id("justification"), "Joining the Falcon project");
    browser.screenshot("requestor-2-request-dialog");
    browser.clickButton("Submit request");
    browser.sees("Your request for Falcon access was submitted: waiting for approval.");
    browser.screenshot("requestor-3-request-pending");
    browser.close();

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("paul", "paul-demo-pw");
    browser.clickLink("Approvals");
    browser.heading("Approvals");
    browser.find(By.xpath("//main//td[normalize-space(.)='Eve Engineer']"));
    browser.sees("Joining the Falcon project");
    browser.screenshot("approver-1-waiting");
    browser.clickButton("Approve");
    browser.sees("Approved the request for Falcon access.");
    browser.screenshot("approver-2-approved");
    browser.close();

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("eve", "eve-demo-pw");
    browser.clickLink("My access");
    // Delivery adds Eve to the group in the directory; once it has, her page lists the access.
    browser.waitUntil(
        d ->
            api.get("eve", EM + "/assignments/filterByCurrentUser(on='target')")
                .text()
                .contains("\"delivered\""));
    browser.driver().navigate().refresh();
    browser.find(
        By.xpath(
            "//main//tr[td[normalize-space(.)='Falcon access'] and td[normalize-space(.)='Delivered']]"));
    assertTrue(browser.present(By.xpath("//main//span[normalize-space(.)='Requested or held']")));
    assertFalse(browser.present(Browser.button("Request")));
    browser.screenshot("requestor-4-access-delivered");
  }

  @Test
  void aManagerReviewsHisTeamsAccessWithTheRecommendationAndTheOwnerSeesTheProgress() {
    Api.GrantingPackage granting =
        api.packageGrantingMembership("olivia", "olivia", catalog, FALCON, new JsonObject());
    JsonObject policy =
        new JsonObject()
            .put("displayName", "Engineers add themselves, reviewed")
            .put("accessPackage", new JsonObject().put("id", granting.pkg()))
            .put("allowedTargetScope", "specificDirectoryUsers")
            .put(
                "specificAllowedTargets",
                new io.vertx.core.json.JsonArray()
                    .add(
                        new JsonObject()
                            .put("@odata.type", "#microsoft.graph.groupMembers")
                            .put("groupId", RunningSteward.ENGINEERING)))
            .put("requestorSettings", new JsonObject().put("enableTargetsToSelfAddAccess", true));
    Api.Response made = api.post("olivia", EM + "/assignmentPolicies", policy);
    assertEquals(201, made.status(), made.text());
    Api.Response requested =
        api.post(
            "eve",
            EM + "/assignmentRequests",
            new JsonObject()
                .put("requestType", "userAdd")
                .put(
                    "assignment",
                    new JsonObject()
                        .put("accessPackageId", granting.pkg())
                        .put("assignmentPolicyId", made.json().getString("id"))));
    assertEquals(201, requested.status(), requested.text());
    policy.put(
        "reviewSettings",
        new JsonObject()
            .put("isEnabled", true)
            .put("isRecommendationEnabled", true)
            .put("isReviewerJustificationRequired", true)
            .put(
                "primaryReviewers",
                new io.vertx.core.json.JsonArray()
                    .add(
                        new JsonObject()
                            .put("@odata.type", "#microsoft.graph.requestorManager")
                            .put("managerLevel", 1)))
            .put(
                "schedule",
                new JsonObject().put("startDateTime", java.time.Instant.now().toString())));
    Api.Response reviewed =
        api.send(
            "PUT",
            EM + "/assignmentPolicies/" + made.json().getString("id"),
            Api.basic("olivia"),
            policy.encode());
    assertEquals(200, reviewed.status(), reviewed.text());

    browser = Browser.open(api.base(), 1280, 900);
    // The scheduler (every second here) starts the review.
    browser.waitUntil(
        d ->
            api.get(
                    "paul",
                    "/v1.0/identityGovernance/accessReviews/definitions/filterByCurrentUser(on='reviewer')")
                .text()
                .contains(granting.pkg()));
    browser.signIn("paul", "paul-demo-pw");
    browser.clickLink("Access reviews");
    browser.heading("Access reviews");
    browser.find(By.xpath("//main//td[normalize-space(.)='Eve Engineer']"));
    browser.sees("Approve \u2014 The user is active and still in scope");
    browser.screenshot("reviewer-1-to-review");
    browser.clickButton("Deny");
    browser.sees("This review requires a justification");
    browser.type(
        By.xpath("//main//input[@aria-label='Justification for Eve Engineer']"),
        "Left the Falcon project");
    browser.clickButton("Deny");
    browser.sees("Denied Eve Engineer.");
    browser.sees("Deny: Left the Falcon project");
    browser.screenshot("reviewer-2-denied");
    browser.close();

    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("olivia", "olivia-demo-pw");
    browser.clickLink("Access reviews");
    browser.heading("Access reviews");
    browser.sees("Progress of the reviews you govern");
    browser.find(
        By.xpath(
            "//main//tr[td[normalize-space(.)='InProgress'] and td[5][normalize-space(.)='1']]"));
    browser.screenshot("owner-reviews-progress");
  }

  @Test
  void keyboardAloneAtANarrowWidthAddsAManager() {
    browser = Browser.open(api.base(), 400, 860);
    browser.go("/portal/");
    browser.find(By.id("username")).sendKeys("olivia");
    browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    browser.driver().switchTo().activeElement().sendKeys("olivia-demo-pw", Keys.ENTER);
    browser.waitFor(By.id("sign-out"), WebElement::isDisplayed);
    browser.go("/portal/#/catalogs/" + catalog + "/roles");
    browser.heading("Roles and administrators");

    // Nothing is wider than the window: no sideways scrolling at 400 pixels.
    Object overflow =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
            .executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertEquals(0L, overflow);
    browser.screenshot("narrow-1-roles");

    // Tab to the button, Enter; type; Tab to the first result, Space; Tab to Select, Enter.
    tabTo(e -> "Add access package managers".equals(e.getText()));
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.find(By.id("picker-search"));
    browser.driver().switchTo().activeElement().sendKeys("Priya");
    browser.waitFor(
        By.xpath("//ul[@id='picker-results']//label[contains(., 'Priya Projectlead')]"),
        WebElement::isDisplayed);
    browser.waitUntil(
        d -> d.findElements(By.cssSelector("#picker-results input[type=checkbox]")).size() == 1);
    tabTo(
        e ->
            "checkbox".equals(e.getAttribute("type"))
                && e.findElement(By.xpath("..")).getText().contains("Priya Projectlead"));
    browser.driver().switchTo().activeElement().sendKeys(Keys.SPACE);
    browser.waitUntil(d -> d.findElement(By.id("picker-count")).getText().equals("1 selected"));
    browser.screenshot("narrow-2-picker");
    tabTo(e -> "Select".equals(e.getText()));
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.sees("Added 1 member as access package manager.");
    browser.screenshot("narrow-3-added");
    assertEquals(List.of(PRIYA), holderIds(APM_ROLE));
  }

  @Test
  void namesAreShownAsTextNeverRunAsMarkup() {
    String hostile = "<img src=x onerror=\"document.title='pwned'\"> Falcon";
    String id = api.createCatalog("olivia", hostile);
    browser = Browser.open(api.base(), 1280, 900);
    browser.signIn("olivia", "olivia-demo-pw");
    browser.go("/portal/#/catalogs");
    browser.heading("Catalogs");
    WebElement link = browser.find(By.cssSelector("main a[href='#/catalogs/" + id + "']"));
    assertEquals(hostile, link.getText());
    assertTrue(browser.all(By.cssSelector("main img")).isEmpty());
    assertFalse(browser.driver().getTitle().contains("pwned"));
  }

  /** Presses Tab until the focused element passes {@code test}; fails after 40 presses. */
  private void tabTo(java.util.function.Predicate<WebElement> test) {
    for (int i = 0; i < 40; i++) {
      try {
        WebElement focused = browser.driver().switchTo().activeElement();
        if (test.test(focused)) {
          return;
        }
        focused.sendKeys(Keys.TAB);
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        // The search results were redrawn under the focus: look again.
      }
    }
    throw new AssertionError("Tab never reached the element");
  }
}
