-- An entry's prev_hash is the hash of the entry before it (or, after a purge, of the
-- checkpoint anchoring the first entry left): the journal derives it while reading in seq
-- order (store/sql/journal_store.cpp, scan) and verification recomputes the whole chain
-- anyway. Stored, it was 64 of an entry's 354 bytes, written to the log at the commit and
-- again at the checkpoint. SQLite rewrites every row here (about 2 s a million entries).
ALTER TABLE journal_entries DROP COLUMN prev_hash;
