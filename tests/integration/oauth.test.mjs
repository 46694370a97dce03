// OAuth2 client credentials against the real server, and its tokens checked by an independent
// JOSE implementation (jose) against the keys we publish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { backend, cli, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';

let t;
let server;
const clients = {};

before(async () => {
  t = tempDir();
  const db = t.db('r.db');
  assert.equal(cli('seed', '--db', db, '--persons', '50').status, 0);
  for (const [name, siret, type] of [['caf', '73282932000074', 'caf'], ['transport', '35600000000048', 'transport']]) {
    const r = cli('partner', 'add', '--db', db, '--siret', siret, '--name', name, '--type', type);
    assert.equal(r.status, 0, r.stderr);
    clients[name] = { ...JSON.parse(r.stdout), siret };
  }
  server = await startServer(t.db('r.db'), ['--public-url', 'https://connect.ofpra.test']);
});

after(async () => {
  await server?.stop();
  t?.remove();
});

function token(client, form, auth = `${client.client_id}:${client.client_secret}`) {
  return fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
}

test('a client gets a token that jose verifies against our JWKS', async () => {
  const r = await token(clients.caf, { grant_type: 'client_credentials', scope: 'protection etat_civil.identite' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const body = await r.json();
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 300);
  assert.equal(body.scope, 'protection etat_civil.identite');
  assert.equal(decodeProtectedHeader(body.access_token).alg, 'EdDSA');
  const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(body.access_token, jwks, { issuer: 'https://connect.ofpra.test', algorithms: ['EdDSA'] });
  assert.equal(payload.sub, clients.caf.client_id);
  assert.equal(payload.siret, clients.caf.siret);
  assert.equal(payload.scope, 'protection etat_civil.identite');
  assert.ok(payload.exp - payload.iat === 300 && payload.jti);
});

test('without a scope parameter the token carries the whole habilitation, and never more', async () => {
  const all = await (await token(clients.caf, { grant_type: 'client_credentials' })).json();
  assert.deepEqual(all.scope.split(' ').sort(), ['etat_civil.avancement', 'etat_civil.famille', 'etat_civil.identite', 'protection', 'protection.historique']);
  const transport = await (await token(clients.transport, { grant_type: 'client_credentials' })).json();
  assert.equal(transport.scope, 'protection');
  const beyond = await token(clients.transport, { grant_type: 'client_credentials', scope: 'protection etat_civil.identite' });
  assert.equal(beyond.status, 400);
  assert.equal((await beyond.json()).error, 'invalid_scope');
});

test('bad credentials and malformed requests get RFC 6749 errors', async () => {
  const wrong = await token(clients.caf, { grant_type: 'client_credentials' }, `${clients.caf.client_id}:nope`);
  assert.equal(wrong.status, 401);
  assert.match(wrong.headers.get('www-authenticate'), /^Basic /);
  assert.equal((await wrong.json()).error, 'invalid_client');
  // One partner's secret never opens another's client.
  const crossed = await token(clients.caf, { grant_type: 'client_credentials' }, `${clients.transport.client_id}:${clients.caf.client_secret}`);
  assert.equal(crossed.status, 401);
  const unknown = await token(clients.caf, { grant_type: 'client_credentials' }, 'pc_nobody:secret');
  assert.equal(unknown.status, 401);
  const none = await fetch(`${server.url}/oauth/token`, { method: 'POST', body: 'grant_type=client_credentials', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(none.status, 401);
  const grant = await token(clients.caf, { grant_type: 'password' });
  assert.equal(grant.status, 400);
  assert.equal((await grant.json()).error, 'unsupported_grant_type');
  const missing = await token(clients.caf, {});
  assert.equal((await missing.json()).error, 'invalid_request');
  const twice = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clients.caf.client_id}:${clients.caf.client_secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&grant_type=client_credentials',
  });
  assert.equal((await twice.json()).error, 'invalid_request');
});

test('the server keeps answering other requests while secrets are being checked', async () => {
  // Twelve argon2id checks: on the io threads they would hold /healthz for well over 300 ms.
  const slow = Array.from({ length: 12 }, () => token(clients.caf, { grant_type: 'client_credentials' }));
  const t0 = Date.now();
  const h = await fetch(`${server.url}/healthz`);
  const healthMs = Date.now() - t0;
  assert.equal(h.status, 200);
  for (const r of await Promise.all(slow)) assert.equal(r.status, 200);
  assert.ok(healthMs < 300, `/healthz took ${healthMs} ms behind the token requests`);
});

async function bearer(client, scope) {
  const form = { grant_type: 'client_credentials' };
  if (scope) form.scope = scope;
  return (await (await token(client, form)).json()).access_token;
}

// The token's partner (its siret claim), the recipient of its verifications; a token that is
// not one gets a SIRET of its own, to be refused for the token.
function partnerOf(tok) {
  try { return JSON.parse(Buffer.from(tok.split('.')[1], 'base64url').toString()).siret ?? '73282932000074'; } catch { return '73282932000074'; }
}

function verification(tok, body) {
  return fetch(`${server.url}/api/v1/verifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ recipient: partnerOf(tok), motif: 'Test', ...body }),
  });
}

test('an answer carries exactly the blocks of the scopes asked, and nothing else', async () => {
  const tok = await bearer(clients.caf);
  const r = await verification(tok, { numero_ofpra: '100000001', scopes: ['etat_civil.identite'] });
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.deepEqual(Object.keys(body.data).sort(), ['etat_civil_identite', 'resultat']);
  assert.equal(body.data.etat_civil_identite.numero_ofpra, '100000001');
  assert.match(body.meta.reference, /^\d+$/);
  const p = await (await verification(tok, { numero_ofpra: '100000001', scopes: ['protection'] })).json();
  assert.deepEqual(Object.keys(p.data).sort(), ['protection', 'resultat']);
  assert.equal(typeof p.data.protection.protege, 'boolean');
  const missing = await (await verification(tok, { numero_ofpra: '999999999', scopes: ['protection'] })).json();
  assert.deepEqual(missing.data, { resultat: 'non_trouve' });
});

test('scopes beyond the token, scopes needing consent and bad tokens are refused', async () => {
  const narrow = await bearer(clients.caf, 'protection');
  const beyond = await verification(narrow, { numero_ofpra: '100000001', scopes: ['etat_civil.famille'] });
  assert.equal(beyond.status, 403);
  assert.equal((await beyond.json()).errors[0].code, '40300');
  const transport = await bearer(clients.transport);
  const consent = await verification(transport, { numero_ofpra: '100000001', scopes: ['protection'] });
  assert.equal(consent.status, 403);
  const refusal = await consent.json();
  assert.equal(refusal.errors[0].code, '40301');
  assert.equal(refusal.data, undefined);
  const [h, p] = narrow.split('.');
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
  for (const bad of [none, `${h}.${p}.AAAA`, 'garbage']) {
    const r = await verification(bad, { numero_ofpra: '100000001', scopes: ['protection'] });
    assert.equal(r.status, 401);
    assert.equal((await r.json()).errors[0].code, '40100');
  }
  const invalid = await verification(narrow, { numero_ofpra: '12', scopes: ['protection'] });
  assert.equal(invalid.status, 400);
  assert.equal((await invalid.json()).errors[0].source.parameter, 'numero_ofpra');
});

// On SQLite the next request sees it; on PostgreSQL, the node hears of it by the database's
// notice, a few milliseconds after the commit (docs/OPERATIONS.md).
test('revoking a client stops its tokens at once', async () => {
  const db = t.db('r.db');
  const r = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'caf', '--type', 'caf');
  const extra = { ...JSON.parse(r.stdout), siret: '73282932000074' };
  const tok = await bearer(extra, 'protection');
  // The first answer reads the client's access from the store; the second, on SQLite, is
  // decided from the copy in memory, as the one after the revocation will first be.
  for (let i = 0; i < 2; i++)
    assert.equal((await verification(tok, { numero_ofpra: '100000001', scopes: ['protection'] })).status, 200);
  const revoked = cli('partner', 'revoke-client', '--db', db, '--client-id', extra.client_id);
  assert.equal(revoked.status, 0, revoked.stderr);
  let after = await verification(tok, { numero_ofpra: '100000001', scopes: ['protection'] });
  for (let waited = 0; backend === 'postgres' && after.status === 200 && waited < 1000; waited += 20) {
    await new Promise((res) => setTimeout(res, 20));
    after = await verification(tok, { numero_ofpra: '100000001', scopes: ['protection'] });
  }
  assert.equal(after.status, 401);
  assert.equal((await token(extra, { grant_type: 'client_credentials' })).status, 401);
  assert.equal(cli('partner', 'revoke-client', '--db', db, '--client-id', 'pc_nobody').status, 1);
});

test('real answers match the schemas of the OpenAPI document', async () => {
  const check = await openapiValidator(server.url);
  const tok = await bearer(clients.caf);
  const all = ['protection', 'protection.historique', 'etat_civil.avancement', 'etat_civil.identite', 'etat_civil.famille'];
  for (const numero of ['100000001', '100000002', '100000003', '999999999']) {
    const body = await (await verification(tok, { numero_ofpra: numero, scopes: all })).json();
    assert.deepEqual(check('VerificationAnswer', body), [], JSON.stringify(body));
  }
  const refused = await (await verification(await bearer(clients.transport), { numero_ofpra: '100000001', scopes: ['protection'] })).json();
  assert.deepEqual(check('ErrorEnvelope', refused), []);
  const grant = await (await token(clients.caf, { grant_type: 'client_credentials' })).json();
  assert.deepEqual(check('TokenResponse', grant), []);
  const oauthError = await (await token(clients.caf, { grant_type: 'password' })).json();
  assert.deepEqual(check('OAuthError', oauthError), []);
  // The validator does fail on a wrong shape.
  assert.notDeepEqual(check('VerificationAnswer', { data: { resultat: 'peut-etre' }, links: {} }), []);
});

// Finding 4 of the security review: bogus token requests cannot buy argon2id time without end,
// nor stall the pages. Behind a trusted proxy, so that each request may come from its own origin.
test('failed token requests are limited per origin before hashing, and a flood never stalls the pages', async () => {
  const guarded = await startServer(t.db('r.db'), ['--public-url', 'https://connect.ofpra.test',
    '--token-failures', '5', '--trusted-proxies', '127.0.0.1']);
  try {
    const ask = (from, auth) => fetch(`${guarded.url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Forwarded-For': from,
      },
      body: 'grant_type=client_credentials',
    });
    const right = `${clients.caf.client_id}:${clients.caf.client_secret}`;
    const wrong = `${clients.caf.client_id}:not-the-secret`;
    for (let i = 0; i < 5; i++) assert.equal((await ask('203.0.113.1', wrong)).status, 401);
    const limited = await ask('203.0.113.1', wrong);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '900');
    assert.equal((await limited.json()).error, 'invalid_client');
    // Nothing more is tried from there, not even the right secret...
    assert.equal((await ask('203.0.113.1', right)).status, 429);
    // ...but one attacker cannot lock the client out everywhere.
    assert.equal((await ask('203.0.113.2', right)).status, 200);

    // A flood from many origins: the token pool is bounded, the rest refused at once, and a page
    // asked meanwhile is answered before the hashing queue has drained.
    let hashingsDone = 0;
    const flood = Array.from({ length: 150 }, (_, i) =>
      ask(`198.51.100.${i % 250}`, `bogus-${i}:secret`).then(async (r) => {
        await r.arrayBuffer();
        if (r.status === 401) hashingsDone++;
        return r.status;
      }));
    await new Promise((r) => setTimeout(r, 100));  // let the flood reach the server first
    const page = await fetch(`${guarded.url}/connexion`);
    const answeredBeforePage = hashingsDone;
    assert.equal(page.status, 200);
    const statuses = await Promise.all(flood);
    const hashed = statuses.filter((s) => s === 401).length;
    assert.ok(statuses.every((s) => s === 401 || s === 503), `unexpected statuses ${[...new Set(statuses)]}`);
    assert.ok(statuses.includes(503), 'the bounded pool refuses what it cannot take');
    assert.ok(answeredBeforePage < hashed, `the page waited for ${answeredBeforePage} of ${hashed} hashings`);
  } finally {
    await guarded.stop();
  }
});
