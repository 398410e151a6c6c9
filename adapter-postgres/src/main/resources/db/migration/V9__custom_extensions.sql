-- Custom extensions: a catalog's webhooks, called at the request stages a policy attaches them to.
-- The signing secret is kept to sign each call and check each answer; the API shows it once.
CREATE TABLE custom_extension (
  id               uuid PRIMARY KEY,
  catalog_id       uuid NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('REQUEST_WORKFLOW', 'ASSIGNMENT_WORKFLOW')),
  display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
  description      text NOT NULL DEFAULT '',
  target_url       text NOT NULL,
  callback_timeout_seconds bigint CHECK (callback_timeout_seconds > 0),
  signing_secret   text NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  modified_by      text NOT NULL,
  modified_at      timestamptz NOT NULL
);
CREATE INDEX custom_extension_catalog ON custom_extension (catalog_id, id);

-- Each call of an extension about a request (or, at the expiry stages, an assignment), and its
-- answer: the request's history of them, and for a waiting call the time the request gives up
-- (customExtensionCalloutInstance in Graph).
CREATE TABLE custom_extension_callout (
  id            uuid PRIMARY KEY,
  request_id    uuid REFERENCES assignment_request (id) ON DELETE CASCADE,
  assignment_id uuid REFERENCES access_package_assignment (id) ON DELETE CASCADE,
  extension_id  uuid NOT NULL,
  stage         text NOT NULL,
  status        text NOT NULL CHECK (status IN ('calloutPending', 'calloutSent', 'calloutFailed',
                  'waitingForCallback', 'callbackReceived', 'callbackTimedOut')),
  timeout_at    timestamptz,
  detail        text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  sent_at       timestamptz,
  answered_at   timestamptz,
  seq           bigserial NOT NULL,
  CHECK (request_id IS NOT NULL OR assignment_id IS NOT NULL)
);
CREATE INDEX custom_extension_callout_request ON custom_extension_callout (request_id, seq);
CREATE INDEX custom_extension_callout_assignment ON custom_extension_callout (assignment_id)
  WHERE assignment_id IS NOT NULL;
CREATE INDEX custom_extension_callout_waiting ON custom_extension_callout (timeout_at)
  WHERE status = 'waitingForCallback';

GRANT SELECT, INSERT, UPDATE, DELETE ON custom_extension TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON custom_extension_callout TO ${appRole};
GRANT USAGE ON SEQUENCE custom_extension_callout_seq_seq TO ${appRole};
