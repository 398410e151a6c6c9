-- A delivery into (or out of) the directory that failed is due work too: tried again, with growing
-- pauses, until the directory answers.
ALTER TABLE scheduled_work DROP CONSTRAINT scheduled_work_kind_check;
ALTER TABLE scheduled_work ADD CONSTRAINT scheduled_work_kind_check CHECK (kind IN (
  'EXPIRE_ASSIGNMENT', 'APPROVAL_DEADLINE', 'APPROVAL_ESCALATION',
  'EXPIRY_WARNING_14_DAYS', 'EXPIRY_WARNING_1_DAY', 'RETRY_DELIVERY'));
