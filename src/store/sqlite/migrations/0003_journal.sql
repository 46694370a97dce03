-- The journal (DESIGN §6): entries chained by SHA-256, periodic signed checkpoints, the
-- signed head of the chain, and the public keys that signed them.
CREATE TABLE journal_entries (
  seq             INTEGER PRIMARY KEY,
  recorded_at     TEXT NOT NULL,
  channel         TEXT NOT NULL,
  partner_siret   TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  agent           TEXT NOT NULL,
  recipient_siret TEXT NOT NULL,
  purpose         TEXT NOT NULL,
  consent_ref     TEXT NOT NULL,
  scopes_asked    TEXT NOT NULL,   -- JSON array
  scopes_given    TEXT NOT NULL,   -- JSON array
  person          TEXT NOT NULL,   -- numero_ofpra or ''
  result          TEXT NOT NULL,
  refusal_code    TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL
);
CREATE INDEX journal_by_person ON journal_entries (person, seq);
CREATE INDEX journal_by_partner ON journal_entries (partner_siret, seq);
CREATE INDEX journal_by_time ON journal_entries (recorded_at);

CREATE TABLE journal_checkpoints (
  seq       INTEGER PRIMARY KEY,
  hash      TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
);

CREATE TABLE journal_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  seq       INTEGER NOT NULL,
  hash      TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
);

CREATE TABLE journal_keys (
  key_id     TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
