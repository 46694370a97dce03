// OFPRA's information system writing the registry through the API (docs/REGISTRY-HISTORY.md),
// from outside against the real server: its own kind of client and scope, a person at a time and
// in batches, the import's validation (a bad record changes nothing and names its field),
// Idempotency-Key, the change seen by the partners' answers, and the history it leaves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessToken, addPartner, cli, importPersons, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';
import { completeSiret as siret } from '../../scripts/siret.mjs';

const amina = {
  numero_ofpra: '100000010', nom_naissance: 'HASSAN', prenoms: ['Amina'], sexe: 'F', date_naissance: '1985-03-02',
  code_pays_naissance: '99343', protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2020-01-01', fin: null, motif_fin: null }],
};

let t;
let db;
let server;
let check;
let caf;
let writer;

const registryToken = async (client = writer) => {
  const r = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: 'Basic ' + Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  assert.equal(r.status, 200, await r.clone().text());
  const body = await r.json();
  assert.equal(body.scope, 'registre.ecriture');
  return body.access_token;
};

const put = (token, numero, record, headers = {}) => fetch(`${server.url}/api/v1/registre/personnes/${numero}`, {
  method: 'PUT',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: typeof record === 'string' ? record : JSON.stringify(record),
});

const batch = (token, records, headers = {}) => fetch(`${server.url}/api/v1/registre/lots`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers },
  body: records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n',
});

const versions = (numero) => {
  const h = cli('history', '--db', db, '--numero-ofpra', numero);
  return h.status === 0 ? h.stdout.trim().split('\n').map((l) => JSON.parse(l)) : [];
};

// The partner's answer about a number, once the server's registry shows what the test expects.
async function protectionOf(numero, until) {
  const token = await accessToken(server.url, caf.client_id, caf.client_secret);
  for (let i = 0; ; i++) {
    const r = await fetch(`${server.url}/api/v1/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numero_ofpra: numero, recipient: caf.siret, motif: 'Test', scopes: ['protection'] }),
    });
    const body = await r.json();
    if (until(body.data) || i === 60) return body.data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  t = tempDir();
  db = t.db('r.db');
  importPersons(t, db, [amina]);
  caf = addPartner(db, 'caf', siret('2000000000001'));
  const r = cli('registry-client', 'add', '--db', db, '--name', 'SI asile OFPRA');
  assert.equal(r.status, 0, r.stderr);
  writer = JSON.parse(r.stdout);
  assert.match(writer.client_id, /^rc_/);
  server = await startServer(db);
  check = await openapiValidator(server.url);
});

after(async () => {
  await server?.stop();
  t?.remove();
});

test('a registry client and a partner each stay on their side of the API', async () => {
  const partnerToken = await accessToken(server.url, caf.client_id, caf.client_secret);
  const refused = await put(partnerToken, amina.numero_ofpra, amina);
  assert.equal(refused.status, 403);
  assert.deepEqual(check('ErrorEnvelope', await refused.json()), []);
  const token = await registryToken();
  const v = await fetch(`${server.url}/api/v1/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numero_ofpra: amina.numero_ofpra, recipient: caf.siret, motif: 'x', scopes: ['protection'] }),
  });
  assert.equal(v.status, 403);
  // A partner's scope is never granted to a registry client.
  const scoped = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: 'Basic ' + Buffer.from(`${writer.client_id}:${writer.client_secret}`).toString('base64'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=protection',
  });
  assert.equal(scoped.status, 400);
  assert.equal((await put('not-a-token', amina.numero_ofpra, amina)).status, 401);
});

test('a person written, then changed: the partners see it at once and her history keeps both', async () => {
  const token = await registryToken();
  const newcomer = { ...amina, numero_ofpra: '100000011', nom_naissance: 'OSMANI', prenoms: ['Farid'], sexe: 'M' };
  let r = await put(token, newcomer.numero_ofpra, newcomer);
  assert.equal(r.status, 201);
  let body = await r.json();
  assert.deepEqual(check('RegistryWrite', body), []);
  assert.deepEqual(body.data, { numero_ofpra: '100000011', resultat: 'cree', evenements: 0 });
  assert.equal((await protectionOf('100000011', (d) => d.resultat === 'trouve')).protection.protege, true);

  r = await put(token, newcomer.numero_ofpra, newcomer);
  assert.deepEqual((await r.json()).data, { numero_ofpra: '100000011', resultat: 'inchange', evenements: 0 });

  const ended = structuredClone(newcomer);
  ended.protections[0].fin = '2026-12-01';
  ended.protections[0].motif_fin = 'naturalisation';
  r = await put(token, ended.numero_ofpra, ended);
  assert.equal(r.status, 200);
  assert.deepEqual((await r.json()).data, { numero_ofpra: '100000011', resultat: 'modifie', evenements: 1 });
  const seen = await protectionOf('100000011', (d) => d.protection?.protege === false);
  assert.equal(seen.protection.protege, false);

  const h = versions('100000011');
  assert.deepEqual(h.map((v) => v.version), [1, 2]);
  assert.equal(h[0].ecrite_par, `api:${writer.client_id}`);
  assert.deepEqual(h[1].evenements.map((e) => e.type), ['protection.terminee']);
});

