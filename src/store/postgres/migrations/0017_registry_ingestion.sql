-- OFPRA's own information system writing the registry through the API (docs/REGISTRY-HISTORY.md):
-- its clients are of their own kind, never a partner's.
CREATE TABLE IF NOT EXISTS registry_clients (
  client_id   TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  secret_hash TEXT NOT NULL,   -- argon2id
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

-- A write sent again with the same Idempotency-Key is answered as the first time, not applied
-- again: a late retry never undoes a newer write. status 0: the first one is under way.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  client_id    TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (client_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);
