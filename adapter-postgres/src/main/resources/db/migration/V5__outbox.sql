-- The transactional outbox: mails (and later webhooks) recorded in the transaction of the change
-- that causes them, and sent afterwards by whichever instance claims them. Rows are never deleted
-- by Steward: a sent row keeps when it was sent, a parked one why it failed.
CREATE TABLE outbox (
  id              uuid PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('mail', 'webhook')),
  kind            text NOT NULL,
  dedupe_key      text NOT NULL UNIQUE,
  target          text NOT NULL,
  payload         jsonb NOT NULL,
  state           text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'done', 'parked')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  settled_at      timestamptz,
  last_error      text
);
-- What the senders claim: waiting rows of a channel, oldest due first.
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at) WHERE state = 'waiting';
CREATE INDEX outbox_parked ON outbox (channel) WHERE state = 'parked';

GRANT SELECT, INSERT, UPDATE ON outbox TO ${appRole};

-- Warnings before an assignment ends are due work too.
ALTER TABLE scheduled_work DROP CONSTRAINT scheduled_work_kind_check;
ALTER TABLE scheduled_work ADD CONSTRAINT scheduled_work_kind_check CHECK (kind IN (
  'EXPIRE_ASSIGNMENT', 'APPROVAL_DEADLINE', 'APPROVAL_ESCALATION',
  'EXPIRY_WARNING_14_DAYS', 'EXPIRY_WARNING_1_DAY'));

-- What the user was last told about the end of an assignment, as Graph's status shows it
-- (NearExpiry1DayNotificationTriggered, ExpiredNotificationTriggered).
ALTER TABLE access_package_assignment ADD COLUMN notification_status text;
