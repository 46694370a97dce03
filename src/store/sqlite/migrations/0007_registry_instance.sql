-- A random identity of this registry, so that a copy of the registry kept elsewhere (the
-- server's snapshot file) is never taken for another registry's that reached the same
-- generation.
ALTER TABLE registry_state ADD COLUMN instance TEXT NOT NULL DEFAULT '';
UPDATE registry_state SET instance = lower(hex(randomblob(16))) WHERE id = 1;
