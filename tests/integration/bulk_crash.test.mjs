// A bulk job of 100,000 items survives a SIGKILL in the middle (docs/BULK.md): restarted, the
// server finishes it, and every item is answered and journaled exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessToken, addPartner, cli, freePort, startServer, tempDir } from '../support/ofpra.mjs';
import { completeSiret as siret } from '../../scripts/siret.mjs';

const items = 100000;

async function progress(url, token, id) {
  const r = await fetch(`${url}/api/v1/lots/${id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  return (await r.json()).data;
}

test('a job of 100,000 items killed midway completes with exactly 100,000 journal entries', { timeout: 300000 }, async () => {
  const t = tempDir();
  let server;
  try {
    const db = t.db('r.db');
    assert.equal(cli('seed', '--db', db, '--persons', '1000', '--seed', '3').status, 0);
    const caf = addPartner(db, 'caf', siret('2000000000001'));
    const listen = ['--listen', `127.0.0.1:${await freePort()}`, '--rate-limit', '100000000'];
    server = await startServer(db, listen);
    let token = await accessToken(server.url, caf.client_id, caf.client_secret);
    const lines = Array.from({ length: items }, (_, i) => JSON.stringify({
      numero_ofpra: String(100000001 + (i % 1000)), recipient: caf.siret, motif: 'Contrôle annuel', scopes: ['protection'],
    }));
    const r = await fetch(`${server.url}/api/v1/lots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: lines.join('\n'),
    });
    assert.equal(r.status, 202, await r.clone().text());
    const { id } = (await r.json()).data;

    let seen;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await progress(server.url, token, id);
    } while (seen.traites < 5000);
    assert.ok(seen.traites < items, 'killed before the end');
    server.proc.kill('SIGKILL');
    assert.equal((await server.exited).signal, 'SIGKILL');

    server = await startServer(db, listen);
    token = await accessToken(server.url, caf.client_id, caf.client_secret);
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await progress(server.url, token, id);
    } while (seen.etat === 'en_cours');
    assert.equal(seen.etat, 'termine');
    assert.equal(seen.traites, items);

    const results = await fetch(`${server.url}/api/v1/lots/${id}/resultats`, { headers: { authorization: `Bearer ${token}` } });
    const got = (await results.text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(got.length, items);
    assert.ok(got.every((g) => g.data?.resultat === 'trouve' && g.data.protection));
    assert.equal(new Set(got.map((g) => g.meta.reference)).size, items);

    await server.stop();
    server = undefined;
    const journal = cli('journal', 'export', '--db', db);
    assert.equal(journal.status, 0, journal.stderr);
    const tag = `"client_id":"${caf.client_id}/lot:${id}"`;
    const entries = journal.stdout.split('\n').filter((l) => l.includes(tag));
    assert.equal(entries.length, items);
    assert.equal(cli('journal', 'verify', '--db', db).status, 0);
  } finally {
    await server?.stop();
    t.remove();
  }
});
