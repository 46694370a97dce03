// Backups (docs/OPERATIONS.md): a pg_dump of a live database restored into a new cluster gives
// the same registry, a journal that verifies, and a service that carries on from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { backend, cli, startServer, tempDir, verifyProtection } from '../support/ofpra.mjs';

if (backend !== 'postgres') throw new Error('the restore test runs on PostgreSQL (OFPRA_TEST_BACKEND=postgres)');
const pgCluster = fileURLToPath(new URL('../../scripts/pg-cluster', import.meta.url));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  return r.stdout;
}

function verifySome(url, client, count) {
  const requests = Array.from({ length: count }, (_, i) => ({ numero_ofpra: String(100000001 + i), recipient: client.siret }));
  return verifyProtection(url, client, requests, 'Sauvegarde');
}

test('a dump restored into a new cluster verifies and serves on', { timeout: 120000 }, async () => {
  const t = tempDir();
  const second = t.file('second-cluster');
  try {
    const db = t.db('live');
    assert.equal(cli('seed', '--db', db, '--persons', '200').status, 0);
    const added = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'CAF', '--type', 'caf');
    assert.equal(added.status, 0, added.stderr);
    const client = { ...JSON.parse(added.stdout), siret: '73282932000074' };
    const server = await startServer(db);
    await verifySome(server.url, client, 12);
    await server.stop();

    // The backup of docs/OPERATIONS.md, and its restore into a cluster that never saw it.
    run('pg_dump', ['--format=custom', '--file', t.file('backup.dump'), db]);
    const restored = run(pgCluster, ['start', second]).trim();
    run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restored, t.file('backup.dump')]);

    const keys = ['--keys-dir', t.keysDir('live')];
    assert.equal(cli('export', '--db', restored, ...keys).stdout, cli('export', '--db', db).stdout);
    const journal = cli('journal', 'export', '--db', restored);
    assert.equal(journal.stdout.trim().split('\n').length, 14);  // the 12 answers, the export, the signed head
    const verified = cli('journal', 'verify', '--db', restored, ...keys);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);

    // The restored database serves, its chain continuing; the old client still authenticates.
    const again = await startServer(restored, keys);
    await verifySome(again.url, client, 3);
    await again.stop();
    assert.equal(cli('journal', 'export', '--db', restored).stdout.trim().split('\n').length, 17);
    assert.equal(cli('journal', 'verify', '--db', restored, ...keys).status, 0);
    assert.match(readFileSync(`${second}/url`, 'utf8'), /^postgresql:\/\//);
  } finally {
    spawnSync(pgCluster, ['stop', second]);
    t.remove();
  }
});
