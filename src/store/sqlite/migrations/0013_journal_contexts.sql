-- What a partner's client asks for the same recipient is the same for thousands of entries
-- (channel, client, recipient, scopes asked and given): 72 of a row's 272 bytes of data,
-- written twice (the log, then the checkpoint). Held once in journal_contexts and named by
-- its id. No personal data there (the agent, the purpose as given, the person stay in the
-- entry, and go with it when retention purges it), so contexts are never purged. The chain's
-- hashes cover the context's fields as before: altering a context breaks every entry that
-- uses it. SQLite rewrites the table here, once (about 1 s per 100,000 entries).
CREATE TABLE journal_contexts (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  recipient_siret TEXT NOT NULL,
  scopes_asked    TEXT NOT NULL,   -- JSON array
  scopes_given    TEXT NOT NULL,   -- JSON array
  UNIQUE (channel, client_id, recipient_siret, scopes_asked, scopes_given)
);
INSERT INTO journal_contexts (channel, client_id, recipient_siret, scopes_asked, scopes_given)
  SELECT DISTINCT channel, client_id, recipient_siret, scopes_asked, scopes_given FROM journal_entries;

CREATE TABLE journal_entries_by_context (
  seq           INTEGER PRIMARY KEY,
  recorded_at   TEXT NOT NULL,
  context       INTEGER NOT NULL REFERENCES journal_contexts (id),
  partner_siret TEXT NOT NULL,
  agent         TEXT NOT NULL,
  purpose       TEXT NOT NULL,
  consent_ref   TEXT NOT NULL,
  person        TEXT NOT NULL,   -- numero_ofpra or ''
  result        TEXT NOT NULL,
  refusal_code  TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  hash          TEXT NOT NULL
);
INSERT INTO journal_entries_by_context
  SELECT e.seq, e.recorded_at, c.id, e.partner_siret, e.agent, e.purpose, e.consent_ref, e.person, e.result,
         e.refusal_code, e.request_hash, e.hash
  FROM journal_entries e
  JOIN journal_contexts c ON c.channel = e.channel AND c.client_id = e.client_id
    AND c.recipient_siret = e.recipient_siret AND c.scopes_asked = e.scopes_asked AND c.scopes_given = e.scopes_given
  ORDER BY e.seq;
DROP TABLE journal_entries;
ALTER TABLE journal_entries_by_context RENAME TO journal_entries;
CREATE INDEX journal_by_block_person ON journal_entries ((seq >> 10), person);
CREATE INDEX journal_by_block_partner ON journal_entries ((seq >> 10), partner_siret);
