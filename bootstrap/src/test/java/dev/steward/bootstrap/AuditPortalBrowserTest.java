package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The portal's audit log in Chromium: an owner sees the records of the catalog and no other,
 * filters them by target, and downloads what is shown as CSV with formulas defused.
 */
class AuditPortalBrowserTest {
  private static RunningSteward s;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
  }

  @Test
  void anOwnerReadsTheCatalogsAuditLogFiltersItAndDownloadsWhatIsShown() {
    Api api = s.api;
    String name = "=HYPERLINK(\"x\") " + UUID.randomUUID().toString().substring(0, 8);
    String catalog = api.createCatalog("olivia", name);
    api.patch("olivia", Api.CATALOGS + "/" + catalog, new JsonObject().put("description", "x"));
    api.createCatalog("oscar", "Not Olivia's");
    try (Browser browser = Browser.open(api.base(), 1280, 900)) {
      browser.signIn("olivia", "olivia-demo-pw");
      browser.go("/portal/#/catalogs/" + catalog + "/audit");
      browser.heading("Audit log of " + name);
      browser.sees("Update access package catalog");
      browser.sees("Add member to role scoped over access package catalog");
      assertFalse(browser.mainText().contains("Not Olivia's"));
      browser.screenshot("audit-1-catalog");

      browser.type(By.id("audit-target"), catalog);
      browser.click(By.id("audit-search"));
      browser.waitUntil(
          d ->
              !browser
                  .mainText()
                  .contains("Add member to role scoped over access package catalog"));
      assertTrue(browser.mainText().contains("Create access package catalog"));

      // Catch the CSV the page hands to the browser instead of saving a file.
      browser.async(
          "const done = arguments[arguments.length - 1];"
              + "URL.createObjectURL = (b) => { b.text().then((t) => { window.csv = t; }); return 'blob:x'; };"
              + "done(true);");
      browser.click(By.id("audit-csv"));
      String csv =
          (String) browser.waitUntil(d -> browser.async("arguments[0](window.csv || null);"));
      String[] lines = csv.strip().split("\\R");
      assertEquals(3, lines.length, csv);
      assertTrue(lines[0].startsWith("\"When\",\"Activity\""), lines[0]);
      assertTrue(
          csv.contains("\"'=HYPERLINK(\"\"x\"\") "), "formula defused, quotes doubled: " + csv);
      assertTrue(csv.contains("\"olivia\""), csv);
    }
  }
}
