package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's chain verified over HTTP: intact after Steward's own changes, broken at the
 * right record after a change behind its back, and verified only by those who may read it all.
 */
class AuditChainEndToEndTest {
  private static final String CHAIN = "/v1.0/auditLogs/chainVerification";
  private RunningSteward s;

  @BeforeEach
  void start() {
    s = RunningSteward.start();
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private JsonObject verified(String login) {
    Api.Response r = s.api.get(login, CHAIN);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  private String newestRecord() {
    return s.api
        .get("ada", "/v1.0/auditLogs/directoryAudits?$top=1")
        .json()
        .getJsonArray("value")
        .getJsonObject(0)
        .getString("id");
  }

  @Test
  void stewardsOwnChangesVerifyAndTheHeadIsTheNewestRecord() {
    String catalog = s.api.createCatalog("ada", "Sealed");
    s.api.assigned("ada", RunningSteward.OLIVIA, RunningSteward.OWNER_ROLE, catalog);
    JsonObject v = verified("ada");
    assertTrue(v.getBoolean("intact"), v.encodePrettily());
    long sealed = v.getLong("sealedRecords");
    assertTrue(sealed >= 3, "catalog, its first owner and Olivia: " + sealed);
    assertEquals(s.count("SELECT count(*) FROM audit_record"), sealed + v.getLong("legacyRecords"));
    assertEquals(newestRecord(), v.getJsonObject("head").getString("recordId"));
    assertEquals(sealed, v.getJsonObject("head").getLong("position"));
    assertTrue(v.getValue("firstBreak") == null);
  }

  @Test
  void onlyThoseWhoMayReadEveryRecordVerify() {
    String catalog = s.api.createCatalog("ada", "Owned by Olivia");
    s.api.assigned("ada", RunningSteward.OLIVIA, RunningSteward.OWNER_ROLE, catalog);
    // Olivia reads her catalog's records, not the whole trail; Eve reads nothing.
    assertEquals(403, s.api.get("olivia", CHAIN).status());
    assertEquals(403, s.api.get("eve", CHAIN).status());
    assertEquals(400, s.api.get("ada", CHAIN + "?$top=1").status(), "no query options");
  }

  @Test
  void aRecordChangedInTheDatabaseIsReportedWithItsPosition() throws Exception {
    String catalog = s.api.createCatalog("ada", "To be tampered with");
    s.api.assigned("ada", RunningSteward.OLIVIA, RunningSteward.OWNER_ROLE, catalog);
    String victim = newestRecord();
    try (var c =
            DriverManager.getConnection(
                s.postgres.jdbcUrl(), s.postgres.migrationUser(), s.postgres.migrationPassword());
        var st = c.createStatement()) {
      st.execute(
          "ALTER TABLE audit_record DISABLE TRIGGER USER;"
              + " UPDATE audit_record SET actor_login = 'someone-else' WHERE id = '"
              + victim
              + "'; ALTER TABLE audit_record ENABLE TRIGGER USER");
    }
    JsonObject v = verified("ada");
    assertFalse(v.getBoolean("intact"));
    assertEquals(victim, v.getJsonObject("firstBreak").getString("recordId"));
    assertEquals(v.getLong("sealedRecords") + 1, v.getJsonObject("firstBreak").getLong("position"));
  }
}
