// `migrate --db postgresql://…` against the throwaway cluster of the ctest fixture "postgres":
// the schema is created once, a second run changes nothing, and commands whose PostgreSQL
// stores do not exist yet say so clearly instead of half-working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cli } from '../support/ofpra.mjs';

const server = readFileSync(process.env.OFPRA_TEST_PG_URL_FILE, 'utf8').trim();

function freshDatabase(name) {
  const admin = server.replace(/\/[^/]*$/, '/postgres');
  for (const sql of [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]) {
    const r = spawnSync('psql', [admin, '-q', '-c', sql], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  return server.replace(/\/[^/]*$/, `/${name}`);
}

test('migrate creates the PostgreSQL schema once', () => {
  const url = freshDatabase('cli_migrate');
  const first = cli('migrate', '--db', url);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^schema version [1-9]\d*\n$/);
  const again = cli('migrate', '--db', url);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, first.stdout);
  const tables = spawnSync('psql', [url, '-At', '-c', "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('persons','journal_entries','share_codes','consents')"], { encoding: 'utf8' });
  assert.equal(tables.stdout.trim(), '4');
});

test('a server that cannot be reached is a clear error, and so are stores not there yet', () => {
  const down = cli('migrate', '--db', 'postgresql://postgres@127.0.0.1:1/x?connect_timeout=2');
  assert.equal(down.status, 3);
  assert.match(down.stderr, /cannot connect/);
  const url = freshDatabase('cli_stores');
  const seed = cli('seed', '--db', url, '--persons', '5');
  assert.notEqual(seed.status, 0);
  assert.match(seed.stderr, /PostgreSQL storage is not available in this version beyond `migrate`/);
});
