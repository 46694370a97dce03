// The real server on a loopback port, against a temporary SQLite registry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createHash } from 'node:crypto';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';

let t;
let server;
let account;

before(async () => {
  t = tempDir();
  const seeded = cli('seed', '--db', t.db('r.db'), '--persons', '200');
  assert.equal(seeded.status, 0, seeded.stderr);
  const [, numero, password] = seeded.stdout.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  account = { numero, password };
  server = await startServer(t.db('r.db'));
});

after(async () => {
  await server?.stop();
  t?.remove();
});

// Sends raw bytes on a new connection and collects everything until the server closes.
function raw(bytes, { waitMs = 3000 } = {}) {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(data); }, waitMs);
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => { clearTimeout(timer); resolve(data); });
    socket.on('error', (e) => { clearTimeout(timer); e.code === 'ECONNRESET' ? resolve(data) : reject(e); });
    socket.write(bytes);
  });
}

test('probes answer', async () => {
  const h = await fetch(`${server.url}/healthz`);
  assert.equal(h.status, 200);
  assert.deepEqual(await h.json(), { status: 'ok' });
  const r = await fetch(`${server.url}/readyz`);
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'ready' });
});

test('every answer carries a request id and protective headers', async () => {
  const mine = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'partner-req-42' } });
  assert.equal(mine.headers.get('x-request-id'), 'partner-req-42');
  const bad = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'no spaces <allowed>' } });
  assert.match(bad.headers.get('x-request-id'), /^[0-9a-f]{24}$/);
  assert.equal(bad.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(bad.headers.get('cache-control'), 'no-store');
  assert.match(bad.headers.get('content-security-policy'), /default-src 'self'/);
});

test('unknown paths and wrong methods get the error envelope', async () => {
  const nf = await fetch(`${server.url}/api/v1/nothing-here`);
  assert.equal(nf.status, 404);
  const body = await nf.json();
  assert.equal(body.errors[0].code, '40400');
  assert.ok(body.errors[0].title && body.errors[0].detail);
  const ma = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
  assert.equal(ma.status, 405);
  assert.equal(ma.headers.get('allow'), 'GET');
  assert.equal((await ma.json()).errors[0].code, '40500');
  const page = await fetch(`${server.url}/nothing-here`, { headers: { Accept: 'text/html' } });
  assert.equal(page.status, 404);
  assert.match(await page.text(), /<html lang="fr" dir="ltr"/);
});

test('HEAD answers like GET without a body', async () => {
  const r = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-length'), '15');
  assert.equal(await r.text(), '');
});

test('a body over the limit is refused with 413 and the envelope', async () => {
  const r = await fetch(`${server.url}/healthz`, { method: 'POST', body: 'x'.repeat(65 * 1024) });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).errors[0].code, '41300');
});

test('oversized headers are refused with 431', async () => {
  const reply = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(10000)}\r\n\r\n`);
  assert.match(reply, /^HTTP\/1\.1 431 /);
  assert.match(reply, /"code":"43100"/);
});

test('a malformed request is refused with 400 and the connection closed', async () => {
  const reply = await raw('GARBAGE\r\n\r\n');
  assert.match(reply, /^HTTP\/1\.1 400 /);
  assert.match(reply, /"code":"40000"/);
  const reply2 = await raw('GET /healthz HTTP/1.1\r\nContent-Length: nope\r\n\r\n');
  assert.match(reply2, /^HTTP\/1\.1 400 /);
});

test('keep-alive serves several requests on one connection', async () => {
  const reply = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal((reply.match(/HTTP\/1\.1 200 OK/g) || []).length, 3);
});

test('metrics count requests by route and status and show store figures', async () => {
  await fetch(`${server.url}/healthz`);
  const text = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(text, /ofpra_http_requests_total\{route="healthz",status="200"\} \d+/);
  assert.match(text, /ofpra_http_request_duration_seconds_bucket\{route="healthz",le="\+Inf"\} \d+/);
  assert.match(text, /ofpra_registry_persons 200/);
  assert.match(text, /ofpra_store_up 1/);
});

// Issue 24, finding 7: /metrics tells about traffic and partners; it is not for everyone.
test('metrics are for the loopback interface, or for whoever holds the configured token', async () => {
  const token = 'scraper-secret-for-the-test';
  const hash = createHash('sha256').update(token).digest('hex');
  const guarded = await startServer(t.db('r.db'), ['--trusted-proxies', '127.0.0.1', '--metrics-token-sha256', hash]);
  const open = await startServer(t.db('r.db'), ['--trusted-proxies', '127.0.0.1']);
  try {
    const from = (url, client, headers = {}) => fetch(`${url}/metrics`, { headers: { 'X-Forwarded-For': client, ...headers } });
    // Without a token: the loopback interface only, never a client behind the proxy.
    assert.equal((await from(open.url, '127.0.0.1')).status, 200);
    const outside = await from(open.url, '203.0.113.7');
    assert.equal(outside.status, 404);
    assert.doesNotMatch(await outside.text(), /ofpra_http_requests_total/);
    // With one: the token, from anywhere, and nothing without it, not even from loopback.
    assert.equal((await from(guarded.url, '127.0.0.1')).status, 404);
    assert.equal((await from(guarded.url, '203.0.113.7', { Authorization: 'Bearer wrong' })).status, 404);
    const scraped = await from(guarded.url, '203.0.113.7', { Authorization: `Bearer ${token}` });
    assert.equal(scraped.status, 200);
    assert.match(await scraped.text(), /ofpra_http_requests_total/);
  } finally {
    await guarded.stop();
    await open.stop();
  }
  assert.notEqual(cli('serve', '--db', t.db('r.db'), '--metrics-token-sha256', 'not-hex').status, 0);
});

// Issue 24, finding 7: over HTTPS the session and form cookies carry the __Host- prefix, which
// browsers keep only when Secure, on Path=/ and without Domain: no other site of the domain can
// set or shadow them.
test('over HTTPS the portal cookies are __Host- cookies, and they are the ones read back', async () => {
  const https = await startServer(t.db('r.db'), ['--public-url', 'https://connect.ofpra.test']);
  try {
    const form = await fetch(`${https.url}/connexion`);
    const csrfCookie = form.headers.get('set-cookie');
    assert.match(csrfCookie, /^__Host-ofpra_csrf=([^;]+); Path=\/;.*; Secure/);
    assert.doesNotMatch(csrfCookie, /Domain=/i);
    const csrf = csrfCookie.match(/^__Host-ofpra_csrf=([^;]+)/)[1];
    const login = await fetch(`${https.url}/connexion`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-ofpra_csrf=${csrf}` },
      body: `csrf=${csrf}&numero_ofpra=${account.numero}&mot_de_passe=${encodeURIComponent(account.password)}`,
    });
    assert.equal(login.status, 303);
    const session = login.headers.get('set-cookie');
    assert.match(session, /__Host-ofpra_session=[^;]+; Path=\/;.*HttpOnly; Secure/);
    const token = session.match(/__Host-ofpra_session=([^;]+)/)[1];
    const space = await fetch(`${https.url}/espace`, { redirect: 'manual', headers: { cookie: `__Host-ofpra_session=${token}` } });
    assert.equal(space.status, 200);
    // The bare name is not read over HTTPS: a cookie set by a sibling site counts for nothing.
    const shadowed = await fetch(`${https.url}/espace`, { redirect: 'manual', headers: { cookie: `ofpra_session=${token}` } });
    assert.equal(shadowed.status, 303);
  } finally {
    await https.stop();
  }
});

