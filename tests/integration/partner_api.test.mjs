// The partner API from outside, against the real server: every administration type × scope ×
// consent state, identity subjects, private_key_jwt signed by jose, an independent OAuth2
// client (oauth4webapi), introspection, rate limits, and the journal behind every answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { SignJWT, exportSPKI, generateKeyPair, importJWK } from 'jose';
import { addPartner, cli, importPersons, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';
import { completeSiret as siret } from '../../scripts/siret.mjs';

const ISSUER = 'https://connect.ofpra.test';
const SCOPES = ['protection', 'protection.historique', 'etat_civil.avancement', 'etat_civil.identite', 'etat_civil.famille'];
const BLOCK_FIELDS = {
  protection: ['date', 'depuis', 'protege', 'type'],
  protection_historique: ['periodes'],
  etat_civil_avancement: ['actes_etablis_le', 'dans_les_delais', 'date_previsionnelle', 'etape', 'ffr_recue_le', 'instruction_le'],
  etat_civil_identite: ['code_pays_naissance', 'date_naissance', 'lieu_naissance', 'nom_naissance', 'nom_usage', 'numero_ofpra', 'prenoms', 'sexe'],
  etat_civil_famille: ['membres'],
};
// DESIGN §3: the default policy, scope → consent needed.
const POLICY = {
  transport: { protection: true },
  bailleur_social: { protection: true },
  education: { protection: true, 'etat_civil.avancement': true },
  caf: Object.fromEntries(SCOPES.map((s) => [s, false])),
  assurance_maladie: Object.fromEntries(SCOPES.map((s) => [s, false])),
  prefecture: Object.fromEntries(SCOPES.map((s) => [s, false])),
  france_travail: { protection: false, 'etat_civil.avancement': false, 'etat_civil.identite': false },
  collectivite: Object.fromEntries(SCOPES.map((s) => [s, true])),
  // No default policy: registered here with protection on a legal basis, consent required.
  autre: { protection: true },
};
const block = (scope) => scope.replace('.', '_');


const persons = [
  {
    numero_ofpra: '100000001', numero_agdref: '7501234567', nom_naissance: 'AHMADI', nom_usage: null,
    prenoms: ['Mohammad', 'Reza'], ecriture_origine: { script: 'Arab', nom: 'احمدی', prenoms: ['محمد', 'رضا'] },
    alias: [{ nom_naissance: 'AHMADY', prenoms: ['Mohamad', 'Reza'] }], sexe: 'M', date_naissance: '1990',
    lieu_naissance: 'Herat', code_pays_naissance: '99212',
    contact: { email: 'm.ahmadi@example.org', telephone: '+33612345678', langue: 'prs' },
    protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2023-04-12', fin: null, motif_fin: null }],
    dossier_etat_civil: { etape: 'ffr_recue', ffr_recue_le: '2024-02-01', actes_etablis_le: null },
    famille: [{ lien: 'conjoint', numero_ofpra: '100000002' },
      { lien: 'enfant', nom_naissance: 'AHMADI', prenoms: ['Sara'], sexe: 'F', date_naissance: '2015-03-02' }],
  },
  {
    numero_ofpra: '100000002', nom_naissance: 'KARIMI', prenoms: ['Fatima'], sexe: 'F', date_naissance: '1992-03-04',
    code_pays_naissance: '99212', protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2023-04-12', fin: null, motif_fin: null }],
  },
  // Namesakes born the same year in the same country: an identity names neither.
  { numero_ofpra: '100000003', nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], sexe: 'M', date_naissance: '1985', code_pays_naissance: '99317',
    protections: [{ type: 'refugie', autorite: 'CNDA', debut: '2019-05-06', fin: null, motif_fin: null }] },
  { numero_ofpra: '100000004', nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], sexe: 'M', date_naissance: '1985', code_pays_naissance: '99317',
    protections: [{ type: 'protection_subsidiaire', autorite: 'OFPRA', debut: '2020-01-02', fin: null, motif_fin: null }] },
  // Protected until 2024, then naturalised: "was she protected on 2023-06-01?"
  { numero_ofpra: '100000005', nom_naissance: 'IVANOVA', prenoms: ['Olga'], sexe: 'F', date_naissance: '1970-07-07', code_pays_naissance: '99123',
    protections: [{ type: 'apatride', autorite: 'OFPRA', debut: '2015-01-01', fin: '2024-01-01', motif_fin: 'naturalisation' }] },
];

