-- What people said of a journey ("Je donne mon avis"): nothing that identifies who, not even the
-- time of day, so that an opinion cannot be matched with a journal entry.
CREATE TABLE IF NOT EXISTS opinions (
  id       BIGSERIAL PRIMARY KEY,
  day      TEXT NOT NULL,
  journey  TEXT NOT NULL,
  language TEXT NOT NULL,
  useful   TEXT NOT NULL CHECK (useful IN ('oui', 'en_partie', 'non')),
  ease     INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
  comment  TEXT NOT NULL DEFAULT ''
);
