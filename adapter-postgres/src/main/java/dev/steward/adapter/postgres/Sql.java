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

  static final String ASSIGNMENT_COLUMNS =
      "id, principal_id, principal_type, role_definition_id, app_scope_id, created_at";
  static final String INSERT_ASSIGNMENT =
      "INSERT INTO role_assignment (id, principal_id, principal_type, role_definition_id,"
          + " app_scope_id, catalog_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String FIND_ASSIGNMENT =
      "SELECT " + ASSIGNMENT_COLUMNS + " FROM role_assignment WHERE id = $1";
  static final String DELETE_ASSIGNMENT = "DELETE FROM role_assignment WHERE id = $1";
  static final String ASSIGNMENTS_HELD_BY =
      "SELECT " + ASSIGNMENT_COLUMNS + " FROM role_assignment WHERE principal_id = ANY($1)";
  static final String ASSIGNMENTS_IN_SCOPE =
      "SELECT " + ASSIGNMENT_COLUMNS + " FROM role_assignment WHERE app_scope_id = $1 ORDER BY id";
  static final String COUNT_OWNERS =
      "SELECT count(*) FROM role_assignment WHERE catalog_id = $1 AND role_definition_id = $2";

  static final String COUNT_PACKAGES_IN_CATALOG =
      "SELECT count(*) FROM access_package WHERE catalog_id = $1";

  static final String PACKAGE_COLUMNS =
      "id, catalog_id, display_name, description, is_hidden, created_at, modified_at";
  static final String INSERT_PACKAGE =
      "INSERT INTO access_package (" + PACKAGE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String FIND_PACKAGE =
      "SELECT " + PACKAGE_COLUMNS + " FROM access_package WHERE id = $1";
  // A package's turn (decision 0035): requests take the package's advisory lock shared, changes
  // exclusive, and each then its row lock. Row locks alone let new FOR SHARE lockers pass a FOR
  // UPDATE that is waiting, so a steady stream of requests could hold a change off for ever; the
  // advisory lock queues them in order (a request that comes after a waiting change waits for it).
  // The CTE runs before the row is locked: LockRows sits above the join that needs its row.
  private static final String PACKAGE_TURN =
      "WITH turn AS (SELECT %s(1400138086, hashtext($1::uuid::text))) SELECT "
          + PACKAGE_COLUMNS
          + " FROM access_package, turn WHERE id = $1::uuid %s OF access_package";
  static final String FIND_PACKAGE_FOR_UPDATE =
      PACKAGE_TURN.formatted("pg_advisory_xact_lock", "FOR UPDATE");
  static final String FIND_PACKAGE_FOR_SHARE =
      PACKAGE_TURN.formatted("pg_advisory_xact_lock_shared", "FOR SHARE");
  static final String FIND_PACKAGES =
      "SELECT " + PACKAGE_COLUMNS + " FROM access_package WHERE id = ANY($1)";
  static final String UPDATE_PACKAGE =
      "UPDATE access_package SET catalog_id = $2, display_name = $3, description = $4,"
          + " is_hidden = $5, created_at = $6, modified_at = $7 WHERE id = $1";
  static final String DELETE_PACKAGE = "DELETE FROM access_package WHERE id = $1";
  static final String COUNT_ASSIGNMENTS =
      "SELECT count(*) FROM access_package_assignment WHERE access_package_id = $1"
          + " AND state <> 'expired'";

  static final String SCOPE_COLUMNS =
      "id, access_package_id, resource_id, group_id, role_name, created_at";
  static final String INSERT_SCOPE =
      "INSERT INTO resource_role_scope (" + SCOPE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)";
  static final String FIND_SCOPE =
      "SELECT " + SCOPE_COLUMNS + " FROM resource_role_scope WHERE id = $1";
  static final String SCOPES_OF_PACKAGE =
      "SELECT "
          + SCOPE_COLUMNS
          + " FROM resource_role_scope WHERE access_package_id = $1 ORDER BY id";
  static final String DELETE_SCOPE = "DELETE FROM resource_role_scope WHERE id = $1";
  static final String COUNT_SCOPES_USING =
      "SELECT count(*) FROM resource_role_scope WHERE resource_id = $1";

  static final String ADD_INCOMPATIBLE_PACKAGE =
      "INSERT INTO incompatible_access_package (access_package_id, incompatible_id) VALUES ($1, $2)";
  static final String REMOVE_INCOMPATIBLE_PACKAGE =
      "DELETE FROM incompatible_access_package WHERE access_package_id = $1 AND incompatible_id = $2";
  static final String INCOMPATIBLE_PACKAGES =
      "SELECT p.id, p.catalog_id, p.display_name, p.description, p.is_hidden, p.created_at,"
          + " p.modified_at FROM incompatible_access_package i JOIN access_package p"
          + " ON p.id = i.incompatible_id WHERE i.access_package_id = $1 ORDER BY p.id";
  static final String ADD_INCOMPATIBLE_GROUP =
      "INSERT INTO incompatible_group (access_package_id, group_id) VALUES ($1, $2)";
  static final String REMOVE_INCOMPATIBLE_GROUP =
      "DELETE FROM incompatible_group WHERE access_package_id = $1 AND group_id = $2";
  static final String INCOMPATIBLE_GROUPS =
      "SELECT group_id FROM incompatible_group WHERE access_package_id = $1 ORDER BY group_id";

  static final String RESOURCE_COLUMNS =
      "id, catalog_id, origin_id, display_name, description, created_at";
  static final String INSERT_RESOURCE =
      "INSERT INTO catalog_resource (" + RESOURCE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)";
  static final String FIND_RESOURCE =
      "SELECT " + RESOURCE_COLUMNS + " FROM catalog_resource WHERE id = $1";
  static final String FIND_RESOURCE_BY_ORIGIN =
      "SELECT "
          + RESOURCE_COLUMNS
          + " FROM catalog_resource WHERE catalog_id = $1 AND origin_id = $2";
  static final String RESOURCES_IN_CATALOG =
      "SELECT "
          + RESOURCE_COLUMNS
          + " FROM catalog_resource WHERE catalog_id = $1 ORDER BY display_name, id";
  static final String DELETE_RESOURCE = "DELETE FROM catalog_resource WHERE id = $1";

  static final String POLICY_COLUMNS =
      "id, access_package_id, catalog_id, display_name, description, settings, created_at, modified_at";
  static final String INSERT_POLICY =
      "INSERT INTO assignment_policy ("
          + POLICY_COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

  /**
   * The user ({@code ?} 1, text) may ask for access through the policy themselves, by name, through
   * one of their groups ({@code ?} 2, text[]) or as anyone: read from {@code
   * assignment_policy_requestor}, which a trigger keeps from the settings document by the rule of
   * {@code PolicyEvaluation.inScope} with self-add on (V15, decision 0024).
   */
  static final String POLICY_REQUESTABLE_BY =
      "id IN (SELECT policy_id FROM assignment_policy_requestor WHERE kind = 'all' AND subject = ''"
          + " UNION ALL SELECT policy_id FROM assignment_policy_requestor"
          + " WHERE kind = 'user' AND subject = ?::text"
          + " UNION ALL SELECT policy_id FROM assignment_policy_requestor"
          + " WHERE kind = 'group' AND subject = ANY(?::text[]))";

  /**
   * The package has a policy the user ({@code ?} 1) may ask for access through themselves, by the
   * same rule, read from the package ids kept beside the requestor rows (V16, decision 0028): one
   * index, no policy visited.
   */
  static final String PACKAGE_REQUESTABLE_BY =
      "id IN (SELECT access_package_id FROM assignment_policy_requestor"
          + " WHERE kind = 'all' AND subject = ''"
          + " UNION ALL SELECT access_package_id FROM assignment_policy_requestor"
          + " WHERE kind = 'user' AND subject = ?::text"
          + " UNION ALL SELECT access_package_id FROM assignment_policy_requestor"
          + " WHERE kind = 'group' AND subject = ANY(?::text[]))";

  /**
   * The columns a policy is read from: the settings as their text, which {@code PgPolicies} reads
   * once per distinct document.
   */
  static final String POLICY_READ_COLUMNS =
      "id, access_package_id, catalog_id, display_name, description, settings::text AS settings,"
          + " created_at, modified_at";

  static final String FIND_POLICY =
      "SELECT " + POLICY_READ_COLUMNS + " FROM assignment_policy WHERE id = $1";
  static final String UPDATE_POLICY =
      "UPDATE assignment_policy SET access_package_id = $2, catalog_id = $3, display_name = $4,"
          + " description = $5, settings = $6, created_at = $7, modified_at = $8 WHERE id = $1";
  static final String DELETE_POLICY = "DELETE FROM assignment_policy WHERE id = $1";

  static final String INSERT_AUDIT =
      "INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, before, after,"
          + " request_id, actor_login, ip_address, catalog_id)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
  static final String AUDIT_COLUMNS =
      "id, at, actor_id, action, target_type, target_id, before, after, request_id, actor_login,"
          + " ip_address, catalog_id";
  static final String AUDIT_FOR_TARGET =
      "SELECT "
          + AUDIT_COLUMNS
          + " FROM audit_record WHERE target_id = $1 ORDER BY seq DESC LIMIT $2";
  static final String AUDIT_BY_ID = "SELECT " + AUDIT_COLUMNS + " FROM audit_record WHERE id = $1";

  static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
