-- Request counts per fixed window, shared by every node (rate limits, failure limits). Keys
-- are SHA-256 hashes: a client address is never stored.
CREATE TABLE rate_windows (
  key          TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  window_end   BIGINT NOT NULL,
  used         BIGINT NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_windows_by_end ON rate_windows (window_end);

-- A message is claimed by one dispatcher (one node) before it is sent, so that two nodes
-- never send it twice; a claim left by a node that died lapses after a few minutes.
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
