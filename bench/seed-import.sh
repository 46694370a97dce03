#!/usr/bin/env bash
# seed and import of N persons (default 1,000,000): wall time and peak memory, with a baseline:
# the sqlite3 shell loading the same JSON Lines file as raw text into one column (the floor
# cost of writing those bytes to SQLite, with no parsing, validation or normalised tables).
# Usage: bench/seed-import.sh [N]
source "$(dirname "$0")/lib.sh"
N=${1:-1000000}
tmp=$(mktemp -d /tmp/ofpra-bench.XXXX)
trap 'rm -rf "$tmp"' EXIT

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r secs kb < "$tmp/time"
  printf '%-34s %8.1f s   peak RSS %6.0f MiB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
  echo "$secs" > "$tmp/$label.s"
}

echo "machine: $(machine); $N persons"
measure "seed" "$BIN" seed --db "sqlite:$tmp/seed.db" --persons "$N" --seed 1
"$BIN" export --db "sqlite:$tmp/seed.db" "$tmp/registry.jsonl" 2>/dev/null
printf '%-34s %8.0f MiB\n' "JSONL size" "$(echo "$(stat -c %s "$tmp/registry.jsonl") / 1048576" | bc -l)"
measure "import" "$BIN" import --db "sqlite:$tmp/import.db" "$tmp/registry.jsonl"
measure "import again (unchanged)" "$BIN" import --db "sqlite:$tmp/import.db" "$tmp/registry.jsonl"
# One person in a hundred changed: an open protection ended, else a new birth name (events,
# a kept version, an alias).
python3 - "$tmp/registry.jsonl" "$tmp/changed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as out:
    for i, line in enumerate(src):
        if i % 100 == 0:
            p = json.loads(line)
            open_ones = [r for r in p["protections"] if r["fin"] is None]
            if open_ones:
                open_ones[-1].update(fin="2026-12-01", motif_fin="cessation")
            else:
                p["nom_naissance"] += "E"
            line = json.dumps(p, ensure_ascii=False) + "\n"
        out.write(line)
PY
measure "import with 1 % changed" "$BIN" import --db "sqlite:$tmp/import.db" "$tmp/changed.jsonl"
"$BIN" import --db "sqlite:$tmp/import.db" "$tmp/registry.jsonl" >/dev/null  # back, for the next step
sqlite3 "$tmp/import.db" "DELETE FROM person_versions; DELETE FROM registry_events; UPDATE persons SET digest = NULL"
measure "import over a registry without history" "$BIN" import --db "sqlite:$tmp/import.db" "$tmp/changed.jsonl"
# JSON Lines hold no raw tab (JSON escapes it), so each line is one tab-separated field.
printf 'CREATE TABLE raw(line TEXT);\n.mode tabs\n.import %s raw\n' "$tmp/registry.jsonl" > "$tmp/raw.sql"
measure "baseline: sqlite3 .import raw" sqlite3 "$tmp/raw.db" ".read $tmp/raw.sql"
printf 'ratio import / raw baseline: %.1f\n' "$(echo "$(cat "$tmp/import.s") / $(cat "$tmp/baseline: sqlite3 .import raw.s")" | bc -l)"
printf 'database size after import: %.0f MiB\n' "$(echo "$(stat -c %s "$tmp/import.db") / 1048576" | bc -l)"
