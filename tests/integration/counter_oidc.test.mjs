// The counter's relying party against a hostile OpenID provider written here with node:crypto
// (an implementation independent of ours): every token or answer that must not sign an agent in
// is refused with a page, and no session cookie; the well-formed ones, signed ES256 or RS256,
// sign her in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { cli, startServer, tempDir, freePort } from '../support/ofpra.mjs';

let t;
let server;
let hostile;
const school = '99900002000019';

const b64 = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherEc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

function sign(claims, { alg = 'ES256', kid = 'ec1', key } = {}) {
  const input = `${b64({ alg, kid, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') {
    // The RSA public key as an HMAC secret: the classic confusion.
    const secret = rsa.publicKey.export({ type: 'spki', format: 'pem' });
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  }
  const signer = createSign('SHA256').update(input);
  const signature = alg === 'ES256'
    ? signer.sign({ key: key ?? ec.privateKey, dsaEncoding: 'ieee-p1363' })
    : signer.sign(key ?? rsa.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

// The provider: it sends the browser straight back with a code, and answers the token and
// userinfo requests as the case says.
async function startHostile() {
  const codes = new Map(); // code -> { nonce, used }
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${s.address().port}`;
  const provider = { issuer, spoil: {}, close: () => new Promise((r) => { s.closeAllConnections(); s.close(r); }) };
  s.on('request', async (req, res) => {
    const url = new URL(req.url, issuer);
    const json = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`, jwks_uri: `${issuer}/jwks`, end_session_endpoint: `${issuer}/logout`,
        token_endpoint_auth_methods_supported: ['client_secret_post'] });
    }
    if (url.pathname === '/jwks') {
      return json(200, { keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec1', use: 'sig' },
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa1', use: 'sig' }] });
    }
    if (url.pathname === '/authorize') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { nonce: url.searchParams.get('nonce'), used: false });
      res.writeHead(302, { location: `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}` });
      return res.end();
    }
    if (url.pathname === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get('code'));
      if (!grant || grant.used || form.get('client_secret') !== 'hostile-secret' || !form.get('code_verifier'))
        return json(400, { error: 'invalid_grant' });
      grant.used = true;
      const now = Math.floor(Date.now() / 1000);
      const sp = provider.spoil;
      const claims = { iss: issuer, aud: 'counter-test', sub: 'agent-1', exp: now + 300, iat: now, nonce: grant.nonce,
        acr: 'eidas1', ...sp.claims };
      for (const k of sp.drop ?? []) delete claims[k];
      return json(200, { access_token: 'at-1', token_type: 'Bearer', id_token: sign(claims, sp.signing) });
    }
    if (url.pathname === '/userinfo') {
      const sp = provider.spoil;
      const info = { sub: 'agent-1', given_name: 'Nour', usual_name: 'Haddad', email: 'nour@college.example.fr',
        uid: 'nhaddad', siret: school, idp_id: 'idp-x', ...sp.userinfo };
      if (sp.plainUserinfo) return json(200, info);
      res.writeHead(200, { 'content-type': 'application/jwt' });
      return res.end(sign({ iss: issuer, aud: 'counter-test', ...info }, sp.userinfoSigning ?? { alg: 'RS256', kid: 'rsa1' }));
    }
    res.writeHead(404);
    res.end();
  });
  return provider;
}


const cookieOf = (response, name) => (response.headers.getSetCookie?.() ?? [])
  .map((c) => c.split(';')[0]).find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

// One sign-in through the provider: the server's answer to the return, the return's address,
// and, for a refusal, the page it sends to (its status and text).
async function signIn() {
  const start = await fetch(`${server.url}/guichet/connexion`, { redirect: 'manual' });
  assert.equal(start.status, 303);
  const login = cookieOf(start, 'ofpra_guichet_connexion');
  const back = (await fetch(start.headers.get('location'), { redirect: 'manual' })).headers.get('location');
  const answer = await fetch(back, { redirect: 'manual', headers: { cookie: login } });
  const location = answer.headers.get('location') ?? '';
  let refusal = null;
  if (location.startsWith('/guichet/refus?')) {
    assert.match(location, /^\/guichet\/refus\?raison=[a-z]+$/, 'the refusal address carries more than a reason');
    refusal = await fetch(`${server.url}${location}`);
  }
  return { answer, back, login, refusal, text: refusal ? await refusal.text() : await answer.text() };
}

before(async () => {
  t = tempDir();
  assert.equal(cli('seed', '--db', t.db('r.db'), '--persons', '20').status, 0);
  hostile = await startHostile();
  const port = await freePort();
  process.env.OFPRA_CONNECT_PROCONNECT_SECRET = 'hostile-secret';
  server = await startServer(t.db('r.db'), ['--listen', `127.0.0.1:${port}`, '--public-url', `http://127.0.0.1:${port}`,
    '--proconnect-issuer', hostile.issuer, '--proconnect-client-id', 'counter-test', '--sign-in-starts', '1000']);
  delete process.env.OFPRA_CONNECT_PROCONNECT_SECRET;
});

