// PostgreSQL stopped under load, then started again (issue 24, injected faults): meanwhile the
// service answers 503 and says so in its log and at /readyz; then it recovers by itself, and
// the journal holds every answer given, once. The test runs its own cluster, so that stopping
// it disturbs no other test.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';

const pgCluster = fileURLToPath(new URL('../../scripts/pg-cluster', import.meta.url));
const t = tempDir();
const clusterDir = t.file('pg');

function cluster(command) {
  const r = spawnSync(pgCluster, [command, clusterDir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

after(() => {
  spawnSync(pgCluster, ['stop', clusterDir]);
  t.remove();
});

const until = async (what, condition, seconds = 30) => {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
};

test('with the database stopped mid-load: 503 and a word in the log, then recovery, no answer lost or doubled', { timeout: 180000 }, async () => {
  const url = cluster('start');
  const keys = ['--keys-dir', t.file('keys')];
  assert.equal(cli('seed', '--db', url, '--persons', '200').status, 0);
  const added = cli('partner', 'add', '--db', url, '--siret', '73282932000074', '--name', 'CAF', '--type', 'caf');
  assert.equal(added.status, 0, added.stderr);
  const client = JSON.parse(added.stdout);
  const server = await startServer(url, [...keys, '--rate-limit', '1000000', '--monitor-period-ms', '100']);
  try {
    const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
    const tokenAnswer = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const token = (await tokenAnswer.json()).access_token;
    const answered = [];
    const statuses = new Map();
    let running = true;
    const worker = async (w) => {
      for (let i = 0; running; i++) {
        const numero = String(100000001 + ((w * 31 + i) % 200));
        try {
          const r = await fetch(`${server.url}/api/v1/verifications`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ numero_ofpra: numero, recipient: '73282932000074', motif: 'Panne de la base', scopes: ['protection'] }),
          });
          const body = await r.json();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 200) answered.push({ numero, reference: body.meta.reference });
          else assert.equal(r.status, 503, JSON.stringify(body));
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    await until('answers before the outage', () => answered.length > 50);

    cluster('pause');
    await until('503 during the outage', () => (statuses.get(503) ?? 0) > 20);
    await until('/readyz not ready', async () => (await fetch(`${server.url}/readyz`)).status === 503);
    const before = answered.length;

    cluster('resume');
    await until('/readyz ready again', async () => (await fetch(`${server.url}/readyz`)).status === 200, 60);
    await until('answers after the outage', () => answered.length > before + 50, 60);
    running = false;
    await Promise.all(workers);

    // Told once each, with what the outage cost.
    const log = server.logs().stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const down = log.filter((e) => e.event === 'the database does not answer');
    const back = log.filter((e) => e.event.startsWith('the database answers again after'));
    assert.equal(down.length, 1, JSON.stringify(log));
    assert.equal(down[0].level, 'error');
    assert.equal(back.length, 1, JSON.stringify(log));
    assert.equal(back[0].level, 'warning');
    assert.match(back[0].event, /; [1-9]\d* requests refused meanwhile$/);

    // Every answer given is in the journal, about its person, once.
    const journal = cli('journal', 'export', '--db', url).stdout.trim().split('\n').map((l) => JSON.parse(l))
      .filter((e) => e.seq !== undefined);
    const bySeq = new Map(journal.map((e) => [String(e.seq), e]));
    assert.equal(bySeq.size, journal.length);
    for (const a of answered) {
      const e = bySeq.get(String(a.reference));
      assert.ok(e, `answer ${a.reference} has no journal entry`);
      assert.equal(e.person, a.numero);
    }
    assert.equal(new Set(answered.map((a) => a.reference)).size, answered.length);
    assert.equal(cli('journal', 'verify', '--db', url, ...keys).status, 0);
  } finally {
    await server.stop();
  }
});
