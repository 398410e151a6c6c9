-- Steward's first schema: catalogs, the role assignments held in them, and the audit trail.
-- Constraints back the domain rules so that no code path can break them.

CREATE TABLE role_definition (
  id           uuid PRIMARY KEY,
  display_name text NOT NULL,
  scope_kind   text NOT NULL CHECK (scope_kind IN ('tenant', 'catalog'))
);

INSERT INTO role_definition (id, display_name, scope_kind) VALUES
  ('ba92d953-d8e0-4e39-a797-0cbedb0a89e8', 'Catalog creator', 'tenant'),
  ('ae79f266-94d4-4dab-b730-feca7e132178', 'Catalog owner', 'catalog'),
  ('44272f93-9762-48e8-af59-1b5351b1d6b3', 'Catalog reader', 'catalog'),
  ('7f480852-ebdc-47d4-87de-0d8498384a83', 'Access package manager', 'catalog'),
  ('e2182095-804a-4656-ae11-64734e9b7ae5', 'Access package assignment manager', 'catalog');

CREATE TABLE catalog (
  id                    uuid PRIMARY KEY,
  display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
  description           text NOT NULL DEFAULT '' CHECK (length(description) <= 1024),
  state                 text NOT NULL CHECK (state IN ('published', 'unpublished')),
  is_externally_visible boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL,
  modified_at           timestamptz NOT NULL
);

-- Access packages arrive with their own use cases; the table exists now so that the rule
-- "a catalog with access packages cannot be deleted" is backed by a foreign key.
CREATE TABLE access_package (
  id           uuid PRIMARY KEY,
  catalog_id   uuid NOT NULL REFERENCES catalog (id) ON DELETE RESTRICT,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
  description  text NOT NULL DEFAULT '',
  is_hidden    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  modified_at  timestamptz NOT NULL
);
CREATE INDEX access_package_catalog ON access_package (catalog_id);

CREATE TABLE role_assignment (
  id                 uuid PRIMARY KEY,
  principal_id       uuid NOT NULL,
  principal_type     text NOT NULL CHECK (principal_type IN ('user', 'group')),
  role_definition_id uuid NOT NULL REFERENCES role_definition (id),
  app_scope_id       text NOT NULL,
  catalog_id         uuid REFERENCES catalog (id) ON DELETE CASCADE,
  created_at         timestamptz NOT NULL,
  CONSTRAINT role_assignment_once UNIQUE (principal_id, role_definition_id, app_scope_id),
  CONSTRAINT role_assignment_scope CHECK (
    (catalog_id IS NULL AND app_scope_id = '/')
    OR (catalog_id IS NOT NULL AND app_scope_id = '/AccessPackageCatalog/' || catalog_id::text))
);
CREATE INDEX role_assignment_catalog_role ON role_assignment (catalog_id, role_definition_id);
CREATE INDEX role_assignment_scope_id ON role_assignment (app_scope_id, id);

CREATE TABLE audit_record (
  seq         bigserial PRIMARY KEY,
  id          uuid NOT NULL UNIQUE,
  at          timestamptz NOT NULL,
  actor_id    text NOT NULL,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text NOT NULL,
  before      jsonb,
  after       jsonb,
  request_id  text NOT NULL
);
CREATE INDEX audit_record_target ON audit_record (target_id, seq DESC);

-- The audit trail is append-only for everyone, the table's owner included: the application's
-- role is also granted no UPDATE or DELETE on it (below).
CREATE FUNCTION audit_record_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record
  FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only();

-- The role the running application uses (a login role is made a member of it).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
    CREATE ROLE ${appRole} NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT ON role_definition TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON catalog, access_package, role_assignment TO ${appRole};
GRANT SELECT, INSERT ON audit_record TO ${appRole};
GRANT USAGE ON SEQUENCE audit_record_seq_seq TO ${appRole};
