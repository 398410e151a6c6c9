package dev.steward.adapter.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Every statement the adapter runs, by name; values only ever travel as parameters. */
final class Sql {
  private Sql() {}

  static final String CATALOG_COLUMNS =
      "id, display_name, description, state, is_externally_visible, created_at, modified_at";

  static final String INSERT_CATALOG =
      "INSERT INTO catalog (" + CATALOG_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String FIND_CATALOG = "SELECT " + CATALOG_COLUMNS + " FROM catalog WHERE id = $1";
  static final String FIND_CATALOG_FOR_UPDATE = FIND_CATALOG + " FOR UPDATE";
  static final String UPDATE_CATALOG =
      "UPDATE catalog SET display_name = $2, description = $3, state = $4,"
          + " is_externally_visible = $5, created_at = $6, modified_at = $7 WHERE id = $1";
  static final String DELETE_CATALOG = "DELETE FROM catalog WHERE id = $1";
  static final String LIST_CATALOGS =
      "SELECT "
          + CATALOG_COLUMNS
          + " FROM catalog WHERE ($1::uuid[] IS NULL OR id = ANY($1))"
          + " AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3";

  static final String ASSIGNMENT_COLUMNS =
      "id, principal_id, principal_type, role_definition_id, app_scope_id, created_at";
  static final String INSERT_ASSIGNMENT =
      "INSERT INTO role_assignment (id, principal_id, principal_type, role_definition_id,"
          + " app_scope_id, catalog_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String FIND_ASSIGNMENT =
      "SELECT " + ASSIGNMENT_COLUMNS + " FROM role_assignment WHERE id = $1";
  static final String DELETE_ASSIGNMENT = "DELETE FROM role_assignment WHERE id = $1";
  static final String QUERY_ASSIGNMENTS =
      "SELECT "
          + ASSIGNMENT_COLUMNS
          + " FROM role_assignment"
          + " WHERE ($1::uuid[] IS NULL OR principal_id = ANY($1))"
          + " AND ($2::uuid[] IS NULL OR role_definition_id = ANY($2))"
          + " AND ($3::text[] IS NULL OR app_scope_id = ANY($3))"
          + " AND ($4::uuid IS NULL OR id > $4)"
          + " ORDER BY id LIMIT $5";
  static final String ASSIGNMENTS_HELD_BY =
      "SELECT " + ASSIGNMENT_COLUMNS + " FROM role_assignment WHERE principal_id = ANY($1)";
  static final String ASSIGNMENTS_IN_SCOPE =
      "SELECT " + ASSIGNMENT_COLUMNS + " FROM role_assignment WHERE app_scope_id = $1 ORDER BY id";
  static final String COUNT_OWNERS =
      "SELECT count(*) FROM role_assignment WHERE catalog_id = $1 AND role_definition_id = $2";

  static final String COUNT_PACKAGES_IN_CATALOG =
      "SELECT count(*) FROM access_package WHERE catalog_id = $1";

  static final String INSERT_AUDIT =
      "INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, before, after,"
          + " request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  static final String AUDIT_FOR_TARGET =
      "SELECT id, at, actor_id, action, target_type, target_id, before, after, request_id"
          + " FROM audit_record WHERE target_id = $1 ORDER BY seq DESC LIMIT $2";

  static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
