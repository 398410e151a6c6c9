package dev.steward.adapter.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Remembers which directory attribute principal ids are read from, and refuses to start when it
 * changed while Postgres holds ids read from the old one (they would name nobody).
 */
public final class DirectoryIdentity {
  /** Tables whose rows name users or groups by their directory id. */
  private static final String HOLDS_IDS =
      "SELECT EXISTS (SELECT 1 FROM role_assignment) OR EXISTS (SELECT 1 FROM catalog_resource)"
          + " OR EXISTS (SELECT 1 FROM assignment_request)"
          + " OR EXISTS (SELECT 1 FROM access_package_assignment)"
          + " OR EXISTS (SELECT 1 FROM incompatible_group)";

  private DirectoryIdentity() {}

  /**
   * Records {@code source} (say {@code objectGUID/BINARY_GUID}) the first time, and again when
   * nothing holds ids yet; throws naming both when it differs from what existing rows were read
   * with.
   */
  public static void check(PostgresSettings settings, String source) throws SQLException {
    try (Connection c =
        DriverManager.getConnection(
            settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword())) {
      c.setAutoCommit(false);
      String recorded = null;
      try (PreparedStatement st =
              c.prepareStatement("SELECT id_source FROM directory_identity FOR UPDATE");
          ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          recorded = rs.getString(1);
        }
      }
      if (source.equalsIgnoreCase(recorded == null ? "" : recorded)) {
        c.commit();
        return;
      }
      if (recorded != null) {
        try (PreparedStatement st = c.prepareStatement(HOLDS_IDS);
            ResultSet rs = st.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            c.rollback();
            throw new IllegalStateException(
                "the directory id attribute changed from "
                    + recorded
                    + " to "
                    + source
                    + ", but Postgres holds ids read from "
                    + recorded
                    + ": they would name nobody. Set STEWARD_LDAP_ID_ATTRIBUTE and"
                    + " STEWARD_LDAP_ID_FORMAT (or STEWARD_LDAP_DIRECTORY_TYPE) back,"
                    + " or start with an empty database");
          }
        }
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "INSERT INTO directory_identity (only_row, id_source) VALUES (true, ?)"
                  + " ON CONFLICT (only_row) DO UPDATE SET id_source = EXCLUDED.id_source")) {
        st.setString(1, source);
        st.executeUpdate();
      }
      c.commit();
    }
  }
}