let t;
let db;
let server;
const partners = {};

const partnerAdd = (type, prefix, extra = []) => addPartner(db, type, siret(prefix), extra);

before(async () => {
  t = tempDir();
  db = t.db('r.db');
  importPersons(t, db, persons);
  let n = 1000000000000;
  for (const type of Object.keys(POLICY)) {
    const extra = type === 'autre' ? ['--scopes', 'protection', '--legal-basis', 'Convention de test'] : [];
    partners[type] = partnerAdd(type, String(n++), extra);
  }
  partners.other_town = partnerAdd('collectivite', String(n++));
  server = await startServer(t.db('r.db'), ['--public-url', ISSUER, '--rate-limit', '100000']);
});

after(async () => {
  await server?.stop();
  t?.remove();
});

async function token(client, scope) {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope) form.set('scope', scope);
  const r = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form.toString(),
  });
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()).access_token;
}

// The token's partner (its siret claim), the recipient of its verifications; a token that is
// not one gets a SIRET of its own, to be refused for the token.
function partnerOf(tok) {
  try { return JSON.parse(Buffer.from(tok.split('.')[1], 'base64url').toString()).siret ?? '21750001600019'; } catch { return '21750001600019'; }
}

function verify(tok, body) {
  return fetch(`${server.url}/api/v1/verifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ recipient: partnerOf(tok), motif: 'Ouverture de droits', ...body }),
  });
}

function grantConsent(partner, numero, scopes, until = '2099-01-01') {
  const today = new Date().toISOString().slice(0, 10);
  const end = until === '2099-01-01' ? new Date(Date.now() + 300 * 86400000).toISOString().slice(0, 10) : until;
  const r = cli('consent', 'grant', '--db', db, '--numero-ofpra', numero, '--siret', partner.siret,
    '--scopes', scopes.join(','), '--purpose', 'Démarche de test', '--from', today, '--until', end);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).id;
}

function journal() {
  const r = cli('journal', 'export', '--db', db);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.seq !== undefined);
}

test('every administration type × scope × consent state gets exactly what its habilitation allows', async () => {
  const check = await openapiValidator(server.url);
  const numero = '100000001';
  let asked = 0;
  const before = journal().length;
  for (const [type, policy] of Object.entries(POLICY)) {
    const partner = partners[type];
    const tok = await token(partner);  // every scope of the habilitation
    for (const scope of SCOPES) {
      const habilitated = scope in policy;
      const needsConsent = policy[scope] === true;
      const states = needsConsent ? ['none', 'active', 'revoked', 'expired'] : ['none'];
      for (const state of states) {
        let consentId;
        if (state !== 'none') consentId = grantConsent(partner, numero, [scope]);
        if (state === 'revoked') assert.equal(cli('consent', 'revoke', '--db', db, '--id', String(consentId)).status, 0);
        if (state === 'expired') t.sql('r.db', `UPDATE consents SET valid_from = '2020-01-01', valid_to = '2020-12-31' WHERE id = ${consentId}`);
        const r = await verify(tok, { numero_ofpra: numero, scopes: [scope] });
        asked++;
        const body = await r.json();
        const where = `${type} ${scope} consent:${state}`;
        assert.ok(r.headers.get('ratelimit-limit'), where);
        if (!habilitated) {
          assert.equal(r.status, 403, where);
          assert.equal(body.errors[0].code, '40300', where);
        } else if (needsConsent && state !== 'active') {
          assert.equal(r.status, 403, where);
          assert.equal(body.errors[0].code, '40301', where);
          assert.equal(body.data, undefined, where);
        } else {
          assert.equal(r.status, 200, `${where}: ${JSON.stringify(body)}`);
          assert.deepEqual(Object.keys(body.data).sort(), ['resultat', block(scope)].sort(), where);
          for (const k of Object.keys(body.data[block(scope)])) assert.ok(BLOCK_FIELDS[block(scope)].includes(k), `${where}: ${k}`);
          assert.deepEqual(check('VerificationAnswer', body), [], where);
        }
        assert.ok(!JSON.stringify(body).includes('example.org') && !JSON.stringify(body).includes('+3361'), where);
        if (consentId && state === 'active') cli('consent', 'revoke', '--db', db, '--id', String(consentId));
      }
    }
  }
  // Every answer and refusal was journaled, with the partner and the person.
  const entries = journal().slice(before);
  assert.equal(entries.length, asked);
  assert.ok(entries.every((e) => e.person === numero), 'refusals name the person too: she sees who asked');
  const refusals = entries.filter((e) => e.result === 'refus');
  assert.ok(refusals.some((e) => e.refusal_code === '40301') && refusals.some((e) => e.refusal_code === '40300'));
  const consented = entries.filter((e) => e.consent_ref.startsWith('consentement:'));
  assert.ok(consented.length > 0 && consented.every((e) => e.result === 'trouve'));
  assert.equal(cli('journal', 'verify', '--db', db).status, 0);
});

test('a token never reaches another partner: its scopes stay its own, and so do consents', async () => {
  const transport = await token(partners.transport);
  const r = await verify(transport, { numero_ofpra: '100000001', scopes: ['etat_civil.identite'] });
  assert.equal(r.status, 403);
  assert.equal((await r.json()).errors[0].code, '40300');
  const id = grantConsent(partners.collectivite, '100000002', ['etat_civil.identite']);
  const mine = await verify(await token(partners.collectivite), { numero_ofpra: '100000002', scopes: ['etat_civil.identite'] });
  assert.equal(mine.status, 200);
  assert.equal((await mine.json()).data.etat_civil_identite.nom_naissance, 'KARIMI');
  const other = await verify(await token(partners.other_town), { numero_ofpra: '100000002', scopes: ['etat_civil.identite'] });
  assert.equal(other.status, 403);
  assert.equal((await other.json()).errors[0].code, '40301');
  cli('consent', 'revoke', '--db', db, '--id', String(id));
  // Asking for a scope beyond the habilitation at the token endpoint is refused too.
  const wide = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${partners.transport.client_id}:${partners.transport.client_secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=etat_civil.famille',
  });
  assert.equal((await wide.json()).error, 'invalid_scope');
});

test('without consent, "not registered" and "no consent" look the same', async () => {
  const tok = await token(partners.transport);
  const known = await verify(tok, { numero_ofpra: '100000001', scopes: ['protection'] });
  const unknown = await verify(tok, { numero_ofpra: '999999998', scopes: ['protection'] });
  const namesakes = await verify(tok, { identite: { nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], date_naissance: '1985', code_pays_naissance: '99317', sexe: 'M' }, scopes: ['protection'] });
  assert.equal(known.status, 403);
  assert.equal(unknown.status, 403);
  assert.equal(namesakes.status, 403);
  const body = await unknown.json();
  assert.deepEqual(await known.json(), body);
  assert.deepEqual(await namesakes.json(), body);
  // With the consent of one of the namesakes, the partner may learn that the identity is ambiguous.
  const id = grantConsent(partners.transport, '100000004', ['protection']);
  const told = await verify(tok, { identite: { nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], date_naissance: '1985', code_pays_naissance: '99317', sexe: 'M' }, scopes: ['protection'] });
  assert.deepEqual((await told.json()).data, { resultat: 'ambigu' });
  cli('consent', 'revoke', '--db', db, '--id', String(id));
});

test('identity subjects: one person found through an alias, namesakes ambiguous, nothing disclosed when unsure', async () => {
  const tok = await token(partners.caf);
  const scopes = ['protection', 'etat_civil.identite'];
  const found = await verify(tok, { scopes, identite: { nom_naissance: 'Ahmady', prenoms: ['Mohamad', 'Reza'], date_naissance: '1990-05-17', code_pays_naissance: '99212', sexe: 'M' } });
  assert.equal(found.status, 200);
  const f = await found.json();
  assert.equal(f.data.resultat, 'trouve');
  assert.equal(f.data.etat_civil_identite.numero_ofpra, '100000001');
  assert.equal(f.data.etat_civil_identite.nom_naissance, 'AHMADI');
  const ambiguous = await verify(tok, { scopes, identite: { nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], date_naissance: '1985', code_pays_naissance: '99317', sexe: 'M' } });
  assert.deepEqual((await ambiguous.json()).data, { resultat: 'ambigu' });
  const nobody = await verify(tok, { scopes, identite: { nom_naissance: 'AHMADI', prenoms: ['Mohammad', 'Reza'], date_naissance: '1991' } });
  assert.deepEqual((await nobody.json()).data, { resultat: 'non_trouve' });
  const wrongSex = await verify(tok, { scopes, identite: { nom_naissance: 'KARIMI', prenoms: ['Fatima'], date_naissance: '1992', sexe: 'M' } });
  assert.deepEqual((await wrongSex.json()).data, { resultat: 'non_trouve' });
  // The ambiguous answer names nobody, and is followed by one entry per namesake, each in her
  // own history (issue 24, finding 7).
  const last = journal().slice(-6);
  assert.deepEqual(last.map((e) => e.result), ['trouve', 'ambigu', 'ambigu', 'ambigu', 'non_trouve', 'non_trouve']);
  assert.equal(last[0].person, '100000001');
  assert.equal(last[1].person, '');
  const namesakes = [last[2].person, last[3].person];
  assert.ok(namesakes.every((n) => /^\d{9}$/.test(n)) && namesakes[0] !== namesakes[1], namesakes.join());
  assert.ok(last.slice(2, 4).every((e) => e.request_hash === last[1].request_hash));
  assert.deepEqual(last.slice(4).map((e) => e.person), ['', '']);
  for (const date_naissance of ['01/01/1990', '2999', `${new Date().getUTCFullYear() + 1}-01`]) {
    const bad = await verify(tok, { scopes, identite: { nom_naissance: 'AHMADI', prenoms: ['Mohammad'], date_naissance } });
    assert.equal(bad.status, 400, date_naissance);
    assert.equal((await bad.json()).errors[0].source.parameter, 'identite.date_naissance');
  }
});

test('status at a date, the family with a registered spouse, and AGDREF numbers', async () => {
  const tok = await token(partners.caf);
  const past = await (await verify(tok, { numero_ofpra: '100000005', scopes: ['protection', 'protection.historique'], date: '2023-06-01' })).json();
  assert.equal(past.data.protection.protege, true);
  assert.equal(past.data.protection.type, 'apatride');
  assert.equal(past.data.protection_historique.periodes[0].motif_fin, 'naturalisation');
  const now = await (await verify(tok, { numero_ofpra: '100000005', scopes: ['protection'] })).json();
  assert.equal(now.data.protection.protege, false);
  const family = await (await verify(tok, { numero_agdref: '7501234567', scopes: ['etat_civil.famille'] })).json();
  const [spouse, child] = family.data.etat_civil_famille.membres;
  assert.equal(spouse.lien, 'conjoint');
  assert.equal(spouse.nom_naissance, 'KARIMI');
  assert.equal(child.prenoms[0], 'Sara');
});

test('an import made while the server runs is answered within seconds', async () => {
  const tok = await token(partners.caf);
  const newcomer = { numero_ofpra: '100000009', nom_naissance: 'NOUVELLE', prenoms: ['Amina'], sexe: 'F', date_naissance: '2001', protections: [] };
  writeFileSync(t.file('new.jsonl'), JSON.stringify(newcomer) + '\n');
  assert.equal(cli('import', '--db', db, t.file('new.jsonl')).status, 0);
  let resultat;
  for (let i = 0; i < 60 && resultat !== 'trouve'; i++) {
    resultat = (await (await verify(tok, { numero_ofpra: '100000009', scopes: ['protection'] })).json()).data.resultat;
    if (resultat !== 'trouve') await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(resultat, 'trouve');
});

test('private_key_jwt: assertions signed by jose with RSA, P-256 and Ed25519 keys, each accepted once', async () => {
  for (const [alg, options] of [['RS256', { modulusLength: 2048 }], ['ES256', {}], ['EdDSA', { crv: 'Ed25519' }]]) {
    const { publicKey, privateKey } = await generateKeyPair(alg, options);
    writeFileSync(t.file(`${alg}.pem`), await exportSPKI(publicKey));
    const partner = partnerAdd('caf', `20000000000${alg === 'RS256' ? 11 : alg === 'ES256' ? 12 : 13}`, ['--public-key', t.file(`${alg}.pem`)]);
    assert.equal(partner.client_secret, undefined);
    const assertion = (claims = {}, key = privateKey) => new SignJWT({ jti: crypto.randomUUID(), ...claims })
      .setProtectedHeader({ alg }).setIssuer(partner.client_id).setSubject(partner.client_id)
      .setAudience(`${ISSUER}/oauth/token`).setIssuedAt().setExpirationTime('2m').sign(key);
    const post = (jwt) => fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'protection', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt }).toString(),
    });
    const jwt = await assertion();
    const ok = await post(jwt);
    assert.equal(ok.status, 200, `${alg}: ${await ok.clone().text()}`);
    const { access_token: tok } = await ok.json();
    assert.equal((await verify(tok, { numero_ofpra: '100000001', scopes: ['protection'] })).status, 200);
    const replay = await post(jwt);
    assert.equal(replay.status, 401, alg);
    assert.equal((await replay.json()).error, 'invalid_client');
    // Expired, addressed elsewhere, signed by another key, lasting too long.
    const other = (await generateKeyPair(alg, options)).privateKey;
    for (const bad of [
      await new SignJWT({ jti: crypto.randomUUID() }).setProtectedHeader({ alg }).setIssuer(partner.client_id).setSubject(partner.client_id).setAudience(`${ISSUER}/oauth/token`).setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(privateKey),
      await new SignJWT({ jti: crypto.randomUUID() }).setProtectedHeader({ alg }).setIssuer(partner.client_id).setSubject(partner.client_id).setAudience('https://elsewhere.test/token').setIssuedAt().setExpirationTime('2m').sign(privateKey),
      await assertion({}, other),
      await new SignJWT({ jti: crypto.randomUUID() }).setProtectedHeader({ alg }).setIssuer(partner.client_id).setSubject(partner.client_id).setAudience(ISSUER).setIssuedAt().setExpirationTime('1h').sign(privateKey),
    ]) {
      const r = await post(bad);
      assert.equal(r.status, 401, alg);
    }
    // The audience may also be the issuer itself (as oauth4webapi sends it).
    const jwtIssuer = await new SignJWT({ jti: crypto.randomUUID() }).setProtectedHeader({ alg }).setIssuer(partner.client_id).setSubject(partner.client_id).setAudience(ISSUER).setIssuedAt().setExpirationTime('1m').sign(privateKey);
    assert.equal((await post(jwtIssuer)).status, 200);
  }
  // A key that is not acceptable is refused when the partner is registered.
  const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
  writeFileSync(t.file('small.pem'), small.publicKey.export({ type: 'spki', format: 'pem' }));
  const r = cli('partner', 'add', '--db', db, '--siret', siret('3000000000001'), '--name', 'X', '--type', 'caf', '--public-key', t.file('small.pem'));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /2048/);
});

test('an independent OAuth2 client (oauth4webapi) gets tokens with a secret and with a key', async () => {
  const as = { issuer: ISSUER, token_endpoint: `${server.url}/oauth/token` };
  const options = { [oauth.allowInsecureRequests]: true };
  const caf = partners.caf;
  const response = await oauth.clientCredentialsGrantRequest(as, { client_id: caf.client_id }, oauth.ClientSecretBasic(caf.client_secret), new URLSearchParams({ scope: 'protection etat_civil.identite' }), options);
  const result = await oauth.processClientCredentialsResponse(as, { client_id: caf.client_id }, response);
  assert.equal(result.token_type, 'bearer');
  assert.equal(result.scope, 'protection etat_civil.identite');
  const answer = await (await verify(result.access_token, { numero_ofpra: '100000002', scopes: ['etat_civil.identite'] })).json();
  assert.equal(answer.data.etat_civil_identite.prenoms[0], 'Fatima');

  // oauth4webapi signs with WebCrypto keys.
  const { publicKey, privateKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', publicKey)).toString('base64');
  writeFileSync(t.file('o4w.pem'), `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`);
  const keyed = partnerAdd('prefecture', '4000000000001', ['--public-key', t.file('o4w.pem')]);
  const r2 = await oauth.clientCredentialsGrantRequest(as, { client_id: keyed.client_id }, oauth.PrivateKeyJwt(privateKey), new URLSearchParams({ scope: 'protection' }), options);
  const t2 = await oauth.processClientCredentialsResponse(as, { client_id: keyed.client_id }, r2);
  assert.equal(t2.scope, 'protection');
});

test('introspection answers about the partner\'s own tokens only', async () => {
  const check = await openapiValidator(server.url);
  const mine = await token(partners.caf, 'protection');
  const theirs = await token(partners.prefecture, 'protection');
  const introspect = (auth, tok) => fetch(`${server.url}/api/v1/introspect`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: tok }).toString(),
  });
  const self = await (await introspect(mine, mine)).json();
  assert.equal(self.active, true);
  assert.equal(self.scope, 'protection');
  assert.equal(self.client_id, partners.caf.client_id);
  assert.deepEqual(check('Introspection', self), []);
  assert.deepEqual(await (await introspect(mine, theirs)).json(), { active: false });
  assert.deepEqual(await (await introspect(mine, 'not a token')).json(), { active: false });
  assert.equal((await introspect('garbage', mine)).status, 401);
  const missing = await fetch(`${server.url}/api/v1/introspect`, { method: 'POST', headers: { Authorization: `Bearer ${mine}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
  assert.equal(missing.status, 400);
  assert.equal((await missing.json()).errors[0].source.parameter, 'token');
});

