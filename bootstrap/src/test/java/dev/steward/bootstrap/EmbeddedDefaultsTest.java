package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With nothing configured, Steward starts its own Postgres and demo LDAP directory; what it stores
 * survives a restart, and the demo's ids stay the same.
 */
class EmbeddedDefaultsTest {
  @Test
  void aCatalogMadeBeforeARestartIsThereAfterIt() throws Exception {
    Path data = RunningSteward.tempDir();
    Config config =
        new Config(
            Map.of(
                "STEWARD_DATA_DIR",
                data.toString(),
                "STEWARD_HTTP_PORT",
                "0",
                "STEWARD_MANAGEMENT_PORT",
                "0"));
    String catalog;
    try (Steward first = Steward.start(config)) {
      Api api = new Api("http://127.0.0.1:" + first.port());
      if ("Linux".equals(System.getProperty("os.name"))
          && "amd64".equals(System.getProperty("os.arch"))) {
        // The jar carries Netty's epoll library for this platform (decision 0032).
        org.junit.jupiter.api.Assertions.assertTrue(
            first.nativeTransport(), "Steward fell back to Java NIO on Linux x86_64");
      }
      assertEquals(RunningSteward.ADA, api.get("ada", "/v1.0/me").json().getString("id"));
      catalog = api.createCatalog("olivia", "Survives restarts");
      assertEquals(
          201,
          api.assign("olivia", RunningSteward.PAUL, RunningSteward.APM_ROLE, catalog).status());
    }
    // Ids in Postgres were read from entryUUID: another id attribute would orphan them.
    IllegalStateException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                Steward.start(
                        config.with(
                            Map.of(
                                "STEWARD_LDAP_ID_ATTRIBUTE",
                                "uid",
                                "STEWARD_EMBEDDED_PG_PORT",
                                "0")))
                    .close());
    org.junit.jupiter.api.Assertions.assertTrue(
        refused.getMessage().contains("changed from entryUUID/STRING to uid/STRING"),
        refused.getMessage());
    try (Steward second = Steward.start(config)) {
      Api api = new Api("http://127.0.0.1:" + second.port());
      assertEquals(
          "Survives restarts",
          api.get("olivia", Api.CATALOGS + "/" + catalog).json().getString("displayName"));
      var managers =
          api.listAssignments(
                  "olivia",
                  "roleDefinitionId eq '" + RunningSteward.APM_ROLE + "'",
                  "$expand=principal")
              .value();
      assertEquals(1, managers.size());
      assertEquals(
          "Paul Projectlead",
          managers.getJsonObject(0).getJsonObject("principal").getString("displayName"));
    }
  }
}