test('pages, the OpenAPI document and DSFR assets are served', async () => {
  const home = await fetch(`${server.url}/`);
  assert.equal(home.status, 200);
  assert.match(home.headers.get('content-type'), /text\/html/);
  const css = await fetch(`${server.url}/static/dsfr/dsfr.min.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('cache-control'), /max-age/);
  const again = await fetch(`${server.url}/static/dsfr/dsfr.min.css`, { headers: { 'If-None-Match': css.headers.get('etag') } });
  assert.equal(again.status, 304);
  const escape = await fetch(`${server.url}/static/dsfr/..%2F..%2Fpackage.json`);
  assert.equal(escape.status, 404);
  const api = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  assert.equal(api.openapi, '3.1.0');
});

test('the access log holds no path, query or body', async () => {
  await fetch(`${server.url}/nothing?nom_naissance=ZZPRIVATEZZ`, { method: 'GET' });
  await fetch(`${server.url}/healthz`, { method: 'POST', body: 'ZZBODYZZ' });
  await new Promise((r) => setTimeout(r, 200));
  const { stdout, stderr } = server.logs();
  assert.match(stdout, /"route":"unmatched"/);
  for (const line of stdout.trim().split('\n')) JSON.parse(line);
  assert.doesNotMatch(stdout + stderr, /ZZPRIVATEZZ|ZZBODYZZ|nothing\?/);
});

test('SIGTERM lets requests in flight finish, then the server exits cleanly', async () => {
  const t2 = tempDir();
  try {
    assert.equal(cli('migrate', '--db', t2.db('s.db')).status, 0);
    const s = await startServer(t2.db('s.db'));
    // An idle keep-alive connection must not hold the shutdown.
    const idle = net.connect(new URL(s.url).port, '127.0.0.1');
    await new Promise((r) => idle.on('connect', r));
    const inflight = Array.from({ length: 50 }, () => fetch(`${s.url}/`).then((r) => r.text()).then((b) => b.length, () => -1));
    await new Promise((r) => setTimeout(r, 5));
    s.proc.kill('SIGTERM');
    const results = await Promise.all(inflight);
    const { code } = await s.exited;
    assert.equal(code, 0);
    // Each request either got a whole page or was never accepted; none was cut.
    for (const n of results) assert.ok(n === -1 || n > 5000, `truncated answer of ${n} bytes`);
    assert.ok(results.some((n) => n > 5000));
    assert.match(s.logs().stderr, /stopping/);
    idle.destroy();
  } finally { t2.remove(); }
});

test('the journal\'s public key is published for third parties', async () => {
  const r = await fetch(`${server.url}/.well-known/ofpra-journal-key.json`);
  assert.equal(r.status, 200);
  const key = await r.json();
  assert.equal(key.algorithm, 'Ed25519');
  assert.match(key.public_key_hex, /^[0-9a-f]{64}$/);
  // The key the journal signs with, as its keys folder holds it; its id as the checkpoints name it.
  const { readFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { join } = await import('node:path');
  const onDisk = readFileSync(join(t.keysDir('r.db'), 'journal-ed25519.pub'), 'utf8').trim();
  assert.equal(key.public_key_hex, onDisk);
  assert.equal(key.key_id, createHash('sha256').update(onDisk).digest('hex').slice(0, 16));
});