test('a token signed with our own key but expired is refused (signed here by jose)', async () => {
  const hex = readFileSync(`${t.keysDir('r.db')}/token-ed25519.key`, 'utf8').trim();
  const pub = readFileSync(`${t.keysDir('r.db')}/token-ed25519.pub`, 'utf8').trim();
  const seed = Buffer.from(hex, 'hex').subarray(0, 32);
  const x = Buffer.from(pub, 'hex');
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: x.toString('base64url') }, 'EdDSA');
  const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
  const claims = { client_id: partners.caf.client_id, siret: partners.caf.siret, scope: 'protection' };
  const make = (exp) => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: jwks.keys[0].kid }).setIssuer(ISSUER)
    .setSubject(partners.caf.client_id).setIssuedAt(exp - 300).setExpirationTime(exp).setJti('x').sign(key);
  const now = Math.floor(Date.now() / 1000);
  assert.equal((await verify(await make(now + 120), { numero_ofpra: '100000001', scopes: ['protection'] })).status, 200);  // the key is right
  const expired = await verify(await make(now - 5), { numero_ofpra: '100000001', scopes: ['protection'] });
  assert.equal(expired.status, 401);
  assert.equal((await expired.json()).errors[0].code, '40100');
});

test('rate limits: announced in headers, 429 beyond, per partner', async () => {
  // A server of its own (one journal writer per database).
  const own = tempDir();
  const ownDb = own.db('r.db');
  assert.equal(cli('import', '--db', ownDb, t.file('persons.jsonl')).status, 0);
  const add = (prefix) => {
    const s = siret(prefix);
    const r = cli('partner', 'add', '--db', ownDb, '--siret', s, '--name', 'CAF', '--type', 'caf');
    assert.equal(r.status, 0, r.stderr);
    return { ...JSON.parse(r.stdout), siret: s };
  };
  const [first, second] = [add('5000000000001'), add('5000000000002')];
  const limited = await startServer(own.db('r.db'), ['--public-url', ISSUER, '--rate-limit', '3', '--rate-window', '3600']);
  try {
    const tokenFrom = async (client) => (await (await fetch(`${limited.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })).json()).access_token;
    const ask = (tok, recipient = first.siret) => fetch(`${limited.url}/api/v1/verifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ recipient, motif: 'x', scopes: ['protection'], numero_ofpra: '100000001' }),
    });
    const tok = await tokenFrom(first);
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const r = await ask(tok);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('ratelimit-limit'), '3');
      remaining.push(r.headers.get('ratelimit-remaining'));
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const over = await ask(tok);
    assert.equal(over.status, 429);
    assert.equal((await over.json()).errors[0].code, '42900');
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    assert.ok(Number(over.headers.get('ratelimit-reset')) > 0);
    // Another partner is not held back.
    assert.equal((await ask(await tokenFrom(second), second.siret)).status, 200);
  } finally {
    await limited.stop();
    own.remove();
  }
});
