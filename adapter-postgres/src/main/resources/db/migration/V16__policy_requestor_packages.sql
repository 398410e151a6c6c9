-- The package of each requestor row's policy, beside it (decision 0028): "the packages I may
-- request" (filterByCurrentUser(on='allowedRequestor')) then reads package ids straight from one
-- index, without visiting a policy per row. Kept by the same trigger as the rows themselves, so a
-- policy moved to another package moves its rows too.
ALTER TABLE assignment_policy_requestor ADD COLUMN access_package_id uuid;
UPDATE assignment_policy_requestor r SET access_package_id = p.access_package_id
  FROM assignment_policy p WHERE p.id = r.policy_id;
ALTER TABLE assignment_policy_requestor ALTER COLUMN access_package_id SET NOT NULL;
CREATE INDEX assignment_policy_requestor_package
  ON assignment_policy_requestor (kind, subject, access_package_id);

CREATE OR REPLACE FUNCTION assignment_policy_requestor_sync() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM assignment_policy_requestor WHERE policy_id = OLD.id;
  END IF;
  INSERT INTO assignment_policy_requestor (policy_id, access_package_id, kind, subject)
    SELECT NEW.id, NEW.access_package_id, r.kind, r.subject
      FROM assignment_policy_requestors(NEW.settings) r
     WHERE r.subject IS NOT NULL;
  RETURN NULL;
END
$$;
