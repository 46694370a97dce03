-- The whole schema for PostgreSQL, the same tables as the SQLite migrations 0001-0008 (read
-- their comments for the why), in one step: no PostgreSQL deployment predates it. Dates stay
-- text in the registry's own forms (YYYY, YYYY-MM, YYYY-MM-DD; RFC 3339 for times), as the
-- import format and the SQLite store keep them, so that both stores answer byte for byte alike.

CREATE TABLE persons (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  numero_ofpra        TEXT NOT NULL UNIQUE CHECK (length(numero_ofpra) = 9),
  numero_agdref       TEXT CHECK (numero_agdref IS NULL OR length(numero_agdref) = 10),
  nom_naissance       TEXT NOT NULL,
  nom_usage           TEXT,
  prenoms             TEXT NOT NULL,
  ecriture_script     TEXT,
  ecriture_nom        TEXT,
  ecriture_prenoms    TEXT,
  sexe                TEXT NOT NULL CHECK (sexe IN ('M', 'F', 'X')),
  date_naissance      TEXT NOT NULL,
  lieu_naissance      TEXT,
  code_pays_naissance TEXT,
  nationalite         TEXT,
  contact_email       TEXT,
  contact_telephone   TEXT,
  contact_langue      TEXT,
  updated_at          TEXT NOT NULL
);
CREATE INDEX persons_by_agdref ON persons (numero_agdref) WHERE numero_agdref IS NOT NULL;

CREATE TABLE person_aliases (
  person_id     BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  nom_naissance TEXT NOT NULL,
  prenoms       TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
);

CREATE TABLE protections (
  person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  type      TEXT NOT NULL CHECK (type IN ('refugie', 'protection_subsidiaire', 'apatride')),
  autorite  TEXT NOT NULL CHECK (autorite IN ('OFPRA', 'CNDA')),
  debut     TEXT NOT NULL,
  fin       TEXT,
  motif_fin TEXT CHECK (motif_fin IS NULL OR motif_fin IN
                        ('cessation', 'renonciation', 'retrait', 'naturalisation', 'deces')),
  PRIMARY KEY (person_id, position)
);

CREATE TABLE civil_status_files (
  person_id        BIGINT PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
  etape            TEXT NOT NULL CHECK (etape IN ('attente_ffr', 'ffr_recue', 'instruction', 'actes_etablis')),
  ffr_recue_le     TEXT,
  instruction_le   TEXT,
  actes_etablis_le TEXT
);

CREATE TABLE family_links (
  person_id      BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  lien           TEXT NOT NULL CHECK (lien IN ('conjoint', 'enfant', 'parent')),
  numero_ofpra   TEXT,
  nom_naissance  TEXT,
  prenoms        TEXT NOT NULL,
  sexe           TEXT,
  date_naissance TEXT,
  PRIMARY KEY (person_id, position)
);
CREATE INDEX family_links_by_relative ON family_links (numero_ofpra) WHERE numero_ofpra IS NOT NULL;

-- Grows with every committed registry write; the instance names this registry.
CREATE TABLE registry_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL,
  instance   TEXT NOT NULL
);
INSERT INTO registry_state (id, generation, instance) VALUES (1, 0, md5(random()::text || clock_timestamp()::text));

CREATE TABLE partners (
  siret      TEXT PRIMARY KEY CHECK (length(siret) = 14),
  name       TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('transport', 'education', 'caf', 'assurance_maladie',
                                           'france_travail', 'prefecture', 'collectivite',
                                           'bailleur_social', 'autre')),
  created_at TEXT NOT NULL
);

CREATE TABLE api_clients (
  client_id      TEXT PRIMARY KEY,
  partner_siret  TEXT NOT NULL REFERENCES partners (siret),
  secret_hash    TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  revoked_at     TEXT,
  public_key_pem TEXT NOT NULL DEFAULT ''
);

CREATE TABLE staff_accounts (
  login         TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'auditor')),
  created_at    TEXT NOT NULL
);

