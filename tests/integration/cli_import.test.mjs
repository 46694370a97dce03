// The import contract of DESIGN §5, through the real command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { cli, tempDir } from '../support/ofpra.mjs';

const example = {
  numero_ofpra: '123456789', numero_agdref: '7501234567',
  nom_naissance: 'AHMADI', nom_usage: null, prenoms: ['Mohammad', 'Reza'],
  ecriture_origine: { script: 'Arab', nom: 'احمدی', prenoms: ['محمد', 'رضا'] },
  alias: [{ nom_naissance: 'AHMADY', prenoms: ['Mohamad'] }],
  sexe: 'M', date_naissance: '1990', lieu_naissance: 'Herat', code_pays_naissance: '99212',
  contact: { email: 'm.ahmadi@example.org', telephone: '+33612345678', langue: 'prs' },
  protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2023-04-12', fin: null, motif_fin: null }],
  dossier_etat_civil: { etape: 'ffr_recue', ffr_recue_le: '2024-02-01', actes_etablis_le: null },
  famille: [{ lien: 'conjoint', numero_ofpra: '223456789' },
    { lien: 'enfant', nom_naissance: 'AHMADI', prenoms: ['Sara'], sexe: 'F', date_naissance: '2015-03-02' }],
};

function exportOf(db) {
  const r = cli('export', '--db', db);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the design example imports, exports and re-imports identically', () => {
  const t = tempDir();
  try {
    const file = t.file('one.jsonl');
    writeFileSync(file, JSON.stringify(example) + '\n');
    const r = cli('import', '--db', t.db('r.db'), file);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 1 person/);
    const exported = JSON.parse(exportOf(t.db('r.db')));
    assert.equal(exported.numero_ofpra, '123456789');
    assert.deepEqual(exported.ecriture_origine, example.ecriture_origine);
    assert.equal(exported.date_naissance, '1990');
    assert.deepEqual(exported.famille[1].prenoms, ['Sara']);
    // Import again: idempotent.
    assert.equal(cli('import', '--db', t.db('r.db'), file).status, 0);
    assert.equal(exportOf(t.db('r.db')).trim().split('\n').length, 1);
  } finally { t.remove(); }
});

