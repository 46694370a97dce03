-- The protected person's portal (issue 6): accounts, one-time codes, sessions, share codes, the
-- message outbox, and consents given to every partner of an administration type.

-- A consent names either one partner (partner_siret) or every partner of a type
-- (partner_type); the table is rebuilt because SQLite cannot relax a NOT NULL column.
CREATE TABLE consents_v2 (
  id            INTEGER PRIMARY KEY,
  numero_ofpra  TEXT NOT NULL CHECK (length(numero_ofpra) = 9),
  partner_siret TEXT REFERENCES partners (siret),
  partner_type  TEXT,
  scopes        TEXT NOT NULL,  -- JSON array of scope names
  purpose       TEXT NOT NULL,
  valid_from    TEXT NOT NULL,  -- YYYY-MM-DD
  valid_to      TEXT NOT NULL,  -- YYYY-MM-DD, inclusive
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  CHECK ((partner_siret IS NULL) <> (partner_type IS NULL))
);
INSERT INTO consents_v2 (id, numero_ofpra, partner_siret, scopes, purpose, valid_from, valid_to, created_at, revoked_at)
  SELECT id, numero_ofpra, partner_siret, scopes, purpose, valid_from, valid_to, created_at, revoked_at FROM consents;
DROP TABLE consents;
ALTER TABLE consents_v2 RENAME TO consents;
CREATE INDEX consents_by_person ON consents (numero_ofpra);

-- A person's portal account. Only the argon2id hash of the password is kept.
CREATE TABLE person_accounts (
  numero_ofpra  TEXT PRIMARY KEY CHECK (length(numero_ofpra) = 9),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT  -- RFC 3339; no login before
) WITHOUT ROWID;

-- One-time codes sent to the contact on file, to activate an account or reset its password.
-- The request id is what the form carries; the code itself is kept as a SHA-256 hash.
CREATE TABLE one_time_codes (
  request_id   TEXT PRIMARY KEY,
  numero_ofpra TEXT NOT NULL,
  purpose      TEXT NOT NULL CHECK (purpose IN ('activation', 'reinitialisation')),
  code_hash    TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  used_at      TEXT
) WITHOUT ROWID;

-- Portal sessions, found by the SHA-256 of the cookie's token.
CREATE TABLE person_sessions (
  token_hash   TEXT PRIMARY KEY,
  numero_ofpra TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,  -- absolute end
  idle_until   TEXT NOT NULL   -- renewed on each use
) WITHOUT ROWID;
CREATE INDEX person_sessions_by_person ON person_sessions (numero_ofpra);

-- Share codes (codes de partage), found by the SHA-256 of the code.
CREATE TABLE share_codes (
  id              INTEGER PRIMARY KEY,
  numero_ofpra    TEXT NOT NULL CHECK (length(numero_ofpra) = 9),
  code_hash       TEXT NOT NULL UNIQUE,
  code_hint       TEXT NOT NULL,  -- the last three characters, so the person tells her codes apart
  level           TEXT NOT NULL CHECK (level IN ('protection', 'protection_etat_civil', 'etat_civil_complet')),
  purpose         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  revoked_at      TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX share_codes_by_person ON share_codes (numero_ofpra);

-- Messages waiting for delivery (one-time codes). The body is erased once sent.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient  TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at    TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
