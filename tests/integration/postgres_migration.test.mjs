// PostgreSQL's journal migrations 0006 (rows without prev_hash) and 0007 (contexts held
// apart) on a journal as version 5 wrote it: every entry reads back as it did, the chain
// verifies, and the service carries on from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backend, cli, startServer, tempDir, verifyProtection } from '../support/ofpra.mjs';

if (backend !== 'postgres') throw new Error('the migration test runs on PostgreSQL (OFPRA_TEST_BACKEND=postgres)');

// Every third person does not exist: answers and refusals alike are journaled.
function verifySome(url, client, recipients, count) {
  const requests = Array.from({ length: count }, (_, i) => ({
    numero_ofpra: String(i % 3 ? 100000001 + i : 999999990 + i),
    recipient: recipients[i % recipients.length],
  }));
  return verifyProtection(url, client, requests, 'Migration');
}

// The journal's tables as migrations 0001-0005 left them, rebuilt from the current ones: the
// context's fields back in each row, and each row's link to the entry before it.
const asVersion5 = `
BEGIN;
ALTER TABLE journal_entries ADD COLUMN channel TEXT, ADD COLUMN client_id TEXT, ADD COLUMN recipient_siret TEXT,
  ADD COLUMN scopes_asked TEXT, ADD COLUMN scopes_given TEXT, ADD COLUMN prev_hash TEXT;
UPDATE journal_entries e SET channel = c.channel, client_id = c.client_id, recipient_siret = c.recipient_siret,
  scopes_asked = c.scopes_asked, scopes_given = c.scopes_given FROM journal_contexts c WHERE c.id = e.context;
UPDATE journal_entries e SET prev_hash = coalesce((SELECT p.hash FROM journal_entries p WHERE p.seq = e.seq - 1), repeat('0', 64));
ALTER TABLE journal_entries DROP COLUMN context;
ALTER TABLE journal_entries ALTER COLUMN channel SET NOT NULL, ALTER COLUMN client_id SET NOT NULL,
  ALTER COLUMN recipient_siret SET NOT NULL, ALTER COLUMN scopes_asked SET NOT NULL,
  ALTER COLUMN scopes_given SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL;
DROP TABLE journal_contexts;
DELETE FROM schema_migrations WHERE version >= 6;
COMMIT;`;

test('a journal written by version 5 reads the same, verifies and goes on after migration', { timeout: 120000 }, async () => {
  const t = tempDir();
  try {
    const db = t.db('old');
    assert.equal(cli('seed', '--db', db, '--persons', '200').status, 0);
    const added = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'CAF', '--type', 'caf',
      '--acting-for', '21750001600019');
    assert.equal(added.status, 0, added.stderr);
    const client = JSON.parse(added.stdout);
    const recipients = ['73282932000074', '21750001600019'];
    const server = await startServer(db);
    await verifySome(server.url, client, recipients, 12);
    await server.stop();
    const before = cli('journal', 'export', '--db', db);
    assert.equal(before.status, 0, before.stderr);
    assert.equal(before.stdout.trim().split('\n').length, 13);  // the 12 answers, then the signed head
    const version = cli('migrate', '--db', db).stdout;

    t.sql('old', asVersion5);
    assert.equal(t.sql('old', "SELECT count(*) FROM information_schema.columns WHERE table_name = 'journal_entries' AND column_name = 'prev_hash'").trim(), '1');

    const migrated = cli('migrate', '--db', db);
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.equal(migrated.stdout, version);
    assert.equal(t.sql('old', "SELECT count(*) FROM information_schema.columns WHERE table_name = 'journal_entries' AND column_name IN ('prev_hash', 'channel', 'client_id', 'recipient_siret', 'scopes_asked', 'scopes_given')").trim(), '0');
    // One context per recipient and scopes given (none when the person is not found): the
    // client, channel and scopes asked are the same throughout.
    assert.equal(t.sql('old', 'SELECT count(*) FROM journal_contexts').trim(), '4');
    assert.equal(cli('journal', 'export', '--db', db).stdout, before.stdout);
    const verified = cli('journal', 'verify', '--db', db);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);

    const again = await startServer(db);
    await verifySome(again.url, client, recipients, 3);
    await again.stop();
    assert.equal(cli('journal', 'export', '--db', db).stdout.trim().split('\n').length, 16);
    assert.equal(cli('journal', 'verify', '--db', db).status, 0);
  } finally { t.remove(); }
});
