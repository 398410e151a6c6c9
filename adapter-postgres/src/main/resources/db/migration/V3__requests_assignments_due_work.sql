-- Requests with their approval stages, assignments as delivered into the directory, and the due
-- work (expiries, approval deadlines, escalations) that the scheduler claims.

ALTER TABLE access_package_assignment
  ADD COLUMN policy_id      uuid NOT NULL,
  ADD COLUMN catalog_id     uuid NOT NULL REFERENCES catalog (id),
  ADD COLUMN start_at       timestamptz NOT NULL,
  ADD COLUMN end_at         timestamptz,
  ADD COLUMN expired_at     timestamptz,
  ADD COLUMN delivery_error text,
  ADD COLUMN modified_at    timestamptz NOT NULL,
  ADD CONSTRAINT access_package_assignment_state
    CHECK (state IN ('delivering', 'delivered', 'deliveryFailed', 'removing', 'expired'));
-- A user holds a package at most once at a time.
CREATE UNIQUE INDEX access_package_assignment_one_active
  ON access_package_assignment (target_id, access_package_id)
  WHERE state IN ('delivering', 'delivered', 'deliveryFailed');
CREATE INDEX access_package_assignment_target ON access_package_assignment (target_id, state);
CREATE INDEX access_package_assignment_catalog ON access_package_assignment (catalog_id, id);

CREATE TABLE assignment_request (
  id                uuid PRIMARY KEY,
  request_type      text NOT NULL,
  state             text NOT NULL,
  access_package_id uuid NOT NULL REFERENCES access_package (id) ON DELETE CASCADE,
  policy_id         uuid,
  catalog_id        uuid NOT NULL REFERENCES catalog (id),
  requestor_id      uuid NOT NULL,
  target_id         uuid NOT NULL,
  assignment_id     uuid,
  justification     text NOT NULL DEFAULT '',
  requested_end     timestamptz,
  -- The approval stages in the adapter's own JSON form; current_approvers repeats who may decide
  -- the stage in progress, so "awaiting me" is an indexed query.
  stages            jsonb NOT NULL,
  current_approvers uuid[] NOT NULL DEFAULT '{}',
  status            text NOT NULL DEFAULT '',
  created_at        timestamptz NOT NULL,
  completed_at      timestamptz
);
-- One open add request per user and package.
CREATE UNIQUE INDEX assignment_request_one_open
  ON assignment_request (target_id, access_package_id)
  WHERE state IN ('submitted', 'pendingApproval') AND request_type IN ('userAdd', 'adminAdd');
CREATE INDEX assignment_request_approvers ON assignment_request USING gin (current_approvers);
CREATE INDEX assignment_request_target ON assignment_request (target_id, id);
CREATE INDEX assignment_request_requestor ON assignment_request (requestor_id, id);
CREATE INDEX assignment_request_catalog ON assignment_request (catalog_id, id);

CREATE TABLE scheduled_work (
  kind        text NOT NULL CHECK (kind IN ('EXPIRE_ASSIGNMENT', 'APPROVAL_DEADLINE', 'APPROVAL_ESCALATION')),
  subject_id  uuid NOT NULL,
  due_at      timestamptz NOT NULL,
  lease_until timestamptz,
  attempts    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, subject_id)
);
CREATE INDEX scheduled_work_due ON scheduled_work (due_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON assignment_request, scheduled_work TO ${appRole};
