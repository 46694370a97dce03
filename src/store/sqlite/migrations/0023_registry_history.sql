-- Registry history (docs/REGISTRY-HISTORY.md): a person's current version stays in persons and
-- its lists; every version a write replaced is kept whole in person_versions, and each change
-- emits typed events in registry_events, in the same transaction as the write.
ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- SHA-256 (hex) of the record as its writer gave it, so that an unchanged record is recognised
-- without reading her lists; NULL for a person written before history was kept.
ALTER TABLE persons ADD COLUMN digest TEXT;
ALTER TABLE persons ADD COLUMN written_by TEXT NOT NULL DEFAULT '';

CREATE TABLE person_versions (
  numero_ofpra TEXT NOT NULL,
  version      INTEGER NOT NULL,
  record       TEXT NOT NULL,   -- the registry record (DESIGN §5) as that version stood
  written_at   TEXT NOT NULL,
  written_by   TEXT NOT NULL,
  replaced_at  TEXT NOT NULL,
  PRIMARY KEY (numero_ofpra, version)
) WITHOUT ROWID;

CREATE TABLE registry_events (
  id           INTEGER PRIMARY KEY,
  numero_ofpra TEXT NOT NULL,
  version      INTEGER NOT NULL,  -- the version that made it; for a removal, the last one
  type         TEXT NOT NULL,
  detail       TEXT NOT NULL,     -- JSON: words and dates, never names
  occurred_at  TEXT NOT NULL
);
CREATE INDEX registry_events_by_person ON registry_events (numero_ofpra, id);
