// The command line on PostgreSQL, against the throwaway cluster of the ctest fixture
// "postgres": the schema is created once, and every command works on it as on SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cli, tempDir } from '../support/ofpra.mjs';

test('migrate creates the PostgreSQL schema once', () => {
  const t = tempDir();
  try {
    const url = t.db('migrate');
    const first = cli('migrate', '--db', url);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^schema version [1-9]\d*\n$/);
    const again = cli('migrate', '--db', url);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, first.stdout);
    const tables = spawnSync('psql', [url, '-At', '-c', "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('persons','journal_entries','share_codes','consents')"], { encoding: 'utf8' });
    assert.equal(tables.stdout.trim(), '4');
  } finally { t.remove(); }
});

test('a server that cannot be reached is a clear error', () => {
  const down = cli('migrate', '--db', 'postgresql://postgres@127.0.0.1:1/x?connect_timeout=2');
  assert.equal(down.status, 3);
  assert.match(down.stderr, /cannot connect/);
  assert.doesNotMatch(down.stderr, /password/i);
});

test('seed, export and import give the same registry on PostgreSQL as on SQLite', () => {
  const t = tempDir();
  try {
    const pg = t.db('seeded');
    const lite = `sqlite:${t.file('seeded.db')}`;
    for (const url of [pg, lite]) {
      const r = cli('seed', '--db', url, '--persons', '700', '--seed', '5');
      assert.equal(r.status, 0, r.stderr);
    }
    const fromPg = cli('export', '--db', pg);
    const fromLite = cli('export', '--db', lite);
    assert.equal(fromPg.status, 0, fromPg.stderr);
    assert.equal(fromPg.stdout, fromLite.stdout);
    assert.equal(fromPg.stdout.trim().split('\n').length, 700);
    // Import into a second PostgreSQL database (COPY, in chunks) gives the registry back.
    const file = t.file('registry.jsonl');
    spawnSync('sh', ['-c', `cat > ${file}`], { input: fromPg.stdout });
    const copy = t.db('copy');
    const imported = cli('import', '--db', copy, file);
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(cli('export', '--db', copy).stdout, fromPg.stdout);
    // Importing again replaces each person rather than adding her twice.
    assert.equal(cli('import', '--db', copy, file).status, 0);
    assert.equal(cli('export', '--db', copy).stdout, fromPg.stdout);
  } finally { t.remove(); }
});
