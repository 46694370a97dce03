-- The counter (/guichet): sessions of partner agents signed in with ProConnect, and which of
-- an organisation's agents may use it (none listed: all of them).
CREATE TABLE IF NOT EXISTS counter_sessions (
  token_hash    TEXT PRIMARY KEY,
  agent_ref     TEXT NOT NULL,
  partner_siret TEXT NOT NULL,
  given_name    TEXT NOT NULL,
  usual_name    TEXT NOT NULL,
  email_domain  TEXT NOT NULL,
  uid           TEXT NOT NULL,
  acr           TEXT NOT NULL,
  id_token      TEXT NOT NULL,
  csrf_token    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  idle_until    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS counter_sessions_by_expiry ON counter_sessions (expires_at);
CREATE TABLE IF NOT EXISTS counter_allowlist (
  partner_siret TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('domaine', 'uid')),
  value         TEXT NOT NULL,
  PRIMARY KEY (partner_siret, kind, value)
);
