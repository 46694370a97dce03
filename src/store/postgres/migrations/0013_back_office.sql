-- Written to be applied again (tests rewind the schema version).
-- The back office (/admin, docs/BACK-OFFICE.md). Staff sign in with ProConnect: no password is
-- kept, so the accounts that `seed` used to create with one go. Roles are held here, by e-mail.
DROP TABLE IF EXISTS staff_accounts;

CREATE TABLE IF NOT EXISTS staff_members (
  email      TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  roles      TEXT NOT NULL,
  active     BOOLEAN NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS staff_sessions (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  id_token   TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  idle_until TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Every staff action (who, what, when, why), written once and never changed.
CREATE TABLE IF NOT EXISTS staff_actions (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      TEXT NOT NULL,
  email   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT NOT NULL,
  comment TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_actions_by_time ON staff_actions (at);
CREATE OR REPLACE FUNCTION refuse_staff_action_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'staff actions are never changed nor deleted';
END $$;
DROP TRIGGER IF EXISTS staff_actions_kept ON staff_actions;
CREATE TRIGGER staff_actions_kept BEFORE UPDATE OR DELETE ON staff_actions
  FOR EACH ROW EXECUTE FUNCTION refuse_staff_action_change();

-- Requests for a habilitation, from an organisation's public form to a decision.
CREATE TABLE IF NOT EXISTS habilitation_requests (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state            TEXT NOT NULL CHECK (state IN ('brouillon', 'soumise', 'modifications_demandees',
                                                  'validee', 'refusee', 'revoquee', 'archivee')),
  siret            TEXT NOT NULL CHECK (length(siret) = 14),
  organisation     TEXT NOT NULL,
  type             TEXT NOT NULL,
  scopes           TEXT NOT NULL,
  legal_basis      TEXT NOT NULL,
  legal_reference  TEXT NOT NULL,
  purpose          TEXT NOT NULL,
  expected_volume  BIGINT NOT NULL,
  dpo_email        TEXT NOT NULL,
  technical_email  TEXT NOT NULL,
  valid_from       TEXT NOT NULL,
  valid_to         TEXT NOT NULL,
  first_validator  TEXT NOT NULL,
  habilitation_id  BIGINT,
  follow_key_hash  TEXT NOT NULL,
  reminded_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS habilitation_requests_by_state ON habilitation_requests (state, updated_at);

CREATE TABLE IF NOT EXISTS habilitation_request_events (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES habilitation_requests (id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  comment    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS habilitation_request_events_by_request ON habilitation_request_events (request_id);

-- Credentials: a rotated secret stays valid until previous_until; a suspended client is
-- refused until resumed.
ALTER TABLE api_clients ADD COLUMN IF NOT EXISTS previous_secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE api_clients ADD COLUMN IF NOT EXISTS previous_until TEXT NOT NULL DEFAULT '';
ALTER TABLE api_clients ADD COLUMN IF NOT EXISTS suspended_at TEXT;

-- Alerts raised by the rules over the journal (docs/BACK-OFFICE.md), once per rule, subject and
-- day, until a staff member acknowledges them.
CREATE TABLE IF NOT EXISTS alerts (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule            TEXT NOT NULL,
  subject         TEXT NOT NULL,
  day             TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  evidence        TEXT NOT NULL,
  raised_at       TEXT NOT NULL,
  acknowledged_by TEXT,
  acknowledged_at TEXT,
  acknowledgement TEXT,
  UNIQUE (rule, subject, day)
);