after(async () => {
  await server?.stop();
  await hostile?.close();
  t?.remove();
});

test('well-formed answers, ES256 or RS256, open a session at the counter', async () => {
  for (const signing of [{ alg: 'ES256', kid: 'ec1' }, { alg: 'RS256', kid: 'rsa1' }]) {
    hostile.spoil = { signing };
    const { answer } = await signIn();
    assert.equal(answer.status, 303, signing.alg);
    assert.equal(answer.headers.get('location'), '/guichet');
    assert.ok(cookieOf(answer, 'ofpra_guichet'), signing.alg);
  }
});

test('every hostile token or answer is refused with a page and no session', async () => {
  const cases = {
    'alg none': { signing: { alg: 'none' } },
    'HS256 with the public key as secret': { signing: { alg: 'HS256', kid: 'rsa1' } },
    'signed by another key under the same kid': { signing: { alg: 'ES256', kid: 'ec1', key: otherEc.privateKey } },
    'another audience': { claims: { aud: 'someone-else' } },
    'another issuer': { claims: { iss: 'http://evil.example' } },
    'another nonce': { claims: { nonce: 'x'.repeat(43) } },
    expired: { claims: { exp: Math.floor(Date.now() / 1000) - 10 } },
    'a level below eidas1': { claims: { acr: 'eidas0' } },
    'no level': { drop: ['acr'] },
    'a userinfo about another agent': { userinfo: { sub: 'agent-2' } },
    'a userinfo signed with alg none': { userinfoSigning: { alg: 'none' } },
    'a userinfo not signed at all': { plainUserinfo: true },
    'a userinfo signed by another key': { userinfoSigning: { alg: 'ES256', kid: 'ec1', key: otherEc.privateKey } },
    'no SIRET': { userinfo: { siret: undefined } },
    'a SIRET that is not a partner': { userinfo: { siret: '12345678000014' } },
  };
  for (const [what, spoil] of Object.entries(cases)) {
    hostile.spoil = spoil;
    const { answer, refusal, text } = await signIn();
    assert.equal(answer.status, 303, what);
    assert.equal(refusal?.status, 403, what);
    assert.equal(cookieOf(answer, 'ofpra_guichet'), undefined, what);
    assert.match(text, /<h1>Guichet des administrations<\/h1>/, what);
    assert.match(text, /fr-alert--error/, what);
  }
  hostile.spoil = { userinfo: { siret: '12345678000014' } };
  assert.match((await signIn()).text, /n(&apos;|')est pas partenaire/);
});

test('a return is taken once, and a code the provider already redeemed signs nobody in', async () => {
  hostile.spoil = {};
  const first = await signIn();
  assert.equal(first.answer.status, 303);
  // The same return again: the state was used.
  const replay = await fetch(first.back, { redirect: 'manual', headers: { cookie: first.login } });
  assert.equal(replay.headers.get('location'), '/guichet/refus?raison=oidc');
  assert.equal(cookieOf(replay, 'ofpra_guichet'), undefined);
  // Another sign-in's state with the first one's code: the provider refuses the code.
  const start = await fetch(`${server.url}/guichet/connexion`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location')).searchParams.get('state');
  const code = new URL(first.back).searchParams.get('code');
  const reused = await fetch(`${server.url}/guichet/retour?code=${code}&state=${state}`,
    { redirect: 'manual', headers: { cookie: cookieOf(start, 'ofpra_guichet_connexion') } });
  assert.equal(reused.headers.get('location'), '/guichet/refus?raison=oidc');
  assert.equal(cookieOf(reused, 'ofpra_guichet'), undefined);
  // A forged state, and a return that did not start here.
  const forged = await fetch(`${server.url}/guichet/retour?code=abc&state=forged`, { redirect: 'manual' });
  assert.equal(forged.headers.get('location'), '/guichet/refus?raison=oidc');
  const health = await fetch(`${server.url}/readyz`);
  assert.equal(health.status, 200);
});

test('an organisation restricts its counter to listed domains or agents, from the command line', async () => {
  hostile.spoil = {};
  const db = t.db('r.db');
  const allow = cli('partner', 'counter-allow', '--db', db, '--siret', school, '--domain', 'Autre.Example.fr');
  assert.equal(allow.status, 0, allow.stderr);
  assert.deepEqual(cli('partner', 'counter-list', '--db', db, '--siret', school).stdout.trim().split('\n').map((l) => JSON.parse(l)),
    [{ domain: 'autre.example.fr' }]);
  const refused = await signIn();
  assert.equal(refused.refusal.status, 403);
  assert.match(refused.text, /réservé le guichet/);
  assert.equal(cli('partner', 'counter-allow', '--db', db, '--siret', school, '--uid', 'nhaddad').status, 0);
  assert.equal((await signIn()).answer.status, 303);
  assert.equal(cli('partner', 'counter-disallow', '--db', db, '--siret', school, '--uid', 'nhaddad').status, 0);
  assert.equal((await signIn()).refusal.status, 403);
  assert.equal(cli('partner', 'counter-disallow', '--db', db, '--siret', school, '--domain', 'autre.example.fr').status, 0);
  assert.equal((await signIn()).answer.status, 303);
  // Bad entries: a clear error, nothing changed.
  assert.equal(cli('partner', 'counter-disallow', '--db', db, '--siret', school, '--uid', 'nhaddad').status, 1);
  const notDomain = cli('partner', 'counter-allow', '--db', db, '--siret', school, '--domain', 'pas un domaine');
  assert.equal(notDomain.status, 1);
  assert.match(notDomain.stderr, /domain/);
  assert.equal(cli('partner', 'counter-allow', '--db', db, '--siret', school, '--domain', 'a.fr', '--uid', 'x').status, 2);
  assert.equal(cli('partner', 'counter-allow', '--db', db, '--siret', '123', '--uid', 'x').status, 2);
  assert.equal(cli('partner', 'counter-list', '--db', db, '--siret', school).stdout.trim(), '');
});

test('an agent taken off the allow-list loses her open session at her next page', async () => {
  hostile.spoil = {};
  const db = t.db('r.db');
  const { answer } = await signIn();
  const session = cookieOf(answer, 'ofpra_guichet');
  assert.equal((await fetch(`${server.url}/guichet`, { headers: { cookie: session } })).status, 200);
  assert.equal(cli('partner', 'counter-allow', '--db', db, '--siret', school, '--domain', 'ailleurs.example.fr').status, 0);
  try {
    const next = await fetch(`${server.url}/guichet`, { headers: { cookie: session } });
    assert.equal(next.status, 403);
    assert.match(await next.text(), /réservé le guichet/);
    assert.match(next.headers.getSetCookie().join(';'), /ofpra_guichet=;/);
    // The session is gone, not only hidden: with the list emptied again, the old cookie opens nothing.
    assert.equal(cli('partner', 'counter-disallow', '--db', db, '--siret', school, '--domain', 'ailleurs.example.fr').status, 0);
    const after = await fetch(`${server.url}/guichet`, { headers: { cookie: session } });
    assert.match(await after.text(), /id="proconnect"/);
  } finally {
    cli('partner', 'counter-disallow', '--db', db, '--siret', school, '--domain', 'ailleurs.example.fr');
  }
});

test('sign-ins from one address and checks of one organisation are limited, and the page says why', async () => {
  assert.equal(cli('seed', '--db', t.db('limited.db'), '--persons', '20').status, 0);
  process.env.OFPRA_CONNECT_PROCONNECT_SECRET = 'hostile-secret';
  const port = await freePort();
  const limited = await startServer(t.db('limited.db'), ['--listen', `127.0.0.1:${port}`,
    '--public-url', `http://127.0.0.1:${port}`, '--proconnect-issuer', hostile.issuer,
    '--proconnect-client-id', 'counter-test', '--sign-in-starts', '3', '--rate-limit', '2', '--rate-window', '3600']);
  delete process.env.OFPRA_CONNECT_PROCONNECT_SECRET;
  try {
    hostile.spoil = {};
    // One sign-in, then checks: the organisation's limit (its API's) holds at the counter too.
    const start = await fetch(`${limited.url}/guichet/connexion`, { redirect: 'manual' });
    const back = (await fetch(start.headers.get('location'), { redirect: 'manual' })).headers.get('location');
    const signedIn = await fetch(back, { redirect: 'manual', headers: { cookie: cookieOf(start, 'ofpra_guichet_connexion') } });
    const session = cookieOf(signedIn, 'ofpra_guichet');
    assert.ok(session);
    const desk = await (await fetch(`${limited.url}/guichet`, { headers: { cookie: session } })).text();
    const csrf = desk.match(/name="csrf" value="([^"]+)"/)[1];
    const motif = desk.match(/<option value="([^"]+)"/)[1];
    const checks = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${limited.url}/guichet/verifier`, { method: 'POST', headers: { cookie: session,
        'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, par: 'numero_ofpra',
        numero_ofpra: '100000001', motif: motif.replaceAll('&#39;', "'").replaceAll('&apos;', "'") }) });
      checks.push(r.status);
      if (r.status === 429) assert.match(await r.text(), /limite de vérifications de votre organisme/);
    }
    assert.notEqual(checks[0], 429);
    assert.notEqual(checks[1], 429);
    assert.equal(checks[2], 429);
    // Two more starts from this address, then refused.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/guichet/connexion`, { redirect: 'manual' })).status);
    assert.deepEqual(statuses, [303, 303, 429]);
    assert.match(await (await fetch(`${limited.url}/guichet/connexion`, { redirect: 'manual' })).text(), /Trop de connexions/);
  } finally { await limited.stop(); }
});
