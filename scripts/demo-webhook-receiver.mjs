#!/usr/bin/env node
// The demo CAF's information system, as far as notifications go (docs/NOTIFICATIONS.md): once
// the demo server answers, it registers its webhook and follows a demo person through the public
// API, as a partner would; then it checks every delivery with the npm `standardwebhooks` package
// and lists what it received at http://127.0.0.1:PORT/. It also writes an import file that ends
// that person's protection, to try it. Usage:
//   scripts/demo-webhook-receiver.mjs PORT SERVER_URL LOGINS_TXT REGISTRY_JSONL OUT_DIR
import http from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';

const [port, serverUrl, loginsFile, registryFile, outDir] = process.argv.slice(2);
const received = [];
let webhook;
let followed;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function page() {
  const rows = received.map((r) => `<tr><td>${escape(r.at)}</td><td>${escape(r.type)}</td><td>${escape(r.reference)}</td>`
    + `<td>${escape(r.subscription)}</td><td>${escape(r.id)}</td><td>${r.verified ? 'vérifiée' : 'REFUSÉE'}</td></tr>`).join('');
  return `<!doctype html><html lang="fr" dir="ltr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Webhook de démonstration — CAF</title>
<style>body{font-family:sans-serif;margin:1.5rem;max-width:72rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #888;padding:.4rem;text-align:start;overflow-wrap:anywhere}</style></head><body><main>
<h1>Notifications reçues par la CAF de démonstration</h1>
<p>Ce récepteur suit un dossier (abonnement ${escape(followed ?? '…')}, référence CAF-DEMO-1).
Une notification ne porte aucune donnée personnelle : son type, l'abonnement, la référence, la date.
La signature (Standard Webhooks) est vérifiée à chaque réception. La page se recharge toutes les 5 secondes.</p>
<table><caption>${received.length} notification(s)</caption><thead><tr><th scope="col">Reçue le</th><th scope="col">Type</th>
<th scope="col">Référence</th><th scope="col">Abonnement</th><th scope="col">webhook-id</th><th scope="col">Signature</th></tr></thead>
<tbody>${rows}</tbody></table></main></body></html>`;
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page());
  }
  if (req.method !== 'POST' || req.url !== '/webhook') {
    res.writeHead(404);
    return res.end();
  }
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    let payload;
    try {
      payload = webhook.verify(body, req.headers);
    } catch {
      received.push({ at: new Date().toISOString(), id: req.headers['webhook-id'], verified: false });
      res.writeHead(400);
      return res.end();
    }
    received.unshift({ at: new Date().toISOString(), id: req.headers['webhook-id'], type: payload.type,
      reference: payload.data.reference_partenaire, subscription: payload.data.abonnement, verified: true });
    res.writeHead(204);
    res.end();
  });
});

async function api(token, method, path, body) {
  const r = await fetch(`${serverUrl}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json.errors)}`);
  return json.data;
}

server.listen(Number(port), '127.0.0.1', async () => {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${serverUrl}/readyz`)).ok) break; } catch { /* not yet */ }
    if (i > 600) throw new Error('the demo server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const caf = readFileSync(loginsFile, 'utf8').split('\n').map((l) => l.trim().split(/\s+/)).find((w) => w[0] === 'caf');
  const [siret, clientId, clientSecret] = [caf[1], caf[2].replace('client_id=', ''), caf[3].replace('client_secret=', '')];
  const tokenReply = await fetch(`${serverUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const token = (await tokenReply.json()).access_token;
  const { secret } = await api(token, 'PUT', '/api/v1/webhook', { url: `http://127.0.0.1:${port}/webhook` });
  webhook = new Webhook(secret);
  const persons = readFileSync(registryFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  // Started again, it follows the person it followed before while that subscription holds.
  const stateFile = `${outDir}/webhook-demo.json`;
  let state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;
  const active = state && (await api(token, 'GET', '/api/v1/abonnements')).some((s) => s.id === state.id && s.etat === 'actif');
  if (!active) {
    const chosen = persons.find((p) => p.protections.length > 0 && p.protections.at(-1).fin === null
      && !p.numero_ofpra.startsWith('999'));
    const subscription = await api(token, 'POST', '/api/v1/abonnements', {
      numero_ofpra: chosen.numero_ofpra, recipient: siret, motif: 'Suivi des droits (démonstration)',
      reference_partenaire: 'CAF-DEMO-1', scopes: ['protection', 'etat_civil.avancement'],
    });
    state = { id: subscription.id, numero_ofpra: chosen.numero_ofpra };
    writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
  }
  followed = state.id;
  const person = persons.find((p) => p.numero_ofpra === state.numero_ofpra);
  const today = new Date().toISOString().slice(0, 10);
  person.protections.at(-1).fin = today < person.protections.at(-1).debut ? person.protections.at(-1).debut : today;
  person.protections.at(-1).motif_fin = 'naturalisation';
  writeFileSync(`${outDir}/fin-de-protection.jsonl`, JSON.stringify(person) + '\n', { mode: 0o600 });
  console.log(`  Notifications: the demo CAF follows a person (subscription ${followed}); its webhook receiver lists what it gets at`
    + ` http://127.0.0.1:${port}/\n  End her protection with: build/default/ofpra-connect import --db sqlite:${outDir}/registry.db`
    + ` ${outDir}/fin-de-protection.jsonl`);
});
