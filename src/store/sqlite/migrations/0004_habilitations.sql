-- Habilitations (DESIGN §3): what each administration may ask, on which legal basis, and
-- whether each scope needs the person's consent.
CREATE TABLE habilitations (
  id               INTEGER PRIMARY KEY,
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
  habilitation_id  INTEGER NOT NULL REFERENCES habilitations (id) ON DELETE CASCADE,
  scope            TEXT NOT NULL CHECK (scope IN ('protection', 'protection.historique', 'etat_civil.avancement',
                                                  'etat_civil.identite', 'etat_civil.famille')),
  consent_required INTEGER NOT NULL CHECK (consent_required IN (0, 1)),
  PRIMARY KEY (habilitation_id, scope)
) WITHOUT ROWID;