test('a bad record is refused naming its field, and changes nothing', async () => {
  const token = await registryToken();
  const before = versions(amina.numero_ofpra);
  let r = await put(token, amina.numero_ofpra, { ...amina, sexe: 'Z', nom_naissance: 'CHANGED' });
  assert.equal(r.status, 422);
  let body = await r.json();
  assert.deepEqual(check('ErrorEnvelope', body), []);
  assert.equal(body.errors[0].code, '42200');
  assert.equal(body.errors[0].source.pointer, '/sexe');
  assert.doesNotMatch(JSON.stringify(body), /CHANGED|HASSAN/);

  r = await put(token, amina.numero_ofpra, { ...amina, numero_ofpra: '100000012' });
  assert.equal(r.status, 422);
  assert.equal((await r.json()).errors[0].source.pointer, '/numero_ofpra');
  assert.equal((await put(token, amina.numero_ofpra, '{"numero_ofpra":')).status, 422);
  r = await put(token, '12345', amina);
  assert.equal(r.status, 400);
  assert.equal((await r.json()).errors[0].source.parameter, 'numero_ofpra');
  assert.equal((await put(token, amina.numero_ofpra, amina, { 'content-type': 'text/plain' })).status, 400);

  // A batch with one bad line among good ones: nothing of it is written.
  r = await batch(token, [{ ...amina, nom_naissance: 'BATCHED' }, { ...amina, numero_ofpra: '100000013', date_naissance: '1985-13-01' }]);
  assert.equal(r.status, 422);
  body = await r.json();
  assert.deepEqual(check('ErrorEnvelope', body), []);
  assert.equal(body.errors.length, 1);
  assert.equal(body.errors[0].source.pointer, '/lignes/2/date_naissance');
  assert.match(body.errors[0].detail, /^ligne 2 : /);
  assert.equal(body.meta.enregistrements_invalides, 1);
  assert.deepEqual(versions(amina.numero_ofpra), before);
  assert.deepEqual(versions('100000013'), []);
});

test('a batch is applied whole, and counts what it changed', async () => {
  const token = await registryToken();
  const records = [0, 1, 2].map((i) => ({ ...amina, numero_ofpra: `10000002${i}`, prenoms: [`Amina${i}`] }));
  let r = await batch(token, records);
  assert.equal(r.status, 200);
  let body = await r.json();
  assert.deepEqual(check('RegistryBatch', body), []);
  assert.deepEqual(body.data, { enregistrements: 3, crees: 3, modifies: 0, inchanges: 0, evenements: 0 });
  records[1].prenoms = ['Aminata'];
  r = await batch(token, records, { 'content-type': 'application/jsonl' });
  assert.deepEqual((await r.json()).data, { enregistrements: 3, crees: 0, modifies: 1, inchanges: 2, evenements: 1 });
  assert.equal((await batch(token, records, { 'content-type': 'application/json' })).status, 400);
  assert.equal((await batch(token, ['', ''])).status, 400);
});

test('Idempotency-Key: the same request is answered as the first time, never applied again', async () => {
  const token = await registryToken();
  const first = { ...amina, numero_ofpra: '100000030' };
  const second = { ...first, nom_usage: 'LATER' };
  const a = await put(token, first.numero_ofpra, first, { 'idempotency-key': 'k-1' });
  assert.equal(a.status, 201);
  const replyA = await a.json();
  assert.equal((await put(token, first.numero_ofpra, second, { 'idempotency-key': 'k-2' })).status, 200);
  // A late retry of the first request does not undo the second.
  const retry = await put(token, first.numero_ofpra, first, { 'idempotency-key': 'k-1' });
  assert.equal(retry.status, 201);
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(await retry.json(), replyA);
  assert.equal(versions('100000030').at(-1).enregistrement.nom_usage, 'LATER');
  // The key with another request is a conflict.
  const reused = await put(token, first.numero_ofpra, { ...first, nom_usage: 'OTHER' }, { 'idempotency-key': 'k-1' });
  assert.equal(reused.status, 409);
  assert.equal((await reused.json()).errors[0].source.parameter, 'Idempotency-Key');
  assert.equal((await put(token, first.numero_ofpra, first, { 'idempotency-key': 'é' })).status, 400);
  // Another client's key of the same name is its own.
  const other = JSON.parse(cli('registry-client', 'add', '--db', db, '--name', 'Autre').stdout);
  const otherReply = await put(await registryToken(other), first.numero_ofpra, first, { 'idempotency-key': 'k-1' });
  assert.equal(otherReply.status, 200);
  assert.equal(otherReply.headers.get('idempotent-replayed'), null);
});

test('a person removed is no longer found, her history stays, and a revoked client is refused', async () => {
  const token = await registryToken();
  const gone = { ...amina, numero_ofpra: '100000040' };
  assert.equal((await put(token, gone.numero_ofpra, gone)).status, 201);
  await protectionOf('100000040', (d) => d.resultat === 'trouve');
  const del = () => fetch(`${server.url}/api/v1/registre/personnes/100000040`, {
    method: 'DELETE', headers: { authorization: `Bearer ${token}` },
  });
  let r = await del();
  assert.equal(r.status, 200);
  assert.deepEqual((await r.json()).data, { numero_ofpra: '100000040', resultat: 'supprime', evenements: 1 });
  assert.equal((await del()).status, 404);
  assert.equal((await protectionOf('100000040', (d) => d.resultat === 'non_trouve')).resultat, 'non_trouve');
  const h = versions('100000040');
  assert.equal(h.length, 1);
  assert.deepEqual(h[0].evenements.map((e) => e.type), ['personne.supprimee']);
  assert.notEqual(h[0].remplacee_le, null);

  const revoked = cli('registry-client', 'revoke', '--db', db, '--client-id', writer.client_id);
  assert.equal(revoked.status, 0, revoked.stderr);
  assert.equal((await put(token, amina.numero_ofpra, amina)).status, 401);
});