test('a seeded registry exported and imported elsewhere is the same registry', () => {
  const t = tempDir();
  try {
    assert.equal(cli('seed', '--db', t.db('a.db'), '--persons', '400', '--seed', '9').status, 0);
    const a = exportOf(t.db('a.db'));
    writeFileSync(t.file('a.jsonl'), a);
    const r = cli('import', '--db', t.db('b.db'), t.file('a.jsonl'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 400 person/);
    assert.equal(exportOf(t.db('b.db')), a);
  } finally { t.remove(); }
});

test('a file with bad lines changes nothing and names every bad line without personal data', () => {
  const t = tempDir();
  try {
    const db = t.db('r.db');
    assert.equal(cli('seed', '--db', db, '--persons', '50').status, 0);
    const before = exportOf(db);
    const lines = before.trim().split('\n').map((l) => JSON.parse(l));
    // Change two existing people and add a new one: all good lines ...
    lines[0].nom_usage = 'CHANGED';
    lines[1].protections[0].type = 'apatride';
    const good = [lines[0], lines[1], { ...example }].map((o) => JSON.stringify(o));
    // ... and bad ones.
    const secretName = 'ZZSECRETNAMEZZ';
    const bad = [
      ...good.slice(0, 1),
      JSON.stringify({ ...example, numero_ofpra: '999999999', nom_naissance: secretName, date_naissance: '1990-02-31' }),
      ...good.slice(1),
      '{"numero_ofpra": "12345',
      JSON.stringify({ ...example, numero_ofpra: '888888888', sexe: secretName }),
    ];
    writeFileSync(t.file('bad.jsonl'), bad.join('\n') + '\n');
    const r = cli('import', '--db', db, t.file('bad.jsonl'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 2: date_naissance: no such day/);
    assert.match(r.stderr, /line 5: not valid JSON/);
    assert.match(r.stderr, /line 6: sexe: must be one of M, F, X/);
    assert.match(r.stderr, /bad\.jsonl refused: 3 bad line\(s\) out of 6; nothing was changed/);
    assert.doesNotMatch(r.stderr, new RegExp(secretName));
    assert.equal(exportOf(db), before);
    // The good lines alone go in.
    writeFileSync(t.file('good.jsonl'), good.join('\n') + '\n');
    assert.equal(cli('import', '--db', db, t.file('good.jsonl')).status, 0);
    const after = exportOf(db);
    assert.match(after, /"nom_usage":"CHANGED"/);
    assert.equal(after.trim().split('\n').length, 51);
  } finally { t.remove(); }
});

test('usage and input errors have their own exit codes and change nothing', () => {
  const t = tempDir();
  try {
    assert.equal(cli('import', '--db', 'mysql://x', t.file('none.jsonl')).status, 2);
    assert.equal(cli('import', '--db', t.db('r.db')).status, 2);
    assert.equal(cli('seed', '--db', t.db('r.db')).status, 2);
    assert.equal(cli('import', '--db', t.db('r.db'), t.file('missing.jsonl')).status, 3);
    assert.equal(cli('frobnicate').status, 2);
    writeFileSync(t.file('empty.jsonl'), '');
    const r = cli('import', '--db', t.db('r.db'), t.file('empty.jsonl'));
    assert.equal(r.status, 0);
    assert.match(r.stdout, /imported 0 person/);
    const m = cli('migrate', '--db', t.db('r.db'));
    assert.equal(m.status, 0);
    assert.match(m.stdout, /schema version \d+/);
  } finally { t.remove(); }
});

test('seed is deterministic for a seed', () => {
  const t = tempDir();
  try {
    for (const name of ['x.db', 'y.db']) assert.equal(cli('seed', '--db', t.db(name), '--persons', '300', '--seed', '77').status, 0);
    assert.equal(cli('seed', '--db', t.db('z.db'), '--persons', '300', '--seed', '78').status, 0);
    assert.equal(exportOf(t.db('x.db')), exportOf(t.db('y.db')));
    assert.notEqual(exportOf(t.db('x.db')), exportOf(t.db('z.db')));
  } finally { t.remove(); }
});

test('partner add prints the credentials once as JSON and stores only a hash', () => {
  const t = tempDir();
  try {
    const db = t.db('r.db');
    const r = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'CAF de test', '--type', 'caf');
    assert.equal(r.status, 0, r.stderr);
    const creds = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(creds).sort(), ['client_id', 'client_secret']);
    assert.ok(creds.client_secret.length >= 40);
    // The secret itself is nowhere in the database file.
    const raw = t.rawContents('r.db');
    assert.ok(!raw.includes(creds.client_secret));
    assert.ok(raw.includes('$argon2id$'));
    assert.equal(cli('partner', 'add', '--db', db, '--siret', '73282932000075', '--name', 'X', '--type', 'caf').status, 2);
    assert.equal(cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'X', '--type', 'mairie').status, 2);
    assert.equal(cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'X', '--type', 'transport', '--scopes', 'protection,nope').status, 2);
    const wide = cli('partner', 'add', '--db', db, '--siret', '73282932000074', '--name', 'X', '--type', 'transport', '--scopes', 'protection,etat_civil.famille');
    assert.equal(wide.status, 1);
    assert.match(wide.stderr, /legal basis/);
  } finally { t.remove(); }
});

test('an export is journaled before it is written, with its operator and count', () => {
  const t = tempDir();
  try {
    const db = t.db('r.db');
    const file = t.file('registry.jsonl');
    writeFileSync(file, JSON.stringify(example) + '\n');
    assert.equal(cli('import', '--db', db, file).status, 0);
    const r = cli('export', '--db', db, '--operator', 'agent.dupont');
    assert.equal(r.status, 0, r.stderr);
    const journal = cli('journal', 'export', '--db', db);
    assert.equal(journal.status, 0, journal.stderr);
    const entries = journal.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const exports = entries.filter((e) => e.channel === 'export');
    assert.equal(exports.length, 1);
    assert.equal(exports[0].result, 'export');
    assert.equal(exports[0].agent, 'agent.dupont');
    assert.match(exports[0].purpose, /1 personne/);
    assert.equal(exports[0].person, '');  // who exported and how many, never whom
    assert.equal(cli('journal', 'verify', '--db', db).status, 0);
  } finally { t.remove(); }
});

