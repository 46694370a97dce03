// Runs the real ofpra-connect binary for the integration and browser tests, on SQLite or,
// with OFPRA_TEST_BACKEND=postgres, on the throwaway PostgreSQL cluster of the ctest fixture.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const bin = process.env.OFPRA_CONNECT_BIN;
if (!bin) throw new Error('OFPRA_CONNECT_BIN must name the ofpra-connect binary');

export const backend = process.env.OFPRA_TEST_BACKEND ?? 'sqlite';
const pgServer = backend === 'postgres' ? readFileSync(process.env.OFPRA_TEST_PG_URL_FILE, 'utf8').trim() : null;
const pgDatabaseUrl = (name) => pgServer.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);

// A PostgreSQL database has no file beside which to keep the signing keys: each test database
// gets a folder, passed as OFPRA_CONNECT_KEYS_DIR to whatever runs on it.
const keysOf = new Map();
function envFor(args) {
  const at = args.indexOf('--db');
  const keys = at >= 0 ? keysOf.get(args[at + 1]) : undefined;
  return keys ? { ...process.env, OFPRA_CONNECT_KEYS_DIR: keys } : process.env;
}

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout;
}

// A folder for a test's files, and its databases: t.db(name) is the URL of an empty database
// of that name (the same one each time it is asked for), a file in the folder or a new
// database on the cluster; remove() drops them all.
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ofpra-it-'));
  const databases = new Map();
  const tag = basename(dir).replace(/[^a-zA-Z0-9]/g, '').toLowerCase();
  return {
    dir,
    file: (name) => join(dir, name),
    db(name) {
      if (!databases.has(name)) {
        if (backend === 'postgres') {
          const database = `it_${tag}_${name.replace(/[^a-zA-Z0-9]/g, '_')}`.toLowerCase();
          psql(pgDatabaseUrl('postgres'), `CREATE DATABASE ${database}`);
          databases.set(name, { url: pgDatabaseUrl(database), database });
          keysOf.set(pgDatabaseUrl(database), join(dir, `${name}.keys`));
        } else {
          databases.set(name, { url: `sqlite:${join(dir, name)}` });
        }
      }
      return databases.get(name).url;
    },
    // Where the signing keys of that database are kept.
    keysDir(name) {
      const url = this.db(name);
      return keysOf.get(url) ?? `${join(dir, name)}.keys`;
    },
    // Runs SQL on that database behind the service's back (to age a record, say).
    sql(name, statement) {
      if (backend === 'postgres') return psql(this.db(name), statement);
      const r = spawnSync('sqlite3', [join(dir, name), statement], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
      return r.stdout;
    },
    // Everything the database keeps, as bytes to search: the SQLite file and its WAL, or a
    // plain dump of the PostgreSQL database.
    rawContents(name) {
      if (backend === 'postgres') {
        const r = spawnSync('pg_dump', [this.db(name)], { encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 });
        if (r.status !== 0) throw new Error(`pg_dump: ${r.stderr}`);
        return r.stdout;
      }
      const file = join(dir, name);
      const read = (f) => { try { return readFileSync(f).toString('latin1'); } catch { return ''; } };
      return read(file) + read(`${file}-wal`);
    },
    remove() {
      for (const { database } of databases.values())
        if (database) psql(pgDatabaseUrl('postgres'), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Holds the database's write lock, as another process would, until release(): the journal
// cannot commit meanwhile (SQLite's busy timeout, PostgreSQL's lock timeout end the wait).
export async function holdWriteLock(url) {
  const locker = backend === 'postgres'
    ? spawn('psql', [url, '-q'], { stdio: ['pipe', 'ignore', 'inherit'] })
    : spawn('sqlite3', [url.replace(/^sqlite:/, '')], { stdio: ['pipe', 'ignore', 'inherit'] });
  locker.stdin.write(backend === 'postgres'
    ? 'BEGIN;\nLOCK TABLE journal_entries, journal_head IN EXCLUSIVE MODE;\n'
    : "PRAGMA busy_timeout=1000;\nBEGIN IMMEDIATE;\nINSERT INTO schema_migrations VALUES (9999, 'lock', 'now');\n");
  await new Promise((r) => setTimeout(r, 500));
  return {
    async release() {
      locker.stdin.end(backend === 'postgres' ? 'ROLLBACK;\n\\q\n' : 'ROLLBACK;\n.quit\n');
      await new Promise((r) => locker.on('exit', r));
    },
  };
}

// Runs a subcommand to completion: { status, stdout, stderr }.
export function cli(...args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: envFor(args) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Starts `serve` on a database URL, on a free loopback port, and resolves once it answers
// /readyz.
export async function startServer(dbUrl, extraArgs = []) {
  // A test that must know the address before the start (an OpenID redirect) gives --listen.
  const listen = extraArgs.includes('--listen') ? [] : ['--listen', '127.0.0.1:0'];
  const args = ['serve', '--db', dbUrl, ...listen, ...extraArgs];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: envFor(args) });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => { stdout += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20000);
    proc.stderr.on('data', (d) => {
      stderr += d;
      const m = stderr.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${url}/readyz`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url,
    proc,
    exited,
    logs: () => ({ stdout, stderr }),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

// Verifications by OFPRA number, scope protection, under one client-credentials token: each
// request { numero_ofpra, recipient } must be answered 200 (found or not, it is journaled).
export async function verifyProtection(url, client, requests, motif) {
  const tok = await (await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=protection',
  })).json();
  for (const { numero_ofpra, recipient } of requests) {
    const r = await fetch(`${url}/api/v1/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numero_ofpra, recipient, motif, scopes: ['protection'] }),
    });
    assert.equal(r.status, 200);
  }
}

