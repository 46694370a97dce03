-- Registry history (docs/REGISTRY-HISTORY.md): a person's current version stays in persons and
-- its lists; every version a write replaced is kept whole in person_versions, and each change
-- emits typed events in registry_events, in the same transaction as the write.
ALTER TABLE persons ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 1;
-- SHA-256 (hex) of the record as its writer gave it, so that an unchanged record is recognised
-- without reading her lists; NULL for a person written before history was kept.
ALTER TABLE persons ADD COLUMN IF NOT EXISTS digest TEXT;
ALTER TABLE persons ADD COLUMN IF NOT EXISTS written_by TEXT NOT NULL DEFAULT '';

CREATE TABLE IF NOT EXISTS person_versions (
  numero_ofpra TEXT NOT NULL,
  version      BIGINT NOT NULL,
  record       TEXT NOT NULL,   -- the registry record (DESIGN §5) as that version stood
  written_at   TEXT NOT NULL,
  written_by   TEXT NOT NULL,
  replaced_at  TEXT NOT NULL,
  PRIMARY KEY (numero_ofpra, version)
);

CREATE TABLE IF NOT EXISTS registry_events (
  id           BIGSERIAL PRIMARY KEY,
  numero_ofpra TEXT NOT NULL,
  version      BIGINT NOT NULL,  -- the version that made it; for a removal, the last one
  type         TEXT NOT NULL,
  detail       TEXT NOT NULL,    -- JSON: words and dates, never names
  occurred_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registry_events_by_person ON registry_events (numero_ofpra, id);