test('match-queries writes queries about synthetic persons only, unless told otherwise', () => {
  const t = tempDir();
  try {
    const db = t.db('r.db');
    assert.equal(cli('seed', '--db', db, '--persons', '200', '--seed', '4').status, 0);
    assert.equal(cli('match-queries', '--db', db, '--count', '20', t.file('a.jsonl')).status, 0);
    const file = t.file('registry.jsonl');
    writeFileSync(file, JSON.stringify(example) + '\n');
    assert.equal(cli('import', '--db', db, file).status, 0);
    const refused = cli('match-queries', '--db', db, '--count', '20', t.file('b.jsonl'));
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /--allow-real-registry/);
    assert.throws(() => readFileSync(t.file('b.jsonl')));  // nothing written
    assert.equal(cli('match-queries', '--db', db, '--count', '20', '--allow-real-registry', t.file('c.jsonl')).status, 0);
  } finally { t.remove(); }
});

test('history: a changed record keeps the previous version, emits its events, and unchanged ones nothing', () => {
  const t = tempDir();
  try {
    const db = t.db('r.db');
    const first = t.file('first.jsonl');
    writeFileSync(first, JSON.stringify(example) + '\n');
    assert.match(cli('import', '--db', db, first).stdout, /1 new, 0 changed, 0 unchanged; 0 change event/);
    // The same record with its keys in another order is the same record.
    const shuffled = Object.fromEntries(Object.entries(example).reverse());
    writeFileSync(t.file('same.jsonl'), JSON.stringify(shuffled) + '\n');
    assert.match(cli('import', '--db', db, t.file('same.jsonl')).stdout, /0 new, 0 changed, 1 unchanged; 0 change event/);

    const changed = structuredClone(example);
    changed.nom_naissance = 'AHMADZAI';
    changed.alias = [];
    changed.protections[0].fin = '2026-11-30';
    changed.protections[0].motif_fin = 'naturalisation';
    changed.dossier_etat_civil = { etape: 'actes_etablis', ffr_recue_le: '2024-02-01', actes_etablis_le: '2026-10-15' };
    changed.famille = [changed.famille[1]];
    writeFileSync(t.file('changed.jsonl'), JSON.stringify(changed) + '\n');
    const r = cli('import', '--db', db, t.file('changed.jsonl'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /0 new, 1 changed, 0 unchanged; 4 change event/);
    // A bad file afterwards changes no history.
    writeFileSync(t.file('bad.jsonl'), JSON.stringify({ ...changed, nom_naissance: 'X' }) + '\n{"numero_ofpra":"1"}\n');
    assert.equal(cli('import', '--db', db, t.file('bad.jsonl')).status, 1);

    const h = cli('history', '--db', db, '--numero-ofpra', '123456789');
    assert.equal(h.status, 0, h.stderr);
    const versions = h.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(versions.map((v) => v.version), [1, 2]);
    assert.equal(versions[0].enregistrement.nom_naissance, 'AHMADI');
    assert.equal(versions[0].ecrite_par, 'import');
    assert.equal(versions[0].remplacee_le, versions[1].ecrite_le);
    assert.equal(versions[1].remplacee_le, null);
    assert.deepEqual(versions[0].evenements, []);
    assert.deepEqual(versions[1].evenements.map((e) => [e.type, e.detail]), [
      ['protection.terminee', { le: '2026-11-30', motif: 'naturalisation' }],
      ['etat_civil.etape_modifiee', { etape: 'actes_etablis', precedente: 'ffr_recue', le: '2026-10-15' }],
      ['identite.modifiee', { champs: ['nom_naissance'] }],
      ['famille.lien_retire', { lien: 'conjoint' }],
    ]);
    // Her former name stays an alias, so that a partner who knows it still finds her.
    const current = JSON.parse(exportOf(db));
    assert.equal(current.nom_naissance, 'AHMADZAI');
    assert.deepEqual(current.alias, [{ nom_naissance: 'AHMADI', prenoms: ['Mohammad', 'Reza'] }]);
    // Importing the new record again adds nothing, though it does not carry the kept alias.
    assert.match(cli('import', '--db', db, t.file('changed.jsonl')).stdout, /0 changed, 1 unchanged; 0 change event/);
    assert.equal(cli('history', '--db', db, '--numero-ofpra', '123456789').stdout.trim().split('\n').length, 2);

    const unknown = cli('history', '--db', db, '--numero-ofpra', '999999999');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no person with that number/);
    assert.equal(cli('history', '--db', db, '--numero-ofpra', '12345').status, 2);
  } finally { t.remove(); }
});