CREATE TABLE habilitations (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partner_siret    TEXT NOT NULL REFERENCES partners (siret),
  state            TEXT NOT NULL CHECK (state IN ('brouillon', 'soumise', 'modifications_demandees',
                                                  'validee', 'refusee', 'revoquee')),
  legal_basis      TEXT NOT NULL,
  legal_basis_url  TEXT NOT NULL,
  purpose          TEXT NOT NULL,
  retention_months INTEGER NOT NULL CHECK (retention_months BETWEEN 1 AND 120),
  valid_from       TEXT NOT NULL,
  valid_to         TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX habilitations_by_partner ON habilitations (partner_siret);

CREATE TABLE habilitation_scopes (
  habilitation_id  BIGINT NOT NULL REFERENCES habilitations (id) ON DELETE CASCADE,
  scope            TEXT NOT NULL CHECK (scope IN ('protection', 'protection.historique', 'etat_civil.avancement',
                                                  'etat_civil.identite', 'etat_civil.famille')),
  consent_required BOOLEAN NOT NULL,
  PRIMARY KEY (habilitation_id, scope)
);

-- Bumped by any change to partners, clients or habilitations, by any node.
CREATE TABLE access_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO access_state (id, generation) VALUES (1, 0);
CREATE FUNCTION bump_access_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_state SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER partners_changed AFTER INSERT OR UPDATE OR DELETE ON partners
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_generation();
CREATE TRIGGER api_clients_changed AFTER INSERT OR UPDATE OR DELETE ON api_clients
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_generation();
CREATE TRIGGER habilitations_changed AFTER INSERT OR UPDATE OR DELETE ON habilitations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_generation();
CREATE TRIGGER habilitation_scopes_changed AFTER INSERT OR UPDATE OR DELETE ON habilitation_scopes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_generation();

CREATE TABLE used_assertions (
  client_id  TEXT NOT NULL,
  jti        TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, jti)
);

CREATE TABLE consents (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  numero_ofpra  TEXT NOT NULL CHECK (length(numero_ofpra) = 9),
  partner_siret TEXT REFERENCES partners (siret),
  partner_type  TEXT,
  scopes        TEXT NOT NULL,
  purpose       TEXT NOT NULL,
  valid_from    TEXT NOT NULL,
  valid_to      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  CHECK ((partner_siret IS NULL) <> (partner_type IS NULL))
);
CREATE INDEX consents_by_person ON consents (numero_ofpra);

CREATE TABLE journal_entries (
  seq             BIGINT PRIMARY KEY,
  recorded_at     TEXT NOT NULL,
  channel         TEXT NOT NULL,
  partner_siret   TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  agent           TEXT NOT NULL,
  recipient_siret TEXT NOT NULL,
  purpose         TEXT NOT NULL,
  consent_ref     TEXT NOT NULL,
  scopes_asked    TEXT NOT NULL,
  scopes_given    TEXT NOT NULL,
  person          TEXT NOT NULL,
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
  seq       BIGINT PRIMARY KEY,
  hash      TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
);

CREATE TABLE journal_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  seq       BIGINT NOT NULL,
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

CREATE TABLE person_accounts (
  numero_ofpra  TEXT PRIMARY KEY CHECK (length(numero_ofpra) = 9),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT
);

CREATE TABLE one_time_codes (
  request_id   TEXT PRIMARY KEY,
  numero_ofpra TEXT NOT NULL,
  purpose      TEXT NOT NULL CHECK (purpose IN ('activation', 'reinitialisation')),
  code_hash    TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  used_at      TEXT
);

CREATE TABLE person_sessions (
  token_hash   TEXT PRIMARY KEY,
  numero_ofpra TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  idle_until   TEXT NOT NULL
);
CREATE INDEX person_sessions_by_person ON person_sessions (numero_ofpra);

CREATE TABLE share_codes (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  numero_ofpra    TEXT NOT NULL CHECK (length(numero_ofpra) = 9),
  code_hash       TEXT NOT NULL UNIQUE,
  code_hint       TEXT NOT NULL,
  level           TEXT NOT NULL CHECK (level IN ('protection', 'protection_etat_civil', 'etat_civil_complet')),
  purpose         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  revoked_at      TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX share_codes_by_person ON share_codes (numero_ofpra);

CREATE TABLE outbox (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
