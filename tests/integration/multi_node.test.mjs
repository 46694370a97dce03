// Several nodes on one PostgreSQL database behind nginx (issue 7): load across them, one node
// killed with SIGKILL mid-load; then every answer given is in the journal, the one chain
// verifies, a consent withdrawn through one node is refused by the others, limits and the
// registry are shared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { backend, cli, startServer, tempDir } from '../support/ofpra.mjs';

if (backend !== 'postgres') throw new Error('the multi-node test runs on PostgreSQL (OFPRA_TEST_BACKEND=postgres)');

let t;
let db;
let seed;
const nodes = [];
let nginx;
let front;

function parseSeed(text) {
  const client = (type) => {
    const m = text.match(new RegExp(`${type}\\s+(\\d{14})\\s+client_id=(\\S+)\\s+client_secret=(\\S+)`));
    return { siret: m[1], client_id: m[2], client_secret: m[3] };
  };
  const persons = [...text.matchAll(/^\s+(\d{9})\s+(\d{4}-\d{2}-\d{2})\s+\(/gm)].map((m) => m[1]);
  const account = text.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  return { caf: client('caf'), landlord: client('bailleur_social'), persons, account: { numero: account[1], password: account[2] } };
}

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function token(base, client) {
  const r = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=protection',
  });
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()).access_token;
}

