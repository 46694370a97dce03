#!/usr/bin/env bash
# Verification by numero_ofpra with a valid token and the journal on, against nginx answering
# a fixed 200 to the same POST, side by side under wrk with keep-alive, on a synthetic registry.
# Usage: bench/verification.sh [PERSONS] [SECONDS] [CONNECTIONS] [PACED_RATE]
# (ROUNDS=N in the environment: alternated pairs of each full load, default 3; SYSCALLS=1: the
# system calls each server makes per request, counted by perf.)
# (PERSONS defaults to 1,000,000; the registry is kept in var/bench/ and reused when it has
# that size.)
# Two loads: wrk as fast as it can (CPU per request), then the same connections paced to
# PACED_RATE requests/s in all (default 5,000) for latency. Under the first, wrk keeps 64
# requests in flight whatever the server does, so its latency is 64 / throughput by Little's
# law and says how fast the server is, not how long a partner waits. Then the full load once
# more with each request about a different person.
source "$(dirname "$0")/lib.sh"
PERSONS=${1:-1000000}
DURATION=${2:-10}
CONNS=${3:-64}
PACED_RATE=${4:-5000}
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (scripts/install-deps)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/ofpra-bench.XXXX)
cleanup() { kill "${srv:-}" 2>/dev/null || true; [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

data=$(bench_registry "$PERSONS")
# A fresh journal for every run, so that runs compare.
sqlite3 "$data/registry.db" "DELETE FROM journal_entries; DELETE FROM journal_checkpoints; DELETE FROM journal_head;"
client=$(awk '$1=="caf" {print $3" "$4}' "$data/logins.txt")
client_id=${client%% *}; client_id=${client_id#client_id=}
secret=${client##* }; secret=${secret#client_secret=}
numero=$(awk '$1 ~ /^[0-9]+$/ && length($1) == 9 {print $1; exit}' "$data/logins.txt")
siret=$(awk '$1=="caf" {print $2}' "$data/logins.txt")  # the recipient: the CAF itself

oport=$(free_port)
start=$(date +%s.%N)
"$BIN" serve --db "sqlite:$data/registry.db" --listen "127.0.0.1:$oport" --access-log false --rate-limit 100000000 \
  >"$tmp/access.log" 2>"$tmp/serve.err" &
srv=$!
for _ in $(seq 600); do curl -fs "http://127.0.0.1:$oport/readyz" >/dev/null && break; sleep 0.05; done
curl -fs "http://127.0.0.1:$oport/readyz" >/dev/null || { cat "$tmp/serve.err" >&2; exit 1; }
ready=$(echo "$(date +%s.%N) - $start" | bc -l)
token=$(curl -fs -u "$client_id:$secret" -d grant_type=client_credentials -d scope=protection \
  "http://127.0.0.1:$oport/oauth/token" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
body="{\"recipient\":\"$siret\",\"motif\":\"Ouverture de droits\",\"scopes\":[\"protection\"],\"numero_ofpra\":\"$numero\"}"
curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$oport/api/v1/verifications" | grep -q '"resultat":"trouve"' || { echo "the verification does not answer trouve" >&2; exit 1; }
cat > "$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '$body'
LUA

start_nginx /api/v1/verifications '{"data":{"resultat":"trouve","protection":{"protege":true,"date":"2026-12-01","type":"refugie","depuis":"2013-03-09"}},"links":{},"meta":{"reference":"1"}}'

rss=$(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$srv/status")
echo "machine: $(machine); $PERSONS persons; ready in ${ready%???????} s, resident $rss"
echo "wrk -t1 -c$CONNS -d${DURATION}s, keep-alive, POST /api/v1/verifications by numero_ofpra, journal on, access logs off"
export WRK_SCRIPT="$tmp/post.lua"
alternated_ratio "ratio (ofpra-connect CPU per request / nginx)" nginx ofpra-connect \
  "http://127.0.0.1:$nport/api/v1/verifications" "http://127.0.0.1:$oport/api/v1/verifications"
# Each connection waits CONNS/PACED_RATE between its answer and its next request (wrk's
# delay(), in whole milliseconds): the offered load stays near PACED_RATE whatever the latency.
delay_ms=$(( (CONNS * 1000 + PACED_RATE / 2) / PACED_RATE ))
{ cat "$tmp/post.lua"; echo "function delay() return $delay_ms end"; } > "$tmp/paced.lua"
echo "paced: the same $CONNS connections, each waiting ${delay_ms} ms between requests (about $PACED_RATE requests/s in all)"
export WRK_SCRIPT="$tmp/paced.lua"
measure nginx-paced "http://127.0.0.1:$nport/api/v1/verifications" $nginx_pids
METRICS_URL="http://127.0.0.1:$oport/metrics" measure ofpra-paced "http://127.0.0.1:$oport/api/v1/verifications" "$srv"
# Partners ask about many persons, not one: each journal entry then lands in its own page of
# the journal's index by person. The same full load, each request about a person drawn at
# random among 20,000 (nginx gets the same requests).
sqlite3 "$data/registry.db" "SELECT numero_ofpra FROM persons ORDER BY random() LIMIT 20000" > "$tmp/numeros.txt"
{ cat "$tmp/post.lua"; cat <<LUA
local numeros = {}
for line in io.lines("$tmp/numeros.txt") do numeros[#numeros + 1] = line end
request = function()
  return wrk.format(nil, nil, nil, (string.gsub(wrk.body, "$numero", numeros[math.random(#numeros)])))
end
LUA
} > "$tmp/many.lua"
echo "many persons: full load again, each request about one of 20,000 persons drawn at random"
export WRK_SCRIPT="$tmp/many.lua"
alternated_ratio "ratio, many persons" nginx-many ofpra-many \
  "http://127.0.0.1:$nport/api/v1/verifications" "http://127.0.0.1:$oport/api/v1/verifications"
entries=$(sqlite3 "$data/registry.db" "SELECT count(*) FROM journal_entries")
echo "journal entries written: $entries"
kill "$srv"; wait "$srv" 2>/dev/null || true; srv=
"$BIN" journal verify --db "sqlite:$data/registry.db" >/dev/null && echo "journal verify: intact"
