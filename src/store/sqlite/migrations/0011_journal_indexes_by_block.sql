-- SQLite's write-ahead log holds whole pages: an index on (person, seq) put each entry about
-- a different person into a page of its own, written at the commit and copied again at the
-- checkpoint (a third of the server's CPU under a load of many persons). Led by the entry's
-- block of 1,024 seqs, both indexes grow at their end like the table; a person's or a
-- partner's entries are found block by block (store/sql/journal_store.cpp, journal_block_bits,
-- which must match the 10 below). PostgreSQL logs rows, not pages, and keeps (person, seq).
DROP INDEX IF EXISTS journal_by_person;
DROP INDEX IF EXISTS journal_by_partner;
CREATE INDEX journal_by_block_person ON journal_entries ((seq >> 10), person);
CREATE INDEX journal_by_block_partner ON journal_entries ((seq >> 10), partner_siret);
