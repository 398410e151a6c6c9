package dev.steward.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The embedded Postgres lets nobody in without the password kept beside its data. */
class EmbeddedPostgresPasswordTest {
  @Test
  void aConnectionWithoutThePasswordIsRefusedAndTheGeneratedOneWorksAcrossRestarts()
      throws Exception {
    Path data = Files.createTempDirectory("steward-pg-auth").resolve("postgres");
    Path credentials = data.resolveSibling("postgres.credentials");
    String url;
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0)) {
      url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
      String jdbc = url;
      SQLException refused =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(jdbc, "postgres", "").close(),
              "a local superuser connection without a password");
      assertTrue(String.valueOf(refused.getMessage()).contains("password"), refused.getMessage());
      assertThrows(
          SQLException.class, () -> DriverManager.getConnection(jdbc, "postgres", "guess").close());
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
    }
    Properties p = new Properties();
    try (var in = Files.newInputStream(credentials)) {
      p.load(in);
    }
    try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data, 0)) {
      String jdbc = "jdbc:postgresql://127.0.0.1:" + again.port() + "/postgres";
      try (var c = DriverManager.getConnection(jdbc, "postgres", p.getProperty("superuser"))) {
        assertTrue(c.isValid(5));
      }
      assertThrows(
          SQLException.class, () -> DriverManager.getConnection(jdbc, "postgres", "").close());
    }
  }

  @Test
  void stewardsEmbeddedDatabaseSyncsWhatItCommitsToDisk() throws Exception {
    Path data = Files.createTempDirectory("steward-pg-durable").resolve("postgres");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0)) {
      Properties p = new Properties();
      try (var in = Files.newInputStream(data.resolveSibling("postgres.credentials"))) {
        p.load(in);
      }
      try (var c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres",
                  "postgres",
                  p.getProperty("superuser"));
          var st = c.createStatement()) {
        for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
          var rs = st.executeQuery("SHOW " + setting);
          rs.next();
          assertEquals("on", rs.getString(1), setting);
        }
      }
    }
  }
}
