// Subscriptions and Standard Webhooks deliveries (docs/NOTIFICATIONS.md), from outside against the
// real server: a receiver checks every delivery with the npm `standardwebhooks` package (v1,
// HMAC-SHA256) and with Node's own Ed25519 (v1a, the published key); a first failure is retried
// after the documented 5 s; a withdrawn consent ends the subscription with a notice and nothing
// after; addresses that are not public are refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { accessToken, addPartner, cli, importPersons, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';
import { completeSiret as siret } from '../../scripts/siret.mjs';

const person = (numero, nom) => ({
  numero_ofpra: numero, nom_naissance: nom, prenoms: ['Amina'], sexe: 'F', date_naissance: '1985-03-02',
  code_pays_naissance: '99343', protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2020-01-01', fin: null, motif_fin: null }],
  dossier_etat_civil: { etape: 'ffr_recue', ffr_recue_le: '2024-02-01', actes_etablis_le: null },
});
const amina = person('100000001', 'HASSAN');
const farid = { ...person('100000002', 'OSMANI'), prenoms: ['Farid'], sexe: 'M' };

let t;
let db;
let server;
let check;
let receiver;
let caf;
let transport;
const secrets = {};
const deliveries = { caf: [], transport: [] };
const failuresLeft = { caf: 1, transport: 0 };
let publicKey;

// Verifies each delivery twice, independently; answers 500 while failures are left for that path.
function startReceiver() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        const who = req.url.slice(1);
        if (who === 'redirect') {
          res.writeHead(302, { location: 'http://10.0.0.1/hook' });
          return res.end();
        }
        const payload = new Webhook(secrets[who]).verify(body, req.headers);  // throws on a bad signature
        const content = `${req.headers['webhook-id']}.${req.headers['webhook-timestamp']}.${body}`;
        const v1a = req.headers['webhook-signature'].split(' ').find((s) => s.startsWith('v1a,')).slice(4);
        const ed25519 = crypto.verify(null, Buffer.from(content), publicKey, Buffer.from(v1a, 'base64'));
        deliveries[who].push({ at: Date.now(), id: req.headers['webhook-id'], payload, ed25519, raw: body });
        if (failuresLeft[who] > 0) {
          failuresLeft[who] -= 1;
          res.writeHead(500);
          return res.end();
        }
        res.writeHead(204);
        res.end();
      });
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

const api = async (partner, method, path, body) => {
  const token = await accessToken(server.url, partner.client_id, partner.client_secret);
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
};

async function until(condition, what, ms = 15000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function importChanged(p) {
  writeFileSync(t.file('change.jsonl'), JSON.stringify(p) + '\n');
  const r = cli('import', '--db', db, t.file('change.jsonl'));
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  t = tempDir();
  db = t.db('r.db');
  importPersons(t, db, [amina, farid]);
  caf = addPartner(db, 'caf', siret('2000000000001'));
  transport = addPartner(db, 'transport', siret('2000000000002'));
  receiver = await startReceiver();
  server = await startServer(db, ['--webhooks-allow-loopback', '--subscription-check-period-s', '1',
    '--notify-period-ms', '50']);
  check = await openapiValidator(server.url);
  const key = await (await fetch(`${server.url}/api/v1/webhooks/cle-publique`)).json();
  assert.match(key.data.cle, /^whpk_/);
  const raw = Buffer.from(key.data.cle.slice(5), 'base64');
  publicKey = crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  for (const [who, partner] of [['caf', caf], ['transport', transport]]) {
    const r = await api(partner, 'PUT', '/api/v1/webhook', { url: `http://127.0.0.1:${receiver.address().port}/${who}` });
    assert.equal(r.status, 200, await r.clone().text());
    secrets[who] = (await r.json()).data.secret;
    assert.match(secrets[who], /^whsec_/);
  }
});

after(async () => {
  await server?.stop();
  receiver?.close();
  t?.remove();
});

