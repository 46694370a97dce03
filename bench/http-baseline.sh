#!/usr/bin/env bash
# HTTP baseline: /healthz of ofpra-connect against nginx answering a fixed 200, side by side,
# under wrk with keep-alive. Reports requests/s, latency and server CPU per request.
# Usage: bench/http-baseline.sh [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/lib.sh"
DURATION=${1:-10}
CONNS=${2:-64}
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (scripts/install-deps)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/ofpra-bench.XXXX)
cleanup() { kill "${srv:-}" 2>/dev/null || true; [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# nginx: as many workers as we have io threads, the same body; access logs on for both or
# off for both (ACCESS_LOG=true|false), one unbuffered line per request either way.
start_nginx /healthz '{"status":"ok"}'

"$BIN" migrate --db "sqlite:$tmp/r.db" >/dev/null
oport=$(free_port)
"$BIN" serve --db "sqlite:$tmp/r.db" --listen "127.0.0.1:$oport" --access-log "${ACCESS_LOG:-false}" >"$tmp/access.log" 2>"$tmp/serve.err" &
srv=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$oport/healthz" >/dev/null && break; sleep 0.1; done

echo "machine: $(machine); wrk -t1 -c$CONNS -d${DURATION}s, keep-alive, access logs ${ACCESS_LOG:-false}"
measure nginx "http://127.0.0.1:$nport/healthz" $nginx_pids
measure ofpra-connect "http://127.0.0.1:$oport/healthz" "$srv"
printf 'ratio (ofpra-connect CPU per request / nginx): %.2f\n' "$(echo "$(cat "$tmp/ofpra-connect.us") / $(cat "$tmp/nginx.us")" | bc -l)"
