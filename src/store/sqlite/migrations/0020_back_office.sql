-- The back office (/admin, docs/BACK-OFFICE.md). Staff sign in with ProConnect: no password is
-- kept, so the accounts that `seed` used to create with one go. Roles are held here, by e-mail.
DROP TABLE IF EXISTS staff_accounts;

CREATE TABLE staff_members (
  email      TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  roles      TEXT NOT NULL,
  active     INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  id_token   TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  idle_until TEXT NOT NULL
);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Every staff action (who, what, when, why), written once and never changed.
CREATE TABLE staff_actions (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  email   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT NOT NULL,
  comment TEXT NOT NULL
);
CREATE INDEX staff_actions_by_time ON staff_actions (at);
CREATE TRIGGER staff_actions_kept_update BEFORE UPDATE ON staff_actions
BEGIN SELECT RAISE(ABORT, 'staff actions are never changed'); END;
CREATE TRIGGER staff_actions_kept_delete BEFORE DELETE ON staff_actions
BEGIN SELECT RAISE(ABORT, 'staff actions are never deleted'); END;

-- Requests for a habilitation, from an organisation's public form to a decision.
CREATE TABLE habilitation_requests (
  id               INTEGER PRIMARY KEY,
  state            TEXT NOT NULL CHECK (state IN ('brouillon', 'soumise', 'modifications_demandees',
                                                  'validee', 'refusee', 'revoquee', 'archivee')),
  siret            TEXT NOT NULL CHECK (length(siret) = 14),
  organisation     TEXT NOT NULL,
  type             TEXT NOT NULL,
  scopes           TEXT NOT NULL,
  legal_basis      TEXT NOT NULL,
  legal_reference  TEXT NOT NULL,
  purpose          TEXT NOT NULL,
  expected_volume  INTEGER NOT NULL,
  dpo_email        TEXT NOT NULL,
  technical_email  TEXT NOT NULL,
  valid_from       TEXT NOT NULL,
  valid_to         TEXT NOT NULL,
  first_validator  TEXT NOT NULL,
  habilitation_id  INTEGER,
  follow_key_hash  TEXT NOT NULL,
  reminded_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX habilitation_requests_by_state ON habilitation_requests (state, updated_at);

CREATE TABLE habilitation_request_events (
  id         INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES habilitation_requests (id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  comment    TEXT NOT NULL
);
CREATE INDEX habilitation_request_events_by_request ON habilitation_request_events (request_id);

-- Credentials: a rotated secret stays valid until previous_until; a suspended client is
-- refused until resumed.
ALTER TABLE api_clients ADD COLUMN previous_secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE api_clients ADD COLUMN previous_until TEXT NOT NULL DEFAULT '';
ALTER TABLE api_clients ADD COLUMN suspended_at TEXT;

-- Alerts raised by the rules over the journal (docs/BACK-OFFICE.md), once per rule, subject and
-- day, until a staff member acknowledges them.
CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  rule            TEXT NOT NULL,
  subject         TEXT NOT NULL,
  day             TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  evidence        TEXT NOT NULL,
  raised_at       TEXT NOT NULL,
  acknowledged_by TEXT,
  acknowledged_at TEXT,
  acknowledgement TEXT,
  UNIQUE (rule, subject, day)
);
