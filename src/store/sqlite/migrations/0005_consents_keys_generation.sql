-- Consents (DESIGN §3): a person allows one partner to receive some scopes, for a purpose,
-- between two dates; revocation is recorded, never deleted, so the history stays whole.
CREATE TABLE consents (
  id            INTEGER PRIMARY KEY,
  numero_ofpra  TEXT NOT NULL CHECK (length(numero_ofpra) = 9),
  partner_siret TEXT NOT NULL REFERENCES partners (siret),
  scopes        TEXT NOT NULL,  -- JSON array of scope names
  purpose       TEXT NOT NULL,
  valid_from    TEXT NOT NULL,  -- YYYY-MM-DD
  valid_to      TEXT NOT NULL,  -- YYYY-MM-DD, inclusive
  created_at    TEXT NOT NULL,
  revoked_at    TEXT
);
CREATE INDEX consents_by_person_partner ON consents (numero_ofpra, partner_siret);

-- private_key_jwt (RFC 7523): the client's registered public key (PEM, SubjectPublicKeyInfo);
-- empty for clients that authenticate with a secret.
ALTER TABLE api_clients ADD COLUMN public_key_pem TEXT NOT NULL DEFAULT '';

-- Client assertions already used, so that a replayed jti is refused; kept until they expire.
CREATE TABLE used_assertions (
  client_id  TEXT NOT NULL,
  jti        TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, jti)
) WITHOUT ROWID;

-- Bumped by every registry write transaction, so that a server's in-memory snapshot notices
-- an import made by another process.
CREATE TABLE registry_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO registry_state (id, generation) VALUES (1, 0);
