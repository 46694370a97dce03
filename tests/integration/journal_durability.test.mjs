// The journal under the real server: every answer that left has its entry, even when the
// server is killed mid-load; an unwritable journal means no answer at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backend, cli, holdWriteLock, startServer, tempDir } from '../support/ofpra.mjs';

let t;
let db;
let client;

before(() => {
  t = tempDir();
  db = t.db('r.db');
  assert.equal(cli('seed', '--db', db, '--persons', '300').status, 0);
  const r = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'CAF', '--type', 'caf');
  assert.equal(r.status, 0, r.stderr);
  client = JSON.parse(r.stdout);
});

after(() => t?.remove());

// The load below is far above a partner's default limit, and on PostgreSQL the counts outlive
// a restart: limited, the answers this test checks would be 429s depending on the host's speed.
const unlimited = ['--rate-limit', '1000000'];

async function tokenFrom(url) {
  const r = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  assert.equal(r.status, 200);
  return (await r.json()).access_token;
}

function verify(url, token, numero) {
  return fetch(`${url}/api/v1/verifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ numero_ofpra: numero, recipient: '73282932000074', motif: 'Test de durabilité', scopes: ['protection'] }),
  });
}

function exportJournal() {
  const r = cli('journal', 'export', '--db', db);
  assert.equal(r.status, 0, r.stderr);
  // Entries only: the signed checkpoints and head have no seq of their own.
  return r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.seq !== undefined) : [];
}

test('after SIGKILL under load, every answer given is in the journal and the chain verifies', { timeout: 120000 }, async () => {
  const server = await startServer(db, unlimited);
  const token = await tokenFrom(server.url);
  const answered = [];
  let killed = false;
  const worker = async (w) => {
    for (let i = 0; !killed || i < 3; i++) {
      const numero = String(100000001 + ((w * 37 + i) % 300));
      try {
        const r = await verify(server.url, token, numero);
        if (r.status === 200) answered.push({ numero, reference: (await r.json()).meta.reference });
      } catch { if (killed) return; }
    }
  };
  const workers = Array.from({ length: 24 }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 1500));
  server.proc.kill('SIGKILL');
  killed = true;
  await Promise.all(workers);
  await server.exited;
  assert.ok(answered.length > 50, `only ${answered.length} answers before the kill`);

  // Restart: the chain continues where the disk says it stopped.
  const again = await startServer(db, unlimited);
  try {
    const after = await verify(again.url, await tokenFrom(again.url), '100000001');
    assert.equal(after.status, 200);
  } finally {
    await again.stop();
  }

  const bySeq = new Map(exportJournal().map((e) => [String(e.seq), e]));
  for (const a of answered) {
    const e = bySeq.get(a.reference);
    assert.ok(e, `answer ${a.reference} has no journal entry`);
    assert.equal(e.person, a.numero);
    assert.equal(e.result, 'trouve');
  }
  const v = cli('journal', 'verify', '--db', db);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('when the journal cannot be written, the service refuses to answer and says so', { timeout: 120000 }, async () => {
  const server = await startServer(db, unlimited);
  try {
    const token = await tokenFrom(server.url);
    // Another process holds the database's write lock: the journal's commit cannot happen.
    const lock = await holdWriteLock(db);
    const before = exportJournal().length;
    const r = await verify(server.url, token, '100000001');
    const body = await r.json();
    assert.equal(r.status, 503);
    assert.equal(body.errors[0].code, '50302');
    assert.equal(body.data, undefined);
    assert.doesNotMatch(JSON.stringify(body), /100000001|protege/);
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 503);
    await lock.release();
    assert.equal(exportJournal().length, before);
    // The journal writable again: answers resume, and are journaled.
    const ok = await verify(server.url, token, '100000001');
    assert.equal(ok.status, 200);
    assert.equal(exportJournal().length, before + 1);
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  } finally {
    await server.stop();
  }
  assert.equal(cli('journal', 'verify', '--db', db).status, 0);
});

// Issue 24, injected faults: the journal's table refuses writes as a full disk would (a trigger
// raising the engine's own "disk full"). The server answers 503 with the envelope and never the
// data, /readyz and the log say so, and once the disk frees it comes back by itself, before
// any request: the writer tries the store on its own.
test('a full disk under the journal: 503 and a word in the log, then recovery by itself', { timeout: 120000 }, async () => {
  const server = await startServer(db, [...unlimited, '--monitor-period-ms', '100']);
  const full = backend === 'postgres'
    ? [`CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`,
       'CREATE TRIGGER full_disk_entries BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION full_disk()',
       'CREATE TRIGGER full_disk_head BEFORE UPDATE ON journal_head FOR EACH ROW EXECUTE FUNCTION full_disk()']
    : ["CREATE TRIGGER full_disk_entries BEFORE INSERT ON journal_entries BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
       "CREATE TRIGGER full_disk_head BEFORE UPDATE ON journal_head BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"];
  const freed = backend === 'postgres'
    ? ['DROP TRIGGER full_disk_entries ON journal_entries', 'DROP TRIGGER full_disk_head ON journal_head', 'DROP FUNCTION full_disk']
    : ['DROP TRIGGER full_disk_entries', 'DROP TRIGGER full_disk_head'];
  const logged = () => server.logs().stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const told = async (what) => {
    const end = Date.now() + 10000;
    while (!logged().some(what) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  };
  const failing = (e) => e.event === 'the journal cannot be written: answers are refused' && e.level === 'error';
  const back = (e) => e.event.startsWith('the journal is written again after') && e.level === 'warning';
  try {
    const token = await tokenFrom(server.url);
    assert.equal((await verify(server.url, token, '100000002')).status, 200);
    const before = exportJournal().length;
    for (const statement of full) t.sql('r.db', statement);
    for (let i = 0; i < 3; i++) {
      const r = await verify(server.url, token, '100000002');
      const body = await r.json();
      assert.equal(r.status, 503);
      assert.equal(body.errors[0].code, '50302');
      assert.equal(body.data, undefined);
    }
    assert.equal((await fetch(`${server.url}/readyz`)).status, 503);
    await told(failing);
    for (const statement of freed) t.sql('r.db', statement);
    // No request: the writer's own retry makes the service ready again.
    const end = Date.now() + 30000;
    while ((await fetch(`${server.url}/readyz`)).status !== 200 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const after = await verify(server.url, token, '100000002');
    assert.equal(after.status, 200);
    const entries = exportJournal();
    assert.equal(entries.length, before + 1);  // the refused answers left nothing
    assert.equal(entries.at(-1).seq, Number((await after.json()).meta.reference));
    await told(back);
    const log = logged();
    assert.equal(log.filter(failing).length, 1, JSON.stringify(log));
    const recovered = log.filter(back);
    assert.equal(recovered.length, 1, JSON.stringify(log));
    assert.match(recovered[0].event, /; [1-9]\d* requests refused meanwhile$/);
  } finally {
    await server.stop();
  }
  assert.equal(cli('journal', 'verify', '--db', db).status, 0);
});
