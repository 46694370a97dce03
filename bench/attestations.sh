#!/usr/bin/env bash
# Attestations: made and verified on one core against the bare ECDSA P-256 operation
# (bench/attestations.cpp), then verified through the server, one request at a time (the door's
# check and its journal entry included), against the same server's /healthz as the HTTP floor.
# What it says here: docs/PERFORMANCE.md, "Attestations".
source "$(dirname "$0")/lib.sh"
probe=$ROOT/build/default/bench/attestations
[ -x "$probe" ] || { echo "build first: make build" >&2; exit 2; }
echo "machine: $(machine)"
"$probe" "${ROUNDS:-200}"

tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
numero=$("$BIN" seed --db "sqlite:$tmp/r.db" --persons 1000 | grep -o 'numero_ofpra=[0-9]*' | head -1 | cut -d= -f2)
"$BIN" attestation issue --db "sqlite:$tmp/r.db" --numero-ofpra "$numero" --niveau protection --langue ar \
  --out "$tmp/a.pdf" >/dev/null
port=$(free_port)
"$BIN" serve --db "sqlite:$tmp/r.db" --listen "127.0.0.1:$port" --access-log=false \
  --attestation-checks-per-minute 1000000 2>"$tmp/serve.log" &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
pdftoppm -r 150 -png -singlefile "$tmp/a.pdf" "$tmp/a"
text=$(dmtxread -N 1 "$tmp/a.png" | python3 -c 'import json,sys; print(json.dumps({"code_2ddoc": sys.stdin.buffer.read().decode("latin1")}))')
echo "$text" > "$tmp/text.json"
echo
echo "through the server, sequential requests (${REQUESTS:-300} each): median and p99 latency"
node - "$port" "$tmp" "${REQUESTS:-300}" <<'JS'
const [port, dir, n] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const url = `http://127.0.0.1:${port}`;
async function time(what, make) {
  const ms = [];
  for (let i = 0; i < 20; i++) await make();
  for (let i = 0; i < Number(n); i++) { const t = performance.now(); await make(); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  console.log(`${what.padEnd(44)} ${ms[ms.length >> 1].toFixed(2).padStart(8)} ms ${ms[Math.floor(ms.length * 0.99)].toFixed(2).padStart(8)} ms`);
}
const check = async (r) => { if (r.status !== 200) throw new Error(`${r.status}`); await r.arrayBuffer(); };
const pdf = readFileSync(`${dir}/a.pdf`), png = readFileSync(`${dir}/a.png`), text = readFileSync(`${dir}/text.json`);
await time('GET /healthz (floor)', async () => check(await fetch(`${url}/healthz`)));
const post = (body, type) => async () => check(await fetch(`${url}/api/v1/attestations/verification`, { method: 'POST', headers: { 'Content-Type': type }, body }));
await time('POST verification, 2D-Doc text (JSON)', post(text, 'application/json'));
await time('POST verification, PNG scan', post(png, 'image/png'));
await time('POST verification, PDF', post(pdf, 'application/pdf'));
JS
