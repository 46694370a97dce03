#!/usr/bin/env node
// Delay from a registry write to the webhook delivery (docs/NOTIFICATIONS.md): PERSONS synthetic
// persons, SUBSCRIPTIONS of them followed by one partner, then WRITES of them changed one at a
// time through PUT /api/v1/registre/personnes (each ends an open protection); the delay runs from
// just before the write is sent to the delivery's arrival at a receiver on the loopback that
// checks its signature (npm standardwebhooks). Prints p50, p99 and the worst.
// Usage: node bench/notifications.mjs [PERSONS] [SUBSCRIPTIONS] [WRITES]   (OFPRA_CONNECT_BIN)
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { Webhook } from 'standardwebhooks';

const [persons = 20000, subscriptions = 1000, writes = 300] = process.argv.slice(2).map(Number);
const bin = process.env.OFPRA_CONNECT_BIN ?? new URL('../build/default/ofpra-connect', import.meta.url).pathname;
const dir = mkdtempSync(`${os.tmpdir()}/ofpra-bench-`);
const db = `sqlite:${dir}/r.db`;
const run = (...args) => {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${args[0]}: ${r.stderr}`);
  return r.stdout;
};
const seeded = run('seed', '--db', db, '--persons', String(persons));
const caf = seeded.match(/caf\s+(\d{14})\s+client_id=(\S+)\s+client_secret=(\S+)/);
const writer = JSON.parse(run('registry-client', 'add', '--db', db, '--name', 'bench'));
const registry = run('export', '--db', db, '--operator', 'bench').trim().split('\n').map((l) => JSON.parse(l))
  .filter((p) => p.protections.length && p.protections.at(-1).fin === null).slice(0, subscriptions);

let webhook;
const sentAt = new Map();
const delays = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    const payload = webhook.verify(body, req.headers);
    const started = sentAt.get(payload.data.reference_partenaire);
    if (started !== undefined && payload.type === 'protection.terminee') delays.push(performance.now() - started);
    res.writeHead(204);
    res.end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));

const server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--access-log', 'false', '--rate-limit', '100000000',
  '--webhooks-allow-loopback'], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((resolve) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = err.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) resolve(m[1]);
  });
});
for (;;) { try { if ((await fetch(`${url}/readyz`)).ok) break; } catch { /* not yet */ } await new Promise((r) => setTimeout(r, 50)); }
const token = async (id, secret) => (await (await fetch(`${url}/oauth/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials',
})).json()).access_token;
const partner = await token(caf[2], caf[3]);
const call = (t, method, path, body) => fetch(`${url}${path}`, {
  method, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
});
const { data: endpoint } = await (await call(partner, 'PUT', '/api/v1/webhook', { url: `http://127.0.0.1:${receiver.address().port}/` })).json();
webhook = new Webhook(endpoint.secret);
for (const p of registry) {
  const r = await call(partner, 'POST', '/api/v1/abonnements', {
    numero_ofpra: p.numero_ofpra, recipient: caf[1], motif: 'Suivi', reference_partenaire: p.numero_ofpra, scopes: ['protection'],
  });
  if (r.status !== 201) throw new Error(`subscription: ${r.status} ${await r.text()}`);
}
const system = await token(writer.client_id, writer.client_secret);
for (const p of registry.slice(0, writes)) {
  p.protections.at(-1).fin = new Date().toISOString().slice(0, 10) < p.protections.at(-1).debut
    ? p.protections.at(-1).debut : new Date().toISOString().slice(0, 10);
  p.protections.at(-1).motif_fin = 'naturalisation';
  sentAt.set(p.numero_ofpra, performance.now());
  const r = await call(system, 'PUT', `/api/v1/registre/personnes/${p.numero_ofpra}`, p);
  if (r.status !== 200) throw new Error(`write: ${r.status} ${await r.text()}`);
  // One write at a time, as OFPRA's system sends them; the next once this one was notified.
  const start = performance.now();
  while (delays.length < sentAt.size && performance.now() - start < 10000) await new Promise((r) => setTimeout(r, 1));
}
server.kill('SIGTERM');
receiver.close();
rmSync(dir, { recursive: true, force: true });
delays.sort((a, b) => a - b);
const at = (q) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))].toFixed(1);
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0].model}; ${persons} persons, ${registry.length} subscriptions, `
  + `${writes} writes through PUT /api/v1/registre/personnes, one at a time`);
console.log(`write to delivery (ms): p50 ${at(0.5)}, p99 ${at(0.99)}, worst ${delays.at(-1).toFixed(1)}; delivered ${delays.length}/${writes}`);
