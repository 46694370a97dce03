-- Requests to OFPRA (docs/DEMANDES.md): a question the machine could not settle, or a person's
-- own question, handed to OFPRA's support with a promised delay in working days.
CREATE TABLE demandes (
  id               TEXT PRIMARY KEY,
  channel          TEXT NOT NULL CHECK (channel IN ('api', 'guichet', 'portail')),
  partner_siret    TEXT NOT NULL,   -- '' for a person's own question
  client_id        TEXT NOT NULL,
  agent            TEXT NOT NULL,
  person           TEXT NOT NULL,   -- herself (portal), or whom the answer is about; '' until then
  question         TEXT NOT NULL,   -- the verification asked, as the API's JSON body; '' from the portal
  topic            TEXT NOT NULL,   -- the portal's subject of her question; '' otherwise
  note             TEXT NOT NULL,
  follows          INTEGER NOT NULL,  -- the journal entry of the automated answer it follows; 0: none
  reference        INTEGER NOT NULL,  -- the journal entry of its filing
  state            TEXT NOT NULL CHECK (state IN ('ouverte', 'prise_en_charge', 'repondue', 'close')),
  created_at       TEXT NOT NULL,
  due_on           TEXT NOT NULL,   -- YYYY-MM-DD
  assigned_to      TEXT NOT NULL,
  assigned_at      TEXT NOT NULL,
  settled_by       TEXT NOT NULL,
  settled_at       TEXT NOT NULL,
  reason           TEXT NOT NULL,   -- closing reason; '' when answered or pending
  message          TEXT NOT NULL,   -- OFPRA's words to whoever asked
  answer_reference INTEGER NOT NULL,  -- the journal entry of the answer given through the door
  answer           TEXT NOT NULL,   -- that answer, encoded; '' when none
  updated_at       TEXT NOT NULL
);
-- One request per automated answer: asking twice about one answer finds the first request.
CREATE UNIQUE INDEX demandes_by_answer_followed ON demandes (follows) WHERE follows > 0;
CREATE INDEX demandes_pending ON demandes (due_on, created_at) WHERE state IN ('ouverte', 'prise_en_charge');
CREATE INDEX demandes_by_partner ON demandes (partner_siret, created_at);
CREATE INDEX demandes_by_person ON demandes (person) WHERE person <> '';
CREATE INDEX demandes_by_time ON demandes (created_at);
