-- Automatic assignment (decision 0019): each automatic policy is reconciled as due work (one item
-- per policy, claimed like any other), and a user who stopped matching its rule loses access when
-- a second item, one per assignment, falls due after the grace period.
ALTER TABLE scheduled_work DROP CONSTRAINT scheduled_work_kind_check;
ALTER TABLE scheduled_work ADD CONSTRAINT scheduled_work_kind_check CHECK (kind IN (
  'EXPIRE_ASSIGNMENT', 'APPROVAL_DEADLINE', 'APPROVAL_ESCALATION',
  'EXPIRY_WARNING_14_DAYS', 'EXPIRY_WARNING_1_DAY', 'RETRY_DELIVERY',
  'AUTO_ASSIGNMENT', 'AUTO_REMOVAL'));

-- One automatic policy per access package, kept by the database as well as by the service.
CREATE UNIQUE INDEX assignment_policy_one_automatic
  ON assignment_policy (access_package_id)
  WHERE (settings -> 'automaticRequestSettings' ->> 'requestAccessForAllowedTargets') = 'true';
