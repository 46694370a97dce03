-- The administrations a partner may receive answers for besides itself (a software vendor acting
-- for named administrations): a verification's recipient must be the partner or one of these,
-- under a habilitation in force. Written only with their habilitation, in its transaction, whose
-- insert already bumps the access generation.
CREATE TABLE habilitation_recipients (
  habilitation_id INTEGER NOT NULL REFERENCES habilitations (id) ON DELETE CASCADE,
  siret           TEXT NOT NULL CHECK (length(siret) = 14),
  PRIMARY KEY (habilitation_id, siret)
);
