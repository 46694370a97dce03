#!/usr/bin/env python3
"""Pages SQLite's write-ahead log takes per journal commit, for the journal's row layout as of
a migration against the current one: the schema is built from src/store/sqlite/migrations,
warmed with 100,000 entries, then 1,500 commits of 38 entries each (the server's batch under
full load) are written as the server writes them (entries, then the signed head), one person
or random persons. The log's frame count is exact, whatever the host's noise; the CPU figures
include Python's own and are only indicative.

Usage: bench/journal-wal-frames.py [OLD_VERSION] [DIR]   (default 11, a temporary folder)
"""
import hashlib, os, random, sqlite3, sys, tempfile, time
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent.parent / "src/store/sqlite/migrations"
JOURNAL = "0003_journal.sql"  # the journal's first schema; later ones alter it
BATCH, BATCHES, WARM = 38, 1500, 100_000


def schema(c, up_to):
    files = sorted(MIGRATIONS.glob("*.sql"))
    for f in files:
        version = int(f.name[:4])
        if f.name == JOURNAL or (version > 3 and version <= up_to and "journal" in f.name):
            c.executescript(f.read_text())
    columns = [r[1] for r in c.execute("PRAGMA table_info(journal_entries)")]
    if "context" in columns:
        c.execute("INSERT INTO journal_contexts VALUES (1, 'api', 'pc_695d272d97aabed98caa5873', "
                  "'21750001600019', '[\"protection\"]', '[\"protection\"]')")
    return columns


def entry(columns, seq, person):
    h = hashlib.sha256(str(seq).encode()).hexdigest()
    fields = {"seq": seq, "recorded_at": "2026-12-01T00:00:00.000Z", "channel": "api", "context": 1,
              "partner_siret": "99900003000018", "client_id": "pc_695d272d97aabed98caa5873", "agent": "",
              "recipient_siret": "21750001600019", "purpose": "Ouverture de droits", "consent_ref": "",
              "scopes_asked": '["protection"]', "scopes_given": '["protection"]', "person": person,
              "result": "trouve", "refusal_code": "", "request_hash": h, "prev_hash": h, "hash": h}
    return tuple(fields[c] for c in columns)


def run(folder, version, same):
    path = folder / f"journal-{version}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    c = sqlite3.connect(path, isolation_level=None)
    columns = schema(c, version)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("PRAGMA cache_size=-2048")
    insert = "INSERT INTO journal_entries (%s) VALUES (%s)" % (", ".join(columns), ", ".join("?" * len(columns)))
    person = lambda: "100000003" if same else str(100000000 + random.randrange(1000000))
    c.execute("BEGIN")
    c.executemany(insert, (entry(columns, s, person()) for s in range(1, WARM + 1)))
    c.execute("COMMIT")
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.execute("PRAGMA wal_autocheckpoint=0")
    rows = [entry(columns, WARM + 1 + i, person()) for i in range(BATCH * BATCHES)]
    cpu = time.process_time()
    for b in range(BATCHES):
        c.execute("BEGIN IMMEDIATE")
        c.executemany(insert, rows[b * BATCH:(b + 1) * BATCH])
        c.execute("INSERT OR REPLACE INTO journal_head VALUES (1, ?, ?, ?, ?, ?)", (b, "x" * 64, "2026", "k", "s" * 88))
        c.execute("COMMIT")
    cpu = time.process_time() - cpu
    frames = c.execute("PRAGMA wal_checkpoint").fetchone()[1]
    size = c.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'journal_entries'").fetchone()[0]
    c.close()
    return frames / BATCHES, cpu / (BATCH * BATCHES) * 1e6, size / (WARM + BATCH * BATCHES)


def main():
    old = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    new = max(int(f.name[:4]) for f in MIGRATIONS.glob("*.sql"))
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="ofpra-wal-frames."))
    print(f"SQLite {sqlite3.sqlite_version}; batches of {BATCH}, {BATCHES} commits after {WARM:,} entries")
    for same in (True, False):
        for version in (old, new):
            frames, us, per_entry = run(folder, version, same)
            print(f"schema {version:>2}, {'one person    ' if same else 'random persons'}: {frames:5.1f} log pages "
                  f"per commit, table {per_entry:5.0f} bytes per entry, CPU {us:5.1f} us per entry (with Python's)")


if __name__ == "__main__":
    main()
