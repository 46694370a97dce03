-- Requests to OFPRA (docs/DEMANDES.md): a question the machine could not settle, or a person's
-- own question, handed to OFPRA's support with a promised delay in working days.
CREATE TABLE IF NOT EXISTS demandes (
  id               TEXT PRIMARY KEY,
  channel          TEXT NOT NULL CHECK (channel IN ('api', 'guichet', 'portail')),
  partner_siret    TEXT NOT NULL,
  client_id        TEXT NOT NULL,
  agent            TEXT NOT NULL,
  person           TEXT NOT NULL,
  question         TEXT NOT NULL,
  topic            TEXT NOT NULL,
  note             TEXT NOT NULL,
  follows          BIGINT NOT NULL,
  reference        BIGINT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('ouverte', 'prise_en_charge', 'repondue', 'close')),
  created_at       TEXT NOT NULL,
  due_on           TEXT NOT NULL,
  assigned_to      TEXT NOT NULL,
  assigned_at      TEXT NOT NULL,
  settled_by       TEXT NOT NULL,
  settled_at       TEXT NOT NULL,
  reason           TEXT NOT NULL,
  message          TEXT NOT NULL,
  answer_reference BIGINT NOT NULL,
  answer           TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS demandes_by_answer_followed ON demandes (follows) WHERE follows > 0;
CREATE INDEX IF NOT EXISTS demandes_pending ON demandes (due_on, created_at)
  WHERE state IN ('ouverte', 'prise_en_charge');
CREATE INDEX IF NOT EXISTS demandes_by_partner ON demandes (partner_siret, created_at);
CREATE INDEX IF NOT EXISTS demandes_by_person ON demandes (person) WHERE person <> '';
CREATE INDEX IF NOT EXISTS demandes_by_time ON demandes (created_at);
