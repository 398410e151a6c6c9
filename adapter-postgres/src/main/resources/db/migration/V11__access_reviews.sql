-- Access reviews (decision 0020): a definition per policy whose reviewSettings are on, or per
-- group review; its instances; one decision item per user under review in an instance. The review
-- schedule runs as scheduled_work rows of five more kinds.
CREATE TABLE access_review_definition (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('PACKAGE_ASSIGNMENTS', 'GROUP_MEMBERS')),
  catalog_id   uuid NOT NULL,
  policy_id    uuid UNIQUE,
  resource_id  uuid NOT NULL,
  scope_query  text NOT NULL,
  display_name text NOT NULL,
  -- Reviewers, settings and schedule in the adapter's own JSON form.
  document     jsonb NOT NULL,
  created_by   uuid NOT NULL,
  created_at   timestamptz NOT NULL,
  modified_at  timestamptz NOT NULL,
  started      integer NOT NULL DEFAULT 0
);
CREATE INDEX access_review_definition_catalog ON access_review_definition (catalog_id, id);

CREATE TABLE access_review_instance (
  id            uuid PRIMARY KEY,
  definition_id uuid NOT NULL REFERENCES access_review_definition (id) ON DELETE CASCADE,
  catalog_id    uuid NOT NULL,
  occurrence    integer NOT NULL,
  start_at      timestamptz NOT NULL,
  end_at        timestamptz NOT NULL,
  status        text NOT NULL
    CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'APPLYING', 'APPLIED')),
  applied_at    timestamptz,
  -- An occurrence starts once, whichever instance of Steward starts it.
  UNIQUE (definition_id, occurrence)
);

CREATE TABLE access_review_decision (
  id                    uuid PRIMARY KEY,
  instance_id           uuid NOT NULL REFERENCES access_review_instance (id) ON DELETE CASCADE,
  definition_id         uuid NOT NULL,
  principal_id          uuid NOT NULL,
  principal_name        text NOT NULL,
  principal_login       text NOT NULL,
  resource_id           uuid NOT NULL,
  resource_name         text NOT NULL,
  reviewer_ids          uuid[] NOT NULL,
  recommendation        text NOT NULL,
  recommendation_reason text NOT NULL,
  decision              text NOT NULL,
  justification         text NOT NULL,
  reviewed_by           uuid,
  reviewed_at           timestamptz,
  apply_result          text NOT NULL,
  applied_by            uuid,
  applied_at            timestamptz
);
CREATE INDEX access_review_decision_instance ON access_review_decision (instance_id, id);
CREATE INDEX access_review_decision_reviewers ON access_review_decision USING gin (reviewer_ids);

ALTER TABLE scheduled_work DROP CONSTRAINT scheduled_work_kind_check;
ALTER TABLE scheduled_work ADD CONSTRAINT scheduled_work_kind_check CHECK (kind IN (
  'EXPIRE_ASSIGNMENT', 'APPROVAL_DEADLINE', 'APPROVAL_ESCALATION',
  'EXPIRY_WARNING_14_DAYS', 'EXPIRY_WARNING_1_DAY', 'RETRY_DELIVERY',
  'AUTO_ASSIGNMENT', 'AUTO_REMOVAL',
  'REVIEW_START', 'REVIEW_END', 'REVIEW_REMINDER', 'REVIEW_APPLY', 'REVIEW_SYNC_POLICY'));

-- Policies saved with reviews on before Steward ran them: one without a start cannot run and is
-- turned off (it never ran); every other one gets its definition from the first scheduler run.
UPDATE assignment_policy
   SET settings = jsonb_set(settings, '{reviewSettings,isEnabled}', 'false'::jsonb)
 WHERE settings -> 'reviewSettings' ->> 'isEnabled' = 'true'
   AND settings -> 'reviewSettings' -> 'schedule' ->> 'startDateTime' IS NULL;
INSERT INTO scheduled_work (kind, subject_id, due_at)
SELECT 'REVIEW_SYNC_POLICY', id, now() FROM assignment_policy
 WHERE settings -> 'reviewSettings' ->> 'isEnabled' = 'true';

GRANT SELECT, INSERT, UPDATE, DELETE
  ON access_review_definition, access_review_instance, access_review_decision TO ${appRole};
