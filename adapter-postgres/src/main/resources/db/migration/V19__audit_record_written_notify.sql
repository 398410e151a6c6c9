-- Every audit record written, whoever writes it, is announced on the steward_audit_records channel
-- when its transaction commits (once per transaction: Postgres folds equal notifications). Each
-- Steward instance listens and forgets the pages of the audit log it remembers (decision 0030).
-- A channel of its own: nearly every change writes an audit record, and the held roles and the
-- answers remembered with them (V4, V17, V18) must not be dropped for each one.
CREATE FUNCTION audit_record_written() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('steward_audit_records', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER audit_record_notify AFTER INSERT ON audit_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit_record_written();
