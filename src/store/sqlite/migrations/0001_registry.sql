-- The registry of protected persons (DESIGN §3). Lists are child tables keyed by
-- (person_id, position) so a re-import replaces them whole.
CREATE TABLE persons (
  id                  INTEGER PRIMARY KEY,
  numero_ofpra        TEXT NOT NULL UNIQUE CHECK (length(numero_ofpra) = 9),
  numero_agdref       TEXT CHECK (numero_agdref IS NULL OR length(numero_agdref) = 10),
  nom_naissance       TEXT NOT NULL,
  nom_usage           TEXT,
  prenoms             TEXT NOT NULL,          -- JSON array of strings
  ecriture_script     TEXT,                   -- ISO 15924
  ecriture_nom        TEXT,
  ecriture_prenoms    TEXT,                   -- JSON array of strings
  sexe                TEXT NOT NULL CHECK (sexe IN ('M', 'F', 'X')),
  date_naissance      TEXT NOT NULL,          -- YYYY, YYYY-MM or YYYY-MM-DD
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
  person_id     INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  nom_naissance TEXT NOT NULL,
  prenoms       TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;

CREATE TABLE protections (
  person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  type      TEXT NOT NULL CHECK (type IN ('refugie', 'protection_subsidiaire', 'apatride')),
  autorite  TEXT NOT NULL CHECK (autorite IN ('OFPRA', 'CNDA')),
  debut     TEXT NOT NULL,
  fin       TEXT,
  motif_fin TEXT CHECK (motif_fin IS NULL OR motif_fin IN
                        ('cessation', 'renonciation', 'retrait', 'naturalisation', 'deces')),
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;

CREATE TABLE civil_status_files (
  person_id        INTEGER PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
  etape            TEXT NOT NULL CHECK (etape IN ('attente_ffr', 'ffr_recue', 'instruction', 'actes_etablis')),
  ffr_recue_le     TEXT,
  instruction_le   TEXT,
  actes_etablis_le TEXT
);

CREATE TABLE family_links (
  person_id      INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  lien           TEXT NOT NULL CHECK (lien IN ('conjoint', 'enfant', 'parent')),
  numero_ofpra   TEXT,                        -- another registered person, when known
  nom_naissance  TEXT,
  prenoms        TEXT NOT NULL,
  sexe           TEXT,
  date_naissance TEXT,
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;
CREATE INDEX family_links_by_relative ON family_links (numero_ofpra) WHERE numero_ofpra IS NOT NULL;
