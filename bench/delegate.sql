-- pgbench: the same SQL a delegation and its removal run in Steward, one transaction each.
\set n random(0, 999999999999)
BEGIN;
SELECT id, display_name, description, state, is_externally_visible, created_at, modified_at FROM catalog WHERE id = ':catalog'::uuid FOR UPDATE;
SELECT id, principal_id, principal_type, role_definition_id, app_scope_id, created_at FROM role_assignment WHERE principal_id = ANY(ARRAY[':caller'::uuid]);
INSERT INTO role_assignment (id, principal_id, principal_type, role_definition_id, app_scope_id, catalog_id, created_at) VALUES (gen_random_uuid(), ('2b000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid, 'user', '7f480852-ebdc-47d4-87de-0d8498384a83', '/AccessPackageCatalog/' || ':catalog', ':catalog'::uuid, now()) RETURNING id AS assignment \gset
INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, before, after, request_id) VALUES (gen_random_uuid(), now(), ':caller', 'roleAssignment.add', 'roleAssignment', ':assignment', NULL, '{"bench":true}', 'pgbench');
COMMIT;
BEGIN;
SELECT id, principal_id, principal_type, role_definition_id, app_scope_id, created_at FROM role_assignment WHERE id = ':assignment'::uuid;
SELECT id FROM catalog WHERE id = ':catalog'::uuid FOR UPDATE;
SELECT id, principal_id, principal_type, role_definition_id, app_scope_id, created_at FROM role_assignment WHERE principal_id = ANY(ARRAY[':caller'::uuid]);
DELETE FROM role_assignment WHERE id = ':assignment'::uuid;
INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, before, after, request_id) VALUES (gen_random_uuid(), now(), ':caller', 'roleAssignment.remove', 'roleAssignment', ':assignment', '{"bench":true}', NULL, 'pgbench');
COMMIT;
