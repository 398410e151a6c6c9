-- Who may ask for access through a policy themselves (decision 0024), kept beside the policy by a
-- trigger so that "the packages I may request" reads a few index entries instead of testing every
-- policy's JSONB document: one row per policy with self-add on and every user in scope (kind
-- 'all'), and one per user or group its specificAllowedTargets name (kind 'user' or 'group').
-- The same rule as PolicyEvaluation.inScope with enableTargetsToSelfAddAccess.
CREATE TABLE assignment_policy_requestor (
  policy_id uuid NOT NULL REFERENCES assignment_policy (id) ON DELETE CASCADE,
  kind      text NOT NULL CHECK (kind IN ('all', 'user', 'group')),
  subject   text NOT NULL,
  PRIMARY KEY (kind, subject, policy_id)
);
CREATE INDEX assignment_policy_requestor_policy ON assignment_policy_requestor (policy_id);

CREATE FUNCTION assignment_policy_requestors(settings jsonb)
  RETURNS TABLE (kind text, subject text) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'all', ''
   WHERE settings->'requestorSettings'->>'enableTargetsToSelfAddAccess' = 'true'
     AND settings->>'allowedTargetScope' IN ('allMemberUsers', 'allDirectoryUsers')
  UNION
  SELECT CASE t->>'@odata.type' WHEN '#microsoft.graph.singleUser' THEN 'user' ELSE 'group' END,
         CASE t->>'@odata.type' WHEN '#microsoft.graph.singleUser' THEN t->>'userId' ELSE t->>'groupId' END
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(settings->'specificAllowedTargets') = 'array'
                                   THEN settings->'specificAllowedTargets' ELSE '[]'::jsonb END) t
   WHERE settings->'requestorSettings'->>'enableTargetsToSelfAddAccess' = 'true'
     AND settings->>'allowedTargetScope' = 'specificDirectoryUsers'
     AND t->>'@odata.type' IN ('#microsoft.graph.singleUser', '#microsoft.graph.groupMembers')
$$;

CREATE FUNCTION assignment_policy_requestor_sync() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM assignment_policy_requestor WHERE policy_id = OLD.id;
  END IF;
  INSERT INTO assignment_policy_requestor (policy_id, kind, subject)
    SELECT NEW.id, r.kind, r.subject FROM assignment_policy_requestors(NEW.settings) r
     WHERE r.subject IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER assignment_policy_requestor_sync AFTER INSERT OR UPDATE ON assignment_policy
  FOR EACH ROW EXECUTE FUNCTION assignment_policy_requestor_sync();

INSERT INTO assignment_policy_requestor (policy_id, kind, subject)
  SELECT p.id, r.kind, r.subject FROM assignment_policy p, assignment_policy_requestors(p.settings) r
   WHERE r.subject IS NOT NULL;

GRANT SELECT, INSERT, DELETE ON assignment_policy_requestor TO ${appRole};
