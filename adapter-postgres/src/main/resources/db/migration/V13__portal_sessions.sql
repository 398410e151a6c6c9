-- The portal's sign-in sessions, shared by every instance and kept across restarts. Only the
-- SHA-256 of a session id is stored: reading this table signs nobody in.
CREATE TABLE portal_session (
  id_hash      bytea PRIMARY KEY CHECK (length(id_hash) = 32),
  seq          bigserial NOT NULL,
  user_id      uuid NOT NULL,
  login        text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX portal_session_user ON portal_session (user_id, created_at DESC, seq DESC);
CREATE INDEX portal_session_last_seen ON portal_session (last_seen_at);
CREATE INDEX portal_session_created ON portal_session (created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON portal_session TO ${appRole};
GRANT USAGE ON SEQUENCE portal_session_seq_seq TO ${appRole};
