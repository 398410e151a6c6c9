-- Tamper evidence for the audit trail: every record written from here on is sealed, in the
-- transaction that writes it, by a link of one chain. A link names its record and carries the
-- hash of the link before it and its own hash, an HMAC-SHA256 under a key that Steward holds
-- and the database never sees (STEWARD_AUDIT_KEY). Whoever can write to the database but does
-- not hold the key cannot add a record that verifies, change or remove one without breaking
-- the chain at that place, or reorder two.
CREATE TABLE audit_seal (
  position   bigint PRIMARY KEY CHECK (position > 0),
  record_seq bigint NOT NULL UNIQUE REFERENCES audit_record (seq),
  prev_hash  bytea NOT NULL CHECK (length(prev_hash) = 32),
  hash       bytea NOT NULL CHECK (length(hash) = 32)
);

-- The records written before the chain began, counted once so that a record slipped in among
-- them later is noticed too.
CREATE TABLE audit_chain_genesis (
  legacy_records bigint NOT NULL,
  legacy_max_seq bigint NOT NULL
);
INSERT INTO audit_chain_genesis
  SELECT count(*), coalesce(max(seq), 0) FROM audit_record;

CREATE TRIGGER audit_seal_no_change BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only();
CREATE TRIGGER audit_chain_genesis_no_change BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_genesis
  FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();

GRANT SELECT, INSERT ON audit_seal TO ${appRole};
GRANT SELECT ON audit_chain_genesis TO ${appRole};
