# Shared helpers of the benchmark scripts.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${OFPRA_CONNECT_BIN:-$ROOT/build/default/ofpra-connect}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 2; }

# CPU seconds (user+system) used so far by a process and its threads.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

# CPU ticks (user+system) used so far by each thread of a process, summed by thread name:
# lines of "name ticks".
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do echo "$(cat "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done 2>/dev/null |
    awk '{n[$1] += $2} END {for (k in n) print k, n[k]}' | sort
}

# A free loopback TCP port.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
}

# Runs wrk against url (warm-up, then DURATION seconds with CONNS connections; WRK_SCRIPT, when
# set, is a Lua script for wrk -s) and prints requests/s, latency and the CPU per request of
# the listed processes. Needs $tmp, $DURATION, $CONNS; leaves the figure in $tmp/NAME.us.
measure() { # name url pids...
  local name=$1 url=$2; shift 2
  local script=()
  [ -n "${WRK_SCRIPT:-}" ] && script=(-s "$WRK_SCRIPT")
  wrk -t1 -c"$CONNS" -d2s "${script[@]}" "$url" >/dev/null  # warm-up
  local before=0 after=0 p
  [ $# -eq 1 ] && thread_ticks "$1" > "$tmp/$name.threads-before"
  for p in "$@"; do before=$(echo "$before + $(cpu_seconds "$p")" | bc -l); done
  [ -n "${METRICS_URL:-}" ] && curl -fs "$METRICS_URL" > "$tmp/$name.metrics-before"
  local counting=
  if [ -n "${SYSCALLS:-}" ]; then
    perf stat -e 'syscalls:sys_enter_*' -p "$(echo "$@" | tr ' ' ',')" -o "$tmp/$name.syscalls" -- sleep "$DURATION" \
      >/dev/null 2>&1 & counting=$!
  fi
  wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "${script[@]}" "$url" > "$tmp/$name.wrk"
  [ -n "$counting" ] && { wait "$counting" || true; }
  for p in "$@"; do after=$(echo "$after + $(cpu_seconds "$p")" | bc -l); done
  [ -n "${METRICS_URL:-}" ] && curl -fs "$METRICS_URL" > "$tmp/$name.metrics-after"
  [ $# -eq 1 ] && thread_ticks "$1" > "$tmp/$name.threads-after"
  local reqs rps p50 p99 non2xx
  reqs=$(awk '/requests in/ {print $1}' "$tmp/$name.wrk")
  rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/$name.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$tmp/$name.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$tmp/$name.wrk")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$tmp/$name.wrk")
  local us
  us=$(echo "($after - $before) * 1000000 / $reqs" | bc -l)
  printf '%-14s %12s req/s   p50 %8s   p99 %8s   server CPU %6.1f µs/request%s\n' "$name" "$rps" "$p50" "$p99" "$us" \
    "${non2xx:+   (non-2xx: $non2xx)}"
  echo "$us" > "$tmp/$name.us"
  [ -n "${METRICS_URL:-}" ] && server_p99 "$tmp/$name.metrics-before" "$tmp/$name.metrics-after"
  [ -n "$counting" ] && syscalls_per_request "$tmp/$name.syscalls" "$reqs"
  # One process: where its CPU went, by thread (the server names its threads).
  if [ $# -eq 1 ]; then
    join "$tmp/$name.threads-before" "$tmp/$name.threads-after" |
      awk -v reqs="$reqs" -v hz="$(getconf CLK_TCK)" '$3 > $2 {printf "%s%s %.1f", (n++ ? ", " : "  by thread (µs/request): "), $1, ($3 - $2) * 1e6 / hz / reqs} END {if (n) print ""}'
  fi
}

# The system calls a run made per request, most frequent first, from perf stat's counts of
# the syscall tracepoints (SYSCALLS=1; needs perf, from Debian's linux-perf, and tracepoints
# the kernel lets it read). wrk runs for as long as perf counts, so the two periods agree.
# Counting slows every call, the server's more than nginx's since it makes more: the CPU
# figures of such a run are not the ones to compare.
syscalls_per_request() { # perf-stat-output requests
  if ! grep -q 'syscalls:sys_enter_' "$1" 2>/dev/null; then echo "  (no system-call counts: perf or its tracepoints are missing)"; return; fi
  awk -v reqs="$2" '$2 ~ /^syscalls:sys_enter_/ { n = $1; gsub(/,/, "", n); if (n + 0 > 0) print n / reqs, substr($2, 20) }' "$1" |
    sort -gr | awk '$1 >= 0.01 {printf "%s%s %.2f", (k++ ? ", " : "  system calls per request: "), $2, $1} END {if (k) print ""}'
}

# The synthetic registry of N persons shared by the benchmarks, seeded once into
# var/bench/verification-N/ (registry.db, logins.txt); prints its folder.
bench_registry() { # persons
  local data="$ROOT/var/bench/verification-$1"
  mkdir -p "$data"
  if [ ! -f "$data/logins.txt" ]; then
    rm -rf "$data/registry.db"*
    echo "seeding $1 persons into $data (once)..." >&2
    "$BIN" seed --db "sqlite:$data/registry.db" --persons "$1" > "$data/logins.txt.tmp"
    mv "$data/logins.txt.tmp" "$data/logins.txt"
  fi
  # Registries seeded by earlier versions were readable by others: the server refuses that.
  chmod 600 "$data/registry.db"* 2>/dev/null || true
  echo "$data"
}

# nginx answering a fixed 200 with `body` at `location`, as many workers as cores, in $tmp;
# access logs when ACCESS_LOG=true. Sets $nport and $nginx_pids.
start_nginx() { # location body
  nport=$(free_port)
  cat > "$tmp/nginx.conf" <<CONF
worker_processes $(nproc);
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
  $( [ "${ACCESS_LOG:-false}" = true ] && echo "access_log $tmp/nginx-access.log;" || echo "access_log off;")
  keepalive_requests 1000000;
  client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp; uwsgi_temp_path $tmp; scgi_temp_path $tmp;
  server {
    listen 127.0.0.1:$nport;
    location $1 { default_type application/json; return 200 '$2'; }
  }
}
CONF
  nginx -c "$tmp/nginx.conf"
  sleep 0.5
  nginx_pids=$(pgrep -f "nginx: worker process" | tr '\n' ' ')
}

# The server's own view of the run's latency, from its request-duration histogram (/metrics,
# from the parsed request to the answer written): the smallest bucket bound holding 99 % of the
# run's requests; and its journal's commits that took longer than 25 ms. Time a request waits
# in a socket before it is read, or an answer before wrk reads it, is outside both: wrk's p99
# much above them points at scheduling (steal, a starved thread), not at the server's work.
server_p99() { # metrics-before metrics-after
  awk 'function le() { match($0, /le="[^"]*"/); return substr($0, RSTART + 4, RLENGTH - 5) }
       /^ofpra_http_request_duration_seconds_bucket\{route="verifications",le="/ {
         if (FILENAME == ARGV[1]) before[le()] = $NF; else { after[le()] = $NF; order[++n] = le() } }
       /^ofpra_journal_commit_duration_seconds_bucket\{le="(0.025|\+Inf)"\}/ {
         commits[FILENAME == ARGV[1], le()] = $NF }
       END { total = after["+Inf"] - before["+Inf"]; if (total <= 0) exit
             for (i = 1; i <= n; i++) if (after[order[i]] - before[order[i]] >= 0.99 * total) { p99 = order[i] * 1000; break }
             all = commits[0, "+Inf"] - commits[1, "+Inf"]
             slow = all - (commits[0, "0.025"] - commits[1, "0.025"])
             printf "  server-side p99 (its own histogram): <= %s ms; journal commits %d, over 25 ms %d\n", p99, all, slow }' "$1" "$2"
}

# Full loads alternate nginx and the server ROUNDS times (default 3): on a shared virtual
# machine one pair's ratio moves by a fifth from one minute to the next, the median of a few
# alternated pairs much less. Prints each pair, then the median ratio with `label`. Needs the
# same as measure, and srv (the server's pid) and nginx_pids.
alternated_ratio() { # label nginx-name ofpra-name nginx-url ofpra-url
  local label=$1 nname=$2 oname=$3 nurl=$4 ourl=$5 r ratios=()
  for r in $(seq "${ROUNDS:-3}"); do
    measure "$nname-$r" "$nurl" $nginx_pids
    METRICS_URL="${ourl%/api/v1/verifications}/metrics" measure "$oname-$r" "$ourl" "$srv"
    ratios+=("$(echo "$(cat "$tmp/$oname-$r.us") / $(cat "$tmp/$nname-$r.us")" | bc -l)")
  done
  printf '%s\n' "${ratios[@]}" | sort -g | awk -v label="$label" '{v[NR] = $1; all = all sprintf("%s%.2f", NR > 1 ? " " : "", $1)}
    END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
         printf "%s: %.2f (median of %d alternated pairs: %s)\n", label, m, NR, all}'
}
