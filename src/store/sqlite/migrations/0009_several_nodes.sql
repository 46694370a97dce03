-- Request counts per fixed window, for limits shared by several processes on one database
-- (PostgreSQL deployments use them; see docs/OPERATIONS.md). Keys are SHA-256 hashes: a
-- client address is never stored.
CREATE TABLE rate_windows (
  key          TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end   INTEGER NOT NULL,
  used         INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_windows_by_end ON rate_windows (window_end);

-- A message is claimed by one dispatcher (one node) before it is sent, so that two nodes
-- never send it twice; a claim left by a node that died lapses after a few minutes.
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