// A loopback port free now, for a server whose address must be known before it starts (an
// OpenID provider's redirect address).
export async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

// The client of the test OpenID providers (FranceConnect or ProConnect alike).
export const testClient = { clientId: 'ofpra-connect-test', clientSecret: 'a-test-only-client-secret-of-some-length' };

// A server at url (on port) signing in with an OpenID provider, kind 'franceconnect' or
// 'proconnect': the client secret passes through the environment only, as in production.
export async function startServerWithProvider(dbUrl, kind, provider, url, port, extraArgs = []) {
  const variable = `OFPRA_CONNECT_${kind.toUpperCase()}_SECRET`;
  process.env[variable] = testClient.clientSecret;
  try {
    return await startServer(dbUrl, ['--listen', `127.0.0.1:${port}`, '--public-url', url,
      `--${kind}-issuer`, provider.issuer, `--${kind}-client-id`, testClient.clientId, ...extraArgs]);
  } finally {
    delete process.env[variable];
  }
}

// Stops what a browser journey started, the browser first.
export async function stopJourney({ browser, server, provider, t }) {
  if (process.env.OFPRA_DEBUG) console.log(server?.logs().stderr);
  await browser?.close();
  await server?.stop();
  await provider?.close();
  t?.remove();
}

// An agent signed in at a ProConnect test provider, for her organisation's SIRET.
export const proconnectAgent = (given, usual, siret, acr = 'eidas1') => ({
  given_name: given, usual_name: usual, email: `${given.toLowerCase()}@example.gouv.fr`, uid: given.toLowerCase(),
  siret, idp_id: 'idp-test', acr,
});

// A partner client's access token (client_secret_basic); fails the test when refused.
export async function accessToken(baseUrl, clientId, clientSecret) {
  const r = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (r.status !== 200) throw new Error(`token refused: ${r.status} ${await r.text()}`);
  return (await r.json()).access_token;
}

// Imports persons (registry records) into the database at dbUrl; fails the test when refused.
export function importPersons(t, dbUrl, persons) {
  writeFileSync(t.file('persons.jsonl'), persons.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const imported = cli('import', '--db', dbUrl, t.file('persons.jsonl'));
  if (imported.status !== 0) throw new Error(imported.stderr);
}

// `partner add` of an "Administration TYPE" at that SIRET: its client's credentials, SIRET and type.
export function addPartner(dbUrl, type, siretNumber, extra = []) {
  const r = cli('partner', 'add', '--db', dbUrl, '--siret', siretNumber, '--name', `Administration ${type}`, '--type',
    type, ...extra);
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...JSON.parse(r.stdout), siret: siretNumber, type };
}