async function verify(base, bearer, client, numero) {
  const r = await fetch(`${base}/api/v1/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numero_ofpra: numero, recipient: client.siret, motif: 'Ouverture de droits', scopes: ['protection'] }),
  });
  return { status: r.status, body: r.status === 502 ? null : await r.json() };
}

async function startNginx(ports) {
  const port = await freePort();
  const dir = t.file('nginx');
  spawn('mkdir', ['-p', dir]);
  await new Promise((r) => setTimeout(r, 50));
  writeFileSync(t.file('nginx.conf'), `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
daemon off;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  upstream nodes {
    ${ports.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join('\n    ')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://nodes;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }
}
`);
  const proc = spawn('nginx', ['-c', t.file('nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => proc.kill('SIGTERM') };
}

// The portal's forms, without a browser: cookies kept by hand, CSRF token read from the form.
function portalSession(base) {
  const jar = new Map();
  const keep = (r) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return r;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async get(path) {
      const r = keep(await fetch(`${base}${path}`, { headers: { cookie: cookie() }, redirect: 'manual' }));
      return r.text();
    },
    async post(path, fields) {
      const r = keep(await fetch(`${base}${path}`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }));
      return { status: r.status, location: r.headers.get('location'), html: await r.text() };
    },
  };
}
const hidden = (html, name) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

before(async () => {
  t = tempDir();
  db = t.db('r');
  const seeded = cli('seed', '--db', db, '--persons', '300');
  assert.equal(seeded.status, 0, seeded.stderr);
  seed = parseSeed(seeded.stdout);
  // Started one after the other: the first creates the signing keys the others then share.
  for (let i = 0; i < 3; i++) nodes.push(await startServer(db, ['--rate-limit', '1000000']));
  nginx = await startNginx(nodes.slice(0, 2).map((n) => new URL(n.url).port));
  front = nginx.url;
});

after(async () => {
  nginx?.stop();
  for (const n of nodes) await n.stop();
  t?.remove();
});

test('SIGKILL of one node under load: every answer given is journaled and the one chain verifies', { timeout: 120000 }, async () => {
  const bearer = await token(front, seed.caf);
  const answered = [];
  let killed = false;
  let stop = false;
  const worker = async (w) => {
    for (let i = 0; !stop; i++) {
      const numero = String(100000001 + ((w * 37 + i) % 300));
      try {
        const r = await verify(front, bearer, seed.caf, numero);
        if (r.status === 200) answered.push({ numero, reference: r.body.meta.reference, afterKill: killed });
      } catch { /* the connection to a dying node */ }
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 1500));
  nodes[0].proc.kill('SIGKILL');
  killed = true;
  await nodes[0].exited;
  await new Promise((r) => setTimeout(r, 1500));
  stop = true;
  await Promise.all(workers);
  assert.ok(answered.length > 100, `only ${answered.length} answers`);
  assert.ok(answered.filter((a) => a.afterKill).length > 20, 'the surviving node kept answering');

  const exported = cli('journal', 'export', '--db', db);
  assert.equal(exported.status, 0, exported.stderr);
  const bySeq = new Map(exported.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((e) => [String(e.seq), e]));
  for (const a of answered) {
    const e = bySeq.get(a.reference);
    assert.ok(e, `answer ${a.reference} has no journal entry`);
    assert.equal(e.person, a.numero);
    assert.equal(e.result, 'trouve');
  }
  const v = cli('journal', 'verify', '--db', db);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('a consent given and withdrawn through one node is seen at once by the others', { timeout: 60000 }, async () => {
  const [, b, c] = nodes;
  const numero = seed.account.numero;
  const bearer = await token(c.url, seed.landlord);
  assert.equal((await verify(c.url, bearer, seed.landlord, numero)).body.errors[0].code, '40301');

  const portal = portalSession(b.url);
  const login = await portal.get('/connexion');
  const signedIn = await portal.post('/connexion', { csrf: hidden(login, 'csrf'), numero_ofpra: numero, mot_de_passe: seed.account.password });
  assert.equal(signedIn.status, 303);
  const form = await portal.get(`/espace/consentements?destinataire=siret:${seed.landlord.siret}`);
  const until = form.match(/id="jusqu_au"[^>]*value="([^"]+)"/)[1];
  const given = await portal.post('/espace/consentements', {
    csrf: hidden(form, 'csrf'), destinataire: `siret:${seed.landlord.siret}`, scope_protection: '1', motif: 'Demande de logement', jusqu_au: until,
  });
  assert.ok([200, 303].includes(given.status), `consent form answered ${given.status}`);
  assert.equal((await verify(c.url, bearer, seed.landlord, numero)).status, 200);

  const list = await portal.get('/espace/consentements');
  const page = await portal.get(list.match(/href="(\/espace\/consentements\/retirer\?id=\d+)"/)[1]);
  const withdrawn = await portal.post('/espace/consentements/retirer', { csrf: hidden(page, 'csrf'), id: hidden(page, 'id') });
  assert.ok([200, 303].includes(withdrawn.status), `withdrawal answered ${withdrawn.status}`);
  const refused = await verify(c.url, bearer, seed.landlord, numero);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.errors[0].code, '40301');
});

test('a partner revoked by any process is refused by every node within a second', { timeout: 60000 }, async () => {
  const [, b, c] = nodes;
  const added = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'CAF du Nord', '--type', 'caf');
  assert.equal(added.status, 0, added.stderr);
  const client = { ...JSON.parse(added.stdout), siret: '73282932000074' };
  const onB = await token(b.url, client);
  assert.equal((await verify(c.url, onB, client, seed.persons[0])).status, 200);
  assert.equal(cli('partner', 'revoke-client', '--db', db, '--client-id', client.client_id).status, 0);
  // Each node hears of it by the database's notice (LISTEN/NOTIFY), within milliseconds.
  const revokedAt = Date.now();
  for (const n of [b, c]) {
    for (;;) {
      const status = (await verify(n.url, onB, client, seed.persons[0])).status;
      if (status === 401) break;
      assert.equal(status, 200);
      assert.ok(Date.now() - revokedAt < 1000, 'a node still accepts the revoked client after 1 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});

test('rate limits hold across nodes, and the registry follows an import made elsewhere', { timeout: 60000 }, async () => {
  const pair = [await startServer(db, ['--rate-limit', '4', '--rate-window', '3600']), await startServer(db, ['--rate-limit', '4', '--rate-window', '3600'])];
  try {
    const bearer = await token(pair[0].url, seed.caf);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await verify(pair[i % 2].url, bearer, seed.caf, seed.persons[0])).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  } finally {
    for (const n of pair) await n.stop();
  }
  // A person imported by another process is answered by every node within the refresh period.
  const person = {
    numero_ofpra: '199999999', nom_naissance: 'NOUVELLE', prenoms: ['Arrivée'], sexe: 'F', date_naissance: '1991-02-03',
    protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2024-05-06' }],
  };
  writeFileSync(t.file('new.jsonl'), `${JSON.stringify(person)}\n`);
  const before = await verify(nodes[1].url, await token(nodes[1].url, seed.caf), seed.caf, '199999999');
  assert.equal(before.body.data.resultat, 'non_trouve');
  const imported = cli('import', '--db', db, t.file('new.jsonl'));
  assert.equal(imported.status, 0, imported.stderr);
  const start = Date.now();
  // Announced by the database's notice, then the registry is reloaded: well within 10 s.
  for (const n of [nodes[1], nodes[2]]) {
    const bearer = await token(n.url, seed.caf);
    for (;;) {
      const r = await verify(n.url, bearer, seed.caf, '199999999');
      if (r.body.data.resultat === 'trouve') break;
      assert.ok(Date.now() - start < 10000, 'the node did not see the import within 10 s');
      await new Promise((res) => setTimeout(res, 200));
    }
  }
});
