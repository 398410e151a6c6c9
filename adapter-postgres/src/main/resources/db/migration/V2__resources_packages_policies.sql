-- What access package managers build: catalog resources, the resource roles access packages
-- grant, incompatibilities between packages and groups, and assignment policies.

CREATE TABLE catalog_resource (
  id            uuid PRIMARY KEY,
  catalog_id    uuid NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
  origin_id     uuid NOT NULL,
  origin_system text NOT NULL DEFAULT 'AadGroup' CHECK (origin_system = 'AadGroup'),
  display_name  text NOT NULL,
  description   text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  CONSTRAINT catalog_resource_once UNIQUE (catalog_id, origin_id)
);

CREATE TABLE resource_role_scope (
  id                uuid PRIMARY KEY,
  access_package_id uuid NOT NULL REFERENCES access_package (id) ON DELETE CASCADE,
  -- A resource used by a package cannot leave its catalog: RESTRICT backs the rule.
  resource_id       uuid NOT NULL REFERENCES catalog_resource (id) ON DELETE RESTRICT,
  group_id          uuid NOT NULL,
  role_name         text NOT NULL CHECK (role_name IN ('Member', 'Owner')),
  created_at        timestamptz NOT NULL,
  CONSTRAINT resource_role_scope_once UNIQUE (access_package_id, resource_id, role_name)
);
CREATE INDEX resource_role_scope_resource ON resource_role_scope (resource_id);

CREATE TABLE incompatible_access_package (
  access_package_id uuid NOT NULL REFERENCES access_package (id) ON DELETE CASCADE,
  incompatible_id   uuid NOT NULL REFERENCES access_package (id) ON DELETE CASCADE,
  PRIMARY KEY (access_package_id, incompatible_id),
  CHECK (access_package_id <> incompatible_id)
);

CREATE TABLE incompatible_group (
  access_package_id uuid NOT NULL REFERENCES access_package (id) ON DELETE CASCADE,
  group_id          uuid NOT NULL,
  PRIMARY KEY (access_package_id, group_id)
);

-- The nested settings (targets, approval stages, expiration, reviews) are one JSONB document in
-- Graph's shape: the domain reads and writes it whole and validates it on the way in.
CREATE TABLE assignment_policy (
  id                uuid PRIMARY KEY,
  access_package_id uuid NOT NULL REFERENCES access_package (id) ON DELETE CASCADE,
  catalog_id        uuid NOT NULL REFERENCES catalog (id),
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
  description       text NOT NULL DEFAULT '',
  settings          jsonb NOT NULL,
  created_at        timestamptz NOT NULL,
  modified_at       timestamptz NOT NULL
);
CREATE INDEX assignment_policy_package ON assignment_policy (access_package_id);
CREATE INDEX assignment_policy_catalog ON assignment_policy (catalog_id, id);

-- Assignments arrive with requests and delivery; the table exists now so that
-- "a package with assignments cannot be deleted" is enforced by a foreign key as well.
CREATE TABLE access_package_assignment (
  id                uuid PRIMARY KEY,
  access_package_id uuid NOT NULL REFERENCES access_package (id) ON DELETE RESTRICT,
  target_id         uuid NOT NULL,
  state             text NOT NULL,
  created_at        timestamptz NOT NULL
);
CREATE INDEX access_package_assignment_package ON access_package_assignment (access_package_id, state);

CREATE INDEX access_package_catalog_id ON access_package (catalog_id, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON catalog_resource, resource_role_scope,
  incompatible_access_package, incompatible_group, assignment_policy, access_package_assignment
  TO ${appRole};
