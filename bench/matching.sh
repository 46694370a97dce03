#!/usr/bin/env bash
# Identity matching on a synthetic registry: our matcher (match-eval) against the naive
# baseline an engineer would build first (PostgreSQL 15, pg_trgm similarity filtered by birth
# year, fuzzystrmatch to break ties), on the same registry and the same labelled queries,
# reporting quality (precision, recall, wrong persons) and speed for both.
# Usage: bench/matching.sh [PERSONS] [QUERIES]
source "$(dirname "$0")/lib.sh"
PERSONS=${1:-1000000}
QUERIES=${2:-1300}
command -v pg_ctl >/dev/null || { echo "needs PostgreSQL 15 (scripts/install-deps)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/ofpra-bench.XXXX)
chmod 755 "$tmp"
cleanup() {
  [ -d "$tmp/pg" ] && runuser -u postgres -- pg_ctl -D "$tmp/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

data=$(bench_registry "$PERSONS")
db="sqlite:$data/registry.db"
"$BIN" match-queries --db "$db" --count "$QUERIES" --seed 5 "$tmp/queries.jsonl"
echo "machine: $(machine); $PERSONS persons; $(wc -l < "$tmp/queries.jsonl") labelled queries (match-queries --seed 5)"
echo
echo "== ofpra-connect match-eval"
/usr/bin/time -f "peak memory %M KiB" "$BIN" match-eval --db "$db" --timings "$tmp/queries.jsonl" 2>&1 | grep -v "^  "

echo
echo "== naive baseline: PostgreSQL 15 + pg_trgm + fuzzystrmatch"
"$BIN" export --db "$db" "$tmp/registry.jsonl" >/dev/null
mkdir "$tmp/pg" "$tmp/sock" && chown postgres "$tmp/pg" "$tmp/sock"
runuser -u postgres -- initdb -D "$tmp/pg" -A trust -U postgres >/dev/null
port=$(free_port)
runuser -u postgres -- pg_ctl -D "$tmp/pg" -l "$tmp/pg/log" -w \
  -o "-k $tmp/sock -p $port -c listen_addresses='' -c shared_buffers=512MB -c work_mem=64MB -c fsync=off" start >/dev/null
runuser -u postgres -- createdb -h "$tmp/sock" -p "$port" bench
NODE_PATH="$ROOT/node_modules" node "$ROOT/bench/pg_trgm_baseline.mjs" \
  "postgresql://postgres@localhost/bench?host=$tmp/sock&port=$port" "$tmp/registry.jsonl" "$tmp/queries.jsonl"
