#!/usr/bin/env bash
# A bulk job against the same items sent one by one (docs/BULK.md): ITEMS verifications by
# numero_ofpra, scope protection, about persons drawn at random, journal on. Baseline: the same
# request bodies sent by wrk on CONNS keep-alive connections for DURATION seconds. Prints items
# per second and the server's CPU (user + system) per item for each.
# Usage: bench/bulk.sh [PERSONS] [ITEMS] [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/lib.sh"
PERSONS=${1:-1000000}
ITEMS=${2:-100000}
DURATION=${3:-10}
CONNS=${4:-64}
command -v wrk >/dev/null || { echo "needs wrk (scripts/install-deps)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/ofpra-bench.XXXX)
cleanup() { kill "${srv:-}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

data=$(bench_registry "$PERSONS")
client=$(awk '$1=="caf" {print $3" "$4}' "$data/logins.txt")
client_id=${client%% *}; client_id=${client_id#client_id=}
secret=${client##* }; secret=${secret#client_secret=}
siret=$(awk '$1=="caf" {print $2}' "$data/logins.txt")
port=$(free_port)
"$BIN" serve --db "sqlite:$data/registry.db" --listen "127.0.0.1:$port" --access-log false --rate-limit 100000000 \
  >/dev/null 2>"$tmp/serve.err" &
srv=$!
for _ in $(seq 1200); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.05; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$tmp/serve.err" >&2; exit 1; }
# A fresh journal for every run, so that runs compare (after the server migrated the file).
sqlite3 "$data/registry.db" "DELETE FROM journal_entries; DELETE FROM journal_checkpoints; DELETE FROM journal_head;
  DELETE FROM journal_receipts; DELETE FROM bulk_items; DELETE FROM bulk_jobs;"
token=$(curl -fs -u "$client_id:$secret" -d grant_type=client_credentials -d scope=protection \
  "http://127.0.0.1:$port/oauth/token" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
sqlite3 "$data/registry.db" "SELECT numero_ofpra FROM persons ORDER BY random() LIMIT $ITEMS" > "$tmp/numeros.txt"
awk -v s="$siret" '{printf "{\"recipient\":\"%s\",\"motif\":\"Contrôle annuel\",\"scopes\":[\"protection\"],\"numero_ofpra\":\"%s\"}\n", s, $1}' \
  "$tmp/numeros.txt" > "$tmp/items.jsonl"
echo "machine: $(machine); $PERSONS persons; $ITEMS items by numero_ofpra, scope protection, journal on"

cat > "$tmp/single.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local bodies = {}
for line in io.lines("$tmp/items.jsonl") do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
LUA
export WRK_SCRIPT="$tmp/single.lua"
measure single "http://127.0.0.1:$port/api/v1/verifications" "$srv"
single=$(cat "$tmp/single.us")

before=$(cpu_seconds "$srv")
thread_ticks "$srv" > "$tmp/bulk.threads-before"
start=$(date +%s.%N)
id=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' --data-binary @"$tmp/items.jsonl" \
  "http://127.0.0.1:$port/api/v1/lots" | python3 -c 'import sys, json; print(json.load(sys.stdin)["data"]["id"])')
until curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/lots/$id" | grep -q '"etat":"termine"'; do
  sleep 0.2
done
wall=$(echo "$(date +%s.%N) - $start" | bc -l)
after=$(cpu_seconds "$srv")
thread_ticks "$srv" > "$tmp/bulk.threads-after"
results=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/lots/$id/resultats" | grep -c '"resultat":"trouve"')
[ "$results" -eq "$ITEMS" ] || { echo "the job answered $results of $ITEMS items trouve" >&2; exit 1; }
per_item=$(echo "($after - $before) * 1000000 / $ITEMS" | bc -l)
printf '%-14s %12.0f items/s                        server CPU %6.1f µs/item (submission to the last answer)\n' \
  bulk "$(echo "$ITEMS / $wall" | bc -l)" "$per_item"
join "$tmp/bulk.threads-before" "$tmp/bulk.threads-after" |
  awk -v hz="$(getconf CLK_TCK)" -v n="$ITEMS" '{d = ($3 - $2) / hz * 1e6 / n; if (d >= 0.05) printf "%s%s %.1f", (k++ ? ", " : "  by thread (µs/item): "), $1, d} END {print ""}'
printf 'ratio (bulk CPU per item / single request): %.2f\n' "$(echo "$per_item / $single" | bc -l)"