test('a change to a followed person is notified, signed, thin, and retried after a failure', async () => {
  const r = await api(caf, 'POST', '/api/v1/abonnements', {
    numero_ofpra: amina.numero_ofpra, recipient: caf.siret, motif: 'Suivi des droits', reference_partenaire: 'CAF-0042',
    scopes: ['protection', 'etat_civil.avancement'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  const subscription = await r.json();
  assert.deepEqual(check('Subscription', subscription), []);
  assert.equal(subscription.data.situation.protection.protege, true);
  assert.ok(subscription.meta.reference);
  // The person sees the subscription in her history: it was journaled as a verification.
  const journal = cli('journal', 'export', '--db', db).stdout;
  assert.match(journal, new RegExp(`"client_id":"${caf.client_id}/abonnement"`));

  // A change of what it does not follow says nothing; the end of her protection does.
  importChanged({ ...amina, nom_usage: 'HASSAN-DUPONT' });
  const ended = structuredClone(amina);
  ended.protections[0].fin = '2026-12-01';
  ended.protections[0].motif_fin = 'naturalisation';
  importChanged(ended);
  await until(() => deliveries.caf.length >= 2, 'the retried delivery');
  const [first, second] = deliveries.caf;
  assert.equal(first.id, second.id);
  assert.ok(second.at - first.at >= 4500, `retried after ${second.at - first.at} ms`);
  for (const d of [first, second]) {
    assert.ok(d.ed25519, 'the v1a signature checks with the published key');
    assert.equal(d.payload.type, 'protection.terminee');
    assert.deepEqual(Object.keys(d.payload.data).sort(), ['abonnement', 'date', 'evenement', 'reference_partenaire']);
    assert.equal(d.payload.data.abonnement, subscription.data.id);
    assert.equal(d.payload.data.reference_partenaire, 'CAF-0042');
    assert.doesNotMatch(d.raw, /HASSAN|Amina|100000001|1985/);
  }
  const listed = await (await api(caf, 'GET', '/api/v1/notifications')).json();
  assert.deepEqual(check('NotificationList', listed), []);
  const n = listed.data.find((x) => x.id === first.id);
  assert.equal(n.etat, 'livree');
  assert.equal(n.tentatives, 2);

  // Asked again, it is delivered again with the same webhook-id.
  const again = await api(caf, 'POST', `/api/v1/notifications/${first.id}/relivraison`);
  assert.equal(again.status, 200);
  await until(() => deliveries.caf.length >= 3, 'the redelivery');
  assert.equal(deliveries.caf[2].id, first.id);
  assert.equal((await api(caf, 'POST', '/api/v1/notifications/msg_unknown/relivraison')).status, 404);

  // Ended by the partner: nothing more.
  const del = await api(caf, 'DELETE', `/api/v1/abonnements/${subscription.data.id}`);
  assert.equal((await del.json()).data.motif_fin, 'resiliee');
  const again2 = await api(caf, 'DELETE', `/api/v1/abonnements/${subscription.data.id}`);
  assert.equal(again2.status, 200);
  assert.equal((await api(caf, 'DELETE', '/api/v1/abonnements/ab_unknown')).status, 404);
});

test('a withdrawn consent ends the subscription: the partner is told, then hears nothing more', async () => {
  const granted = cli('consent', 'grant', '--db', db, '--numero-ofpra', farid.numero_ofpra, '--siret', transport.siret,
    '--scopes', 'protection', '--purpose', 'Tarif solidaire', '--until', '2027-11-30');
  assert.equal(granted.status, 0, granted.stderr);
  const r = await api(transport, 'POST', '/api/v1/abonnements', {
    numero_ofpra: farid.numero_ofpra, recipient: transport.siret, motif: 'Tarif solidaire', reference_partenaire: 'NAV-7',
    scopes: ['protection'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  const { data } = await r.json();
  assert.equal(cli('consent', 'revoke', '--db', db, '--id', String(JSON.parse(granted.stdout).id)).status, 0);
  await until(() => deliveries.transport.length >= 1, 'the ending notice');
  const notice = deliveries.transport[0].payload;
  assert.equal(notice.type, 'abonnement.termine');
  assert.equal(notice.data.motif, 'consentement_retire');
  assert.equal(notice.data.reference_partenaire, 'NAV-7');
  const read = await (await api(transport, 'GET', `/api/v1/abonnements/${data.id}`)).json();
  assert.equal(read.data.etat, 'termine');
  assert.equal(read.data.motif_fin, 'consentement_retire');

  const ended = structuredClone(farid);
  ended.protections[0].fin = '2026-12-02';
  ended.protections[0].motif_fin = 'renonciation';
  importChanged(ended);
  // The caf's own subscription to her would be told within the notifier's period; transport's is not.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(deliveries.transport.length, 1);
});

test('a subscription names one person, and webhook addresses must be public HTTPS', async () => {
  const nobody = await api(caf, 'POST', '/api/v1/abonnements', {
    numero_ofpra: '999999999', recipient: caf.siret, motif: 'Suivi', reference_partenaire: 'X', scopes: ['protection'],
  });
  assert.equal(nobody.status, 404);
  const unnamed = await api(caf, 'POST', '/api/v1/abonnements', {
    numero_ofpra: amina.numero_ofpra, recipient: caf.siret, motif: 'Suivi', scopes: ['protection'],
  });
  assert.equal(unnamed.status, 400);
  assert.equal((await unnamed.json()).errors[0].source.parameter, 'reference_partenaire');

  for (const url of ['http://10.0.0.1/hook', 'https://169.254.169.254/latest', 'https://[fd00::1]/', 'ftp://example.org/',
    'https://user:pw@127.0.0.1/', 'not a url']) {
    const refused = await api(caf, 'PUT', '/api/v1/webhook', { url });
    assert.equal(refused.status, 400, url);
    assert.equal((await refused.json()).errors[0].source.parameter, 'url');
  }
  // A server without the demo's allowance refuses the loopback too.
  const strict = await startServer(db);
  try {
    const token = await accessToken(strict.url, caf.client_id, caf.client_secret);
    for (const url of [`http://127.0.0.1:${receiver.address().port}/caf`, 'http://[::1]/hook', 'https://127.0.0.1/hook']) {
      const refused = await fetch(`${strict.url}/api/v1/webhook`, {
        method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url }),
      });
      assert.equal(refused.status, 400, url);
    }
  } finally {
    await strict.stop();
  }

  // A redirect, even to where the receiver says, is not followed.
  const redirecting = await api(caf, 'PUT', '/api/v1/webhook', { url: `http://127.0.0.1:${receiver.address().port}/redirect` });
  assert.equal(redirecting.status, 200);
  const r = await api(caf, 'POST', '/api/v1/abonnements', {
    numero_ofpra: farid.numero_ofpra, recipient: caf.siret, motif: 'Suivi', reference_partenaire: 'CAF-9', scopes: ['protection'],
  });
  assert.equal(r.status, 201);
  importChanged({ ...farid, protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2020-01-01', fin: '2026-12-03', motif_fin: 'cessation' }] });
  let failed;
  for (let i = 0; i < 200 && !failed; i++) {
    const list = await (await api(caf, 'GET', '/api/v1/notifications?etat=en_attente')).json();
    failed = list.data.find((x) => x.derniere_erreur);
    if (!failed) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(failed, 'the attempt failed');
  assert.match(failed.derniere_erreur, /redirection refusée/);
});
