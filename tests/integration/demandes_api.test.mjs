// Requests to OFPRA through the API, from outside against the real server: filed after an
// automated answer, read back and listed; every refusal names its parameter and files nothing;
// the journal records each filing. (OFPRA's answer, given in the back office, is read back by
// the browser journey tests/browser/demandes.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessToken, addPartner, cli, importPersons, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';
import { completeSiret as siret } from '../../scripts/siret.mjs';

const persons = [
  // Namesakes born the same year in the same country: an identity names neither.
  { numero_ofpra: '100000003', nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], sexe: 'M', date_naissance: '1985', code_pays_naissance: '99317',
    protections: [{ type: 'refugie', autorite: 'CNDA', debut: '2019-05-06', fin: null, motif_fin: null }] },
  { numero_ofpra: '100000004', nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], sexe: 'M', date_naissance: '1985', code_pays_naissance: '99317',
    protections: [{ type: 'protection_subsidiaire', autorite: 'OFPRA', debut: '2020-01-02', fin: null, motif_fin: null }] },
];
const tesfaye = { nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], date_naissance: '1985', code_pays_naissance: '99317' };

let t;
let db;
let server;
let check;
const partners = {};

const partnerAdd = (type, prefix) => addPartner(db, type, siret(prefix));

before(async () => {
  t = tempDir();
  db = t.db('r.db');
  importPersons(t, db, persons);
  partners.caf = partnerAdd('caf', '2000000000001');
  partners.ft = partnerAdd('france_travail', '2000000000002');
  server = await startServer(db, ['--rate-limit', '100000']);
  check = await openapiValidator(server.url);
});

after(async () => {
  await server?.stop();
  t?.remove();
});

const token = (client) => accessToken(server.url, client.client_id, client.client_secret);

function post(tok, path, body) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const get = (tok, path) => fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${tok}` } });

async function ambiguous(partner, scopes = ['protection']) {
  const tok = await token(partner);
  const r = await post(tok, '/api/v1/verifications', { recipient: partner.siret, motif: 'Ouverture de droits', scopes, identite: tesfaye });
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.data.resultat, 'ambigu');
  return { tok, reference: body.meta.reference };
}

function journal() {
  const r = cli('journal', 'export', '--db', db);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.seq !== undefined);
}

function demandeBody(partner, reference, extra = {}) {
  return { recipient: partner.siret, motif: 'Ouverture de droits', scopes: ['protection', 'etat_civil.identite'],
    identite: tesfaye, note: 'Deux dossiers possibles ; il est né à Asmara.', reference, ...extra };
}

test('an ambiguous answer becomes a request to OFPRA that the partner reads back', async () => {
  const { tok, reference } = await ambiguous(partners.caf);
  const r = await post(tok, '/api/v1/demandes', demandeBody(partners.caf, reference));
  const body = await r.json();
  assert.equal(r.status, 201, JSON.stringify(body));
  assert.deepEqual(check('DemandeAnswer', body), []);
  assert.match(body.data.id, /^[2-9A-HJKMNP-TV-Z]{10}$/);
  assert.equal(r.headers.get('location'), `/api/v1/demandes/${body.data.id}`);
  assert.equal(body.data.statut, 'ouverte');
  assert.equal(body.data.reference_suivie, reference);
  assert.equal(body.data.reponse, null);
  assert.ok(body.data.jours_ouvres_restants >= 4 && body.data.jours_ouvres_restants <= 5, JSON.stringify(body.data));
  // Working days: the due day is a weekday at least five days later.
  const due = new Date(`${body.data.date_limite}T12:00:00Z`);
  assert.ok(due.getUTCDay() >= 1 && due.getUTCDay() <= 5);
  assert.ok(due - new Date() >= 5 * 86400000 - 86400000);
  // Read back, and listed.
  const read = await get(tok, body.links.self);
  assert.equal(read.status, 200);
  const again = await read.json();
  assert.deepEqual(check('DemandeAnswer', again), []);
  assert.equal(again.data.id, body.data.id);
  const list = await (await get(tok, '/api/v1/demandes')).json();
  assert.ok(list.data.some((d) => d.id === body.data.id));
  // Filing again about the same answer finds the same request.
  const twice = await post(tok, '/api/v1/demandes', demandeBody(partners.caf, reference));
  assert.equal(twice.status, 200);
  assert.equal((await twice.json()).data.id, body.data.id);
  // Journaled as a request, naming nobody, once.
  const filed = journal().filter((e) => e.result === 'demande');
  assert.equal(filed.length, 1);
  assert.equal(filed[0].seq, Number(body.meta.reference));
  assert.equal(filed[0].partner_siret, partners.caf.siret);
  assert.equal(filed[0].person, '');
});

test('a request that is not one files nothing and names its parameter', async () => {
  const { tok, reference } = await ambiguous(partners.caf);
  const before = journal().filter((e) => e.result === 'demande').length;
  const cases = [
    [{ note: undefined }, 400, 'note'],
    [{ note: 'a\u202Eb' }, 400, 'note'],
    [{ reference: undefined }, 400, 'reference'],
    [{ reference: '0' }, 400, 'reference'],
    [{ reference: String(Number(reference) + 1000) }, 400, 'reference'],
    [{ pieces_jointes: ['acte.pdf'] }, 400, 'pieces_jointes'],
    [{ code_partage: 'ABCDEFGHJ', date_naissance: '1985', identite: undefined }, 400, 'code_partage'],
  ];
  for (const [change, status, parameter] of cases) {
    const r = await post(tok, '/api/v1/demandes', demandeBody(partners.caf, reference, change));
    const body = await r.json();
    assert.equal(r.status, status, `${JSON.stringify(change)} → ${JSON.stringify(body)}`);
    assert.deepEqual(check('ErrorEnvelope', body), []);
    assert.equal(body.errors[0].source?.parameter, parameter, JSON.stringify(change));
  }
  assert.equal((await post(tok, '/api/v1/demandes', '{"note":')).status, 400);
  assert.equal((await fetch(`${server.url}/api/v1/demandes`, { method: 'POST', body: '{}' })).status, 401);
  assert.equal(journal().filter((e) => e.result === 'demande').length, before);
});

test('a partner cannot ask OFPRA for what its habilitation would not give it', async () => {
  // France Travail is habilitated for protection, progress and identity, never the family.
  const { tok, reference } = await ambiguous(partners.ft);
  const r = await post(tok, '/api/v1/demandes', demandeBody(partners.ft, reference, { scopes: ['protection', 'etat_civil.famille'] }));
  const body = await r.json();
  assert.equal(r.status, 403, JSON.stringify(body));
  assert.equal(body.errors[0].code, '40300');
  const refused = journal().at(-1);
  assert.equal(refused.result, 'refus');
  assert.equal(refused.partner_siret, partners.ft.siret);
  // The CAF's requests are not France Travail's to read.
  const caf = await ambiguous(partners.caf, ['protection', 'etat_civil.avancement']);
  const filed = await (await post(caf.tok, '/api/v1/demandes', demandeBody(partners.caf, caf.reference))).json();
  const other = await get(tok, `/api/v1/demandes/${filed.data.id}`);
  assert.equal(other.status, 404);
  assert.deepEqual(check('ErrorEnvelope', await other.json()), []);
  assert.equal((await get(tok, '/api/v1/demandes/not-an-id')).status, 404);
  assert.ok(!(await (await get(tok, '/api/v1/demandes')).json()).data.some((d) => d.id === filed.data.id));
});
