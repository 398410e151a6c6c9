-- pgbench: the same SQL a delegation and its removal run in Steward, one transaction each, each
-- audit record sealed into the chain at the end as PgAuditChain does (decision 0021): the chain's
-- advisory lock, the head link, the new link; the hash is SHA-256 here, HMAC-SHA256 in Steward.
\set n random(0, 999999999999)
BEGIN;
SELECT id, display_name, description, state, is_externally_visible, created_at, modified_at FROM catalog WHERE id = ':catalog'::uuid FOR UPDATE;
SELECT id, principal_id, principal_type, role_definition_id, app_scope_id, created_at FROM role_assignment WHERE principal_id = ANY(ARRAY[':caller'::uuid]);
INSERT INTO role_assignment (id, principal_id, principal_type, role_definition_id, app_scope_id, catalog_id, created_at) VALUES (gen_random_uuid(), ('2b000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid, 'user', '7f480852-ebdc-47d4-87de-0d8498384a83', '/AccessPackageCatalog/' || ':catalog', ':catalog'::uuid, now()) RETURNING id AS assignment \gset
INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, before, after, request_id, actor_login, catalog_id) VALUES (gen_random_uuid(), now(), ':caller', 'roleAssignment.add', 'roleAssignment', ':assignment', NULL, '{"bench":true}', 'pgbench', 'bench-0', ':catalog'::uuid) RETURNING seq AS rseq \gset
SELECT pg_advisory_xact_lock(1400138084, 1);
SELECT coalesce(h.position, 0) AS head_pos, encode(coalesce(h.hash, decode(repeat('00', 32), 'hex')), 'hex') AS head_hash FROM (SELECT 1) one LEFT JOIN (SELECT position, hash FROM audit_seal ORDER BY position DESC LIMIT 1) h ON true \gset
INSERT INTO audit_seal (position, record_seq, prev_hash, hash) VALUES (:head_pos + 1, :rseq, decode(':head_hash', 'hex'), sha256(decode(':head_hash', 'hex') || convert_to(':rseq', 'UTF8')));
COMMIT;
BEGIN;
SELECT id, principal_id, principal_type, role_definition_id, app_scope_id, created_at FROM role_assignment WHERE id = ':assignment'::uuid;
SELECT id FROM catalog WHERE id = ':catalog'::uuid FOR UPDATE;
SELECT id, principal_id, principal_type, role_definition_id, app_scope_id, created_at FROM role_assignment WHERE principal_id = ANY(ARRAY[':caller'::uuid]);
DELETE FROM role_assignment WHERE id = ':assignment'::uuid;
INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, before, after, request_id, actor_login, catalog_id) VALUES (gen_random_uuid(), now(), ':caller', 'roleAssignment.remove', 'roleAssignment', ':assignment', '{"bench":true}', NULL, 'pgbench', 'bench-0', ':catalog'::uuid) RETURNING seq AS rseq \gset
SELECT pg_advisory_xact_lock(1400138084, 1);
SELECT coalesce(h.position, 0) AS head_pos, encode(coalesce(h.hash, decode(repeat('00', 32), 'hex')), 'hex') AS head_hash FROM (SELECT 1) one LEFT JOIN (SELECT position, hash FROM audit_seal ORDER BY position DESC LIMIT 1) h ON true \gset
INSERT INTO audit_seal (position, record_seq, prev_hash, hash) VALUES (:head_pos + 1, :rseq, decode(':head_hash', 'hex'), sha256(decode(':head_hash', 'hex') || convert_to(':rseq', 'UTF8')));
COMMIT;
