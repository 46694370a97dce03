// Bulk verifications (docs/BULK.md), from outside against the real server: a job's results are,
// line for line and in order, what POST /api/v1/verifications answers for the same requests, each
// journaled once with the job in its context; a job is its partner's alone; it leaves half of the
// partner's rate limit to its interactive requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessToken, addPartner, cli, importPersons, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';
import { completeSiret as siret } from '../../scripts/siret.mjs';

const protectedOne = (numero, nom) => ({
  numero_ofpra: numero, nom_naissance: nom, prenoms: ['Amina'], sexe: 'F', date_naissance: '1985-03-02',
  code_pays_naissance: '99343', protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2020-01-01', fin: null, motif_fin: null }],
});
const persons = [protectedOne('100000001', 'HASSAN'), protectedOne('100000002', 'OSMANI'),
  { ...protectedOne('100000003', 'TESFAYE'), prenoms: ['Tsehaye'] }, { ...protectedOne('100000004', 'TESFAYE'), prenoms: ['Tsehaye'] }];

let t;
let db;
let server;
let check;
let caf;
let school;

const post = (token, lines, type = 'application/x-ndjson') => fetch(`${server.url}/api/v1/lots`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': type },
  body: lines.join('\n') + '\n',
});
const get = (token, path) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function finished(token, id) {
  for (;;) {
    const r = await get(token, `/api/v1/lots/${id}`);
    assert.equal(r.status, 200);
    const body = await r.json();
    if (body.data.etat !== 'en_cours') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  t = tempDir();
  db = t.db('r.db');
  importPersons(t, db, persons);
  caf = addPartner(db, 'caf', siret('2000000000001'));
  school = addPartner(db, 'education', siret('2000000000002'));
  server = await startServer(db, ['--rate-limit', '100000']);
  check = await openapiValidator(server.url);
});

after(async () => {
  await server?.stop();
  t?.remove();
});

test('a job answers each line as the single API does, in order, each journaled once', async () => {
  const token = await accessToken(server.url, caf.client_id, caf.client_secret);
  const ask = (extra) => JSON.stringify({ recipient: caf.siret, motif: 'Droits CAF', scopes: ['protection'], ...extra });
  const lines = [
    ask({ numero_ofpra: '100000001' }),
    ask({ numero_ofpra: '999999999' }),
    ask({ identite: { nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], date_naissance: '1985' } }),
    ask({ numero_ofpra: '100000002', scopes: ['protection', 'etat_civil.identite'] }),
    '{"numero_ofpra": 12',
    ask({ numero_ofpra: '100000001', inconnu: true }),
    ask({ numero_ofpra: '100000002', recipient: siret('2000000000009') }),
  ];
  const r = await post(token, lines);
  assert.equal(r.status, 202);
  const accepted = await r.json();
  assert.deepEqual(check('BulkJob', accepted), []);
  assert.equal(accepted.data.total, lines.length);
  assert.equal(r.headers.get('location'), `/api/v1/lots/${accepted.data.id}`);

  const done = await finished(token, accepted.data.id);
  assert.deepEqual(check('BulkJob', done), []);
  assert.equal(done.data.etat, 'termine');
  assert.equal(done.data.traites, lines.length);

  const results = await get(token, `/api/v1/lots/${accepted.data.id}/resultats`);
  assert.equal(results.status, 200);
  assert.match(results.headers.get('content-type'), /application\/x-ndjson/);
  const got = (await results.text()).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(got.length, lines.length);
  const references = new Set();
  for (const [i, line] of lines.entries()) {
    const single = await fetch(`${server.url}/api/v1/verifications`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: line,
    });
    const expected = await single.json();
    if (expected.meta) {
      assert.ok(got[i].meta.reference, `line ${i + 1} has its journal reference`);
      references.add(got[i].meta.reference);
      got[i].meta.reference = expected.meta.reference;
    }
    assert.deepEqual(got[i], expected, `line ${i + 1}`);
  }
  assert.equal(references.size, 4);  // the four answers (found twice, not found, ambiguous)

  // One journal entry per item, the job in its context.
  const journal = cli('journal', 'export', '--db', db);
  assert.equal(journal.status, 0, journal.stderr);
  const entries = journal.stdout.trim().split('\n').map((l) => JSON.parse(l))
    .filter((e) => e.client_id === `${caf.client_id}/lot:${accepted.data.id}`);
  // The ambiguous identity's two namesakes each find the question in their own history.
  assert.equal(entries.filter((e) => e.result !== 'ambigu' || e.person === '').length, lines.length);
});

test('a job is its partner\'s alone, and bad jobs are refused', async () => {
  const token = await accessToken(server.url, caf.client_id, caf.client_secret);
  const other = await accessToken(server.url, school.client_id, school.client_secret);
  const r = await post(token, [JSON.stringify({ numero_ofpra: '100000001', recipient: caf.siret, motif: 'x', scopes: ['protection'] })]);
  const { data } = await r.json();
  await finished(token, data.id);
  for (const path of [`/api/v1/lots/${data.id}`, `/api/v1/lots/${data.id}/resultats`, '/api/v1/lots/lot_unknown']) {
    const refused = await get(other, path);
    assert.equal(refused.status, 404, path);
    assert.deepEqual(check('ErrorEnvelope', await refused.json()), []);
  }
  assert.equal((await post(token, ['', '  '])).status, 400);
  assert.equal((await post(token, ['{}'], 'application/json')).status, 400);
  assert.equal((await post('nope', ['{}'])).status, 401);
  const tooLong = await post(token, [JSON.stringify({ numero_ofpra: '100000001', recipient: caf.siret, motif: 'x'.repeat(70000), scopes: ['protection'] })]);
  assert.equal(tooLong.status, 400);
  assert.match((await tooLong.json()).errors[0].detail, /64 Kio/);
  const tooMany = Array(100001).fill('{}');
  assert.equal((await post(token, tooMany)).status, 400);
});

test('a job leaves half of the partner\'s limit to its interactive requests', async () => {
  // A database of its own: the main server's worker would take the job too.
  const own = tempDir();
  const ownDb = own.db('r.db');
  importPersons(own, ownDb, persons);
  const partner = addPartner(ownDb, 'caf', siret('2000000000003'));
  const small = await startServer(ownDb, ['--rate-limit', '40', '--rate-window', '3600']);
  try {
    const token = await accessToken(small.url, partner.client_id, partner.client_secret);
    const line = JSON.stringify({ numero_ofpra: '100000001', recipient: partner.siret, motif: 'Inscription', scopes: ['protection'] });
    const r = await fetch(`${small.url}/api/v1/lots`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: Array(60).fill(line).join('\n'),
    });
    assert.equal(r.status, 202);
    const { data } = await r.json();
    // Until the job stops taking items: the window's 40 count the submission, the polls and the items.
    let progress = { traites: -1 };
    for (let i = 0; i < 15; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = (await (await fetch(`${small.url}/api/v1/lots/${data.id}`, { headers: { authorization: `Bearer ${token}` } })).json()).data;
      if (now.traites > 0 && now.traites === progress.traites) break;
      progress = now;
    }
    assert.equal(progress.etat, 'en_cours');
    assert.ok(progress.traites > 0 && progress.traites <= 20, `the job took ${progress.traites}`);
    const interactive = await fetch(`${small.url}/api/v1/verifications`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: line,
    });
    assert.equal(interactive.status, 200);
  } finally {
    await small.stop();
    own.remove();
  }
});
