-- Benchmark data straight into Steward's tables: :catalogs catalogs, :per role assignments in
-- each, spread over users 1 .. :users - 1; user 0 owns catalog 0, the one the benchmark reads, and
-- holds no other role, so it reads the same data at every size.
INSERT INTO catalog (id, display_name, description, state, is_externally_visible, created_at, modified_at)
SELECT ('3c000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'Bench catalog ' || n, '', 'published', false, now(), now()
FROM generate_series(0, :catalogs - 1) n;

INSERT INTO role_assignment (id, principal_id, principal_type, role_definition_id, app_scope_id, catalog_id, created_at)
SELECT gen_random_uuid(),
       ('2b000000-0000-4000-8000-' || lpad((1 + (c::bigint * 7919 + k * 104729) % (:users - 1))::text, 12, '0'))::uuid,
       'user',
       (ARRAY['ae79f266-94d4-4dab-b730-feca7e132178', '44272f93-9762-48e8-af59-1b5351b1d6b3',
              '7f480852-ebdc-47d4-87de-0d8498384a83', 'e2182095-804a-4656-ae11-64734e9b7ae5']::uuid[])[1 + k % 4],
       '/AccessPackageCatalog/3c000000-0000-4000-8000-' || lpad(c::text, 12, '0'),
       ('3c000000-0000-4000-8000-' || lpad(c::text, 12, '0'))::uuid,
       now()
FROM generate_series(0, :catalogs - 1) c, generate_series(0, :per - 1) k
ON CONFLICT DO NOTHING;

INSERT INTO role_assignment (id, principal_id, principal_type, role_definition_id, app_scope_id, catalog_id, created_at)
VALUES (gen_random_uuid(), '2b000000-0000-4000-8000-000000000000', 'user', 'ae79f266-94d4-4dab-b730-feca7e132178',
        '/AccessPackageCatalog/3c000000-0000-4000-8000-000000000000', '3c000000-0000-4000-8000-000000000000', now())
ON CONFLICT DO NOTHING;

-- :audit audit records, a second apart, spread over the catalogs and 100 actors.
INSERT INTO audit_record (id, at, actor_id, action, target_type, target_id, request_id, actor_login, catalog_id)
SELECT gen_random_uuid(), now() - make_interval(secs => n),
       '2b000000-0000-4000-8000-' || lpad((n % 100)::text, 12, '0'), 'approval.approve', 'assignmentRequest',
       gen_random_uuid()::text, 'bench-' || n, 'bench-' || (n % 100),
       ('3c000000-0000-4000-8000-' || lpad((n % :catalogs)::text, 12, '0'))::uuid
FROM generate_series(1, :audit) n;

INSERT INTO access_package (id, catalog_id, display_name, created_at, modified_at)
SELECT gen_random_uuid(), ('3c000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'Bench package ' || n, now(), now()
FROM generate_series(0, :catalogs - 1, 10) n;
ANALYZE;

INSERT INTO access_package_assignment (id, access_package_id, target_id, state, created_at, policy_id, catalog_id, start_at, modified_at)
SELECT gen_random_uuid(), p.id,
       ('2b000000-0000-4000-8000-' || lpad(((p.n * 31 + k) % :users)::text, 12, '0'))::uuid,
       'delivered', now(), gen_random_uuid(), p.catalog_id, now(), now()
FROM (SELECT id, catalog_id, row_number() OVER (ORDER BY id) AS n FROM access_package) p, generate_series(0, 4) k
ON CONFLICT DO NOTHING;
ANALYZE;

-- :policies assignment policies over the bench packages, for filterByCurrentUser(on='allowedRequestor'):
-- every thousandth lets user 0 (the benchmark's caller) ask by name, the rest name another user, so
-- the caller may ask through only a few of them and a reader that tests every policy reads them all.
INSERT INTO assignment_policy (id, access_package_id, catalog_id, display_name, description, settings, created_at, modified_at)
SELECT ('5e000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, p.id, p.catalog_id, 'Bench policy ' || n, '',
       jsonb_build_object(
         'allowedTargetScope', 'specificDirectoryUsers',
         'specificAllowedTargets', jsonb_build_array(jsonb_build_object(
           '@odata.type', '#microsoft.graph.singleUser', 'description', '',
           'userId', '2b000000-0000-4000-8000-' || lpad((CASE WHEN n % 1000 = 0 THEN 0 ELSE 1 + n % (:users - 1) END)::text, 12, '0'))),
         'requestorSettings', jsonb_build_object('enableTargetsToSelfAddAccess', true)),
       now(), now()
FROM generate_series(0, :policies - 1) n
JOIN (SELECT id, catalog_id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM access_package) p
  ON p.k = n % p.total;
ANALYZE assignment_policy;
