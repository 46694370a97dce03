-- An entry's prev_hash is the hash of the entry before it (or, after a purge, of the
-- checkpoint anchoring the first entry left): the journal derives it while reading in seq
-- order (store/sql/journal_store.cpp, scan). Dropping the column is immediate; the rows
-- written before keep their bytes until the table is next rewritten (VACUUM FULL).
ALTER TABLE journal_entries DROP COLUMN prev_hash;
