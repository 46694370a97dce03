-- What the work that asked for an entry keeps of it (store/journal_store.hpp): a bulk job's
-- item, answered and journaled once, knows after any crash that it was, and with which answer.
-- Written in the entry's transaction; not part of the chain.
CREATE TABLE IF NOT EXISTS journal_receipts (
  key     TEXT PRIMARY KEY,
  seq     BIGINT NOT NULL,
  payload TEXT NOT NULL
);

-- Bulk verification jobs (docs/BULK.md): a partner's requests, one per line, answered by a worker
-- through the door; each item's answer is its journal receipt, keyed "lot:JOB:POSITION".
CREATE TABLE IF NOT EXISTS bulk_jobs (
  id            TEXT PRIMARY KEY,
  partner_siret TEXT NOT NULL,
  client_id     TEXT NOT NULL,
  scopes        TEXT NOT NULL,   -- the token's, space-separated, as the job was accepted
  items         BIGINT NOT NULL,
  created_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,   -- '' while it runs
  state         TEXT NOT NULL CHECK (state IN ('en_cours', 'termine', 'interrompu')),
  -- The node answering it, until lease_until (RFC 3339): one node at a time, so that no item is
  -- answered twice; a node restarted under the same name takes it back at once.
  lease_owner   TEXT NOT NULL DEFAULT '',
  lease_until   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS bulk_jobs_running ON bulk_jobs (state, created_at);

CREATE TABLE IF NOT EXISTS bulk_items (
  job_id   TEXT NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  request  TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
);
