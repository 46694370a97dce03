#!/usr/bin/env bash
# The verification benchmark (bench/verification.sh) on each storage: SQLite, one node;
# PostgreSQL, one node; PostgreSQL, two nodes on the same database, each loaded by its own wrk
# with half the connections. CPU per request counts every process that serves: the nodes and,
# for PostgreSQL, the database server's processes (SQLite does that work inside the node).
# nginx's fixed 200 is run first, as the baseline of the ratios.
# Usage: bench/backends.sh [PERSONS] [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/lib.sh"
PERSONS=${1:-1000000}
DURATION=${2:-10}
CONNS=${3:-64}
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (scripts/install-deps)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/ofpra-bench.XXXX)
nodes=()
cleanup() {
  for p in "${nodes[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  "$ROOT/scripts/pg-cluster" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "machine: $(machine); $PERSONS persons; wrk -t1 -c$CONNS -d${DURATION}s, keep-alive, journal on, access logs off"

# SQLite: the registry of bench/verification.sh, its journal emptied.
data=$(bench_registry "$PERSONS")
sqlite3 "$data/registry.db" "DELETE FROM journal_entries; DELETE FROM journal_checkpoints; DELETE FROM journal_head;"
sqlite_url="sqlite:$data/registry.db"
sqlite_logins="$data/logins.txt"

# PostgreSQL: a throwaway cluster with durable commits, seeded with the same registry.
pg_url=$(PG_CLUSTER_FSYNC=on "$ROOT/scripts/pg-cluster" start "$tmp/pg")
mkdir -p "$tmp/pg-keys"
start=$(date +%s.%N)
"$BIN" seed --db "$pg_url" --persons "$PERSONS" > "$tmp/pg-logins.txt"
printf 'seeding %s persons into PostgreSQL (COPY in chunks of 2000): %.1f s\n' "$PERSONS" "$(echo "$(date +%s.%N) - $start" | bc -l)"
pg_cluster_dir=$(cat "$tmp/pg/cluster")
pg_pids() { pgrep -f "postgres.*$pg_cluster_dir|postgres: " -u postgres 2>/dev/null | tr '\n' ' '; }

# Starts a node; prints its pid and port, and (on stderr) how long it took to be ready. The
# first node on a database reads the registry from it; the snapshot file then serves later
# starts (docs/PERFORMANCE.md, start-up).
start_node() { # name url keys-dir
  local port; port=$(free_port)
  local start; start=$(date +%s.%N)
  "$BIN" serve --db "$2" --keys-dir "$3" --listen "127.0.0.1:$port" --access-log false --rate-limit 100000000 \
    >/dev/null 2>"$tmp/serve-$port.err" &
  local pid=$!
  for _ in $(seq 12000); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.05; done
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$tmp/serve-$port.err" >&2; echo "$1 did not start" >&2; exit 1; }
  printf '%s ready in %.1f s (%s)\n' "$1" "$(echo "$(date +%s.%N) - $start" | bc -l)" \
    "$(grep -q 'read from its file' "$tmp/serve-$port.err" && echo 'snapshot file' || echo 'registry read from the database')" >&2
  echo "$pid $port"
}

# Writes the wrk script for a node: a token of the CAF client in logins, a known person.
wrk_script() { # port logins out
  local client client_id secret numero siret token body
  client=$(awk '$1=="caf" {print $3" "$4}' "$2")
  client_id=${client%% *}; client_id=${client_id#client_id=}
  secret=${client##* }; secret=${secret#client_secret=}
  numero=$(awk '$1 ~ /^[0-9]+$/ && length($1) == 9 {print $1; exit}' "$2")
  siret=$(awk '$1=="caf" {print $2}' "$2")  # the recipient: the CAF itself
  token=$(curl -fs -u "$client_id:$secret" -d grant_type=client_credentials -d scope=protection \
    "http://127.0.0.1:$1/oauth/token" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
  body="{\"recipient\":\"$siret\",\"motif\":\"Ouverture de droits\",\"scopes\":[\"protection\"],\"numero_ofpra\":\"$numero\"}"
  curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
    "http://127.0.0.1:$1/api/v1/verifications" | grep -q '"resultat":"trouve"' || { echo "no trouve answer" >&2; exit 1; }
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\nwrk.body = %s\n' \
    "$token" "'$body'" > "$3"
}

# Runs one wrk per port at once (connections shared out) and prints the sums.
measure_nodes() { # name "pids" port...
  local name=$1 pids=$2; shift 2
  local n=$# c=$((CONNS / $#)) before=0 after=0 p i=0
  for port in "$@"; do wrk -t1 -c"$c" -d2s -s "$tmp/post-$port.lua" "http://127.0.0.1:$port/api/v1/verifications" >/dev/null & done
  wait
  for p in $pids; do before=$(echo "$before + $(cpu_seconds "$p" 2>/dev/null || echo 0)" | bc -l); done
  for port in "$@"; do
    wrk -t1 -c"$c" -d"${DURATION}s" --latency -s "$tmp/post-$port.lua" "http://127.0.0.1:$port/api/v1/verifications" > "$tmp/$name-$port.wrk" &
  done
  wait
  for p in $pids; do after=$(echo "$after + $(cpu_seconds "$p" 2>/dev/null || echo 0)" | bc -l); done
  local reqs=0 rps=0 p99s="" non2xx=0
  for port in "$@"; do
    reqs=$((reqs + $(awk '/requests in/ {print $1}' "$tmp/$name-$port.wrk")))
    rps=$(echo "$rps + $(awk '/Requests\/sec/ {print $2}' "$tmp/$name-$port.wrk")" | bc -l)
    p99s="$p99s $(awk '$1=="99%" {print $2}' "$tmp/$name-$port.wrk")"
    non2xx=$((non2xx + $(awk '/Non-2xx/ {print $NF; f=1} END {if (!f) print 0}' "$tmp/$name-$port.wrk")))
  done
  local us; us=$(echo "($after - $before) * 1000000 / $reqs" | bc -l)
  printf '%-20s %10.0f req/s   p99%-18s   CPU %6.1f µs/request   ratio %5.2f%s\n' "$name" "$rps" "$p99s" "$us" \
    "$(echo "$us / $(cat "$tmp/nginx.us")" | bc -l)" "$([ "$non2xx" -gt 0 ] && echo "   (non-2xx: $non2xx)")"
}

start_nginx /api/v1/verifications '{"data":{"resultat":"trouve","protection":{"protege":true,"date":"2026-12-01","type":"refugie","depuis":"2013-03-09"}},"links":{},"meta":{"reference":"1"}}'
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' "'{}'" > "$tmp/nginx.lua"
export WRK_SCRIPT="$tmp/nginx.lua"
measure nginx "http://127.0.0.1:$nport/api/v1/verifications" $nginx_pids
kill "$(cat "$tmp/nginx.pid")"; rm -f "$tmp/nginx.pid"

read -r pid port < <(start_node "SQLite node" "$sqlite_url" "$data/registry.db.keys"); nodes+=("$pid")
wrk_script "$port" "$sqlite_logins" "$tmp/post-$port.lua"
measure_nodes "SQLite, 1 node" "$pid" "$port"
kill "$pid"; wait "$pid" 2>/dev/null || true

read -r pid port < <(start_node "PostgreSQL node 1" "$pg_url" "$tmp/pg-keys"); nodes+=("$pid")
wrk_script "$port" "$tmp/pg-logins.txt" "$tmp/post-$port.lua"
measure_nodes "PostgreSQL, 1 node" "$pid $(pg_pids)" "$port"

read -r pid2 port2 < <(start_node "PostgreSQL node 2" "$pg_url" "$tmp/pg-keys"); nodes+=("$pid2")
wrk_script "$port2" "$tmp/pg-logins.txt" "$tmp/post-$port2.lua"
measure_nodes "PostgreSQL, 2 nodes" "$pid $pid2 $(pg_pids)" "$port" "$port2"
kill "$pid" "$pid2"; wait 2>/dev/null || true
"$BIN" journal verify --db "$pg_url" --keys-dir "$tmp/pg-keys" >/dev/null && echo "journal verify (PostgreSQL, both nodes' entries in one chain): intact"
echo "journal entries on PostgreSQL: $(psql "$pg_url" -At -c 'SELECT count(*) FROM journal_entries')"
