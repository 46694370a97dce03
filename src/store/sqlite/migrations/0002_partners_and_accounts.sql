-- Administrations, their API clients, and OFPRA staff accounts. Secrets are stored as
-- argon2id hashes only.
CREATE TABLE partners (
  siret      TEXT PRIMARY KEY CHECK (length(siret) = 14),
  name       TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('transport', 'education', 'caf', 'assurance_maladie',
                                           'france_travail', 'prefecture', 'collectivite',
                                           'bailleur_social', 'autre')),
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_clients (
  client_id     TEXT PRIMARY KEY,
  partner_siret TEXT NOT NULL REFERENCES partners (siret),
  secret_hash   TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT
) WITHOUT ROWID;

CREATE TABLE staff_accounts (
  login         TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'auditor')),
  created_at    TEXT NOT NULL
) WITHOUT ROWID;
