-- Signed attestations (docs/ATTESTATIONS.md): what each states and whether it still holds; what
-- it says of her is in its 2D-Doc, on the paper, not here.
CREATE TABLE IF NOT EXISTS attestations (
  id             TEXT PRIMARY KEY,
  numero_ofpra   TEXT NOT NULL,
  level          TEXT NOT NULL CHECK (level IN ('protection', 'avancement', 'identite')),
  language       TEXT NOT NULL,
  certificate    TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  valid_until    TEXT NOT NULL,
  reference      BIGINT NOT NULL,
  issued_by      TEXT NOT NULL,
  revoked_at     TEXT NOT NULL,
  revoked_reason TEXT NOT NULL,
  revoked_by     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attestations_by_person ON attestations (numero_ofpra, issued_at);
