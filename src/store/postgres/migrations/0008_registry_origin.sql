-- IF NOT EXISTS: applied again over a database restored as an older version wrote it, it
-- keeps what is there.
-- Whether the registry was made by `seed` alone (synthetic persons): tools that read persons out
-- for measurement (match-queries) refuse a registry of real persons unless told otherwise. A
-- registry of unknown origin counts as real.
ALTER TABLE registry_state ADD COLUMN IF NOT EXISTS synthetic INTEGER NOT NULL DEFAULT 0;
