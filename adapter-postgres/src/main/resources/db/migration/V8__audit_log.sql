-- The audit log API: who acted (sign-in name) and from where, the catalog a record belongs to, and
-- indexes so that the newest records (of everything, of a catalog, of an actor, of an action) are
-- an index scan. Records written before this migration have no catalog: only tenant-wide readers
-- see them. Adding columns changes no row, so the append-only triggers stay as they are.
ALTER TABLE audit_record
  ADD COLUMN actor_login text,
  ADD COLUMN ip_address  text,
  ADD COLUMN catalog_id  uuid;

CREATE INDEX audit_record_at ON audit_record (at, seq);
CREATE INDEX audit_record_catalog_at ON audit_record (catalog_id, at, seq);
CREATE INDEX audit_record_actor_at ON audit_record (actor_id, at, seq);
CREATE INDEX audit_record_action_at ON audit_record (action, at, seq);
CREATE INDEX audit_record_request ON audit_record (request_id);
