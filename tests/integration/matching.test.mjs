// Identity matching measured from outside with match-eval on three labelled sets: hand-written
// hard cases (twins, namesakes, particles, transliterations, placeholder dates), the synthetic
// set drawn from the generator's name pools, and an independent set whose spellings come from
// published romanisation tables (tests/matching/romanisation). The floors fail the build if
// quality drops; the wrong-person count must stay zero.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { cli, tempDir } from '../support/ofpra.mjs';

const data = (name) => fileURLToPath(new URL(`../matching/data/${name}`, import.meta.url));
let t;

before(() => { t = tempDir(); });
after(() => t?.remove());

function evaluate(db, file, ...flags) {
  const r = cli('match-eval', '--db', db, file, '--json', ...flags);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('hard cases: every expected person found, nobody named where nobody should be', () => {
  const db = t.db('hard.db');
  assert.equal(cli('import', '--db', db, data('hard_registry.jsonl')).status, 0);
  const report = evaluate(db, data('hard_queries.jsonl'));
  assert.equal(report.personnes_erronees, 0, JSON.stringify(report.par_cas));
  assert.equal(report.precision, 1);
  assert.ok(report.rappel >= 0.9, `recall ${report.rappel}`);
  // Namesakes born the same year: never one of them.
  assert.equal(report.par_cas.homonymes.justes + report.par_cas.homonymes.erronees, 0);
  for (const cas of ['autre_sexe', 'autre_pays', 'annee_lointaine', 'absent']) assert.equal(report.par_cas[cas].justes + report.par_cas[cas].erronees, 0, cas);
  for (const cas of ['jumeau', 'particules', 'translitteration', 'noms_inverses_date', 'prenoms_separes']) {
    const c = report.par_cas[cas];
    assert.equal(c.justes, c.requetes, cas);
  }
});

test('a synthetic labelled set: zero wrong persons, recall and ambiguity within their bounds', () => {
  const db = t.db('synth.db');
  assert.equal(cli('seed', '--db', db, '--persons', '4000', '--seed', '7').status, 0);
  const queries = t.file('queries.jsonl');
  assert.equal(cli('match-queries', '--db', db, '--count', '900', '--seed', '3', queries).status, 0);
  const report = evaluate(db, queries);
  assert.ok(report.total.requetes >= 500, `only ${report.total.requetes} queries`);
  assert.equal(report.personnes_erronees, 0, JSON.stringify(report.par_cas));
  assert.ok(report.rappel >= 0.88, `recall ${report.rappel}`);
  assert.ok(report.taux_ambigu <= 0.15, `ambiguous ${report.taux_ambigu}`);
  for (const cas of ['exacte', 'noms_inverses', 'minuscules_accents', 'faute_de_frappe']) {
    const c = report.par_cas[cas];
    assert.ok(c.justes / c.attendus >= 0.8, `${cas}: ${JSON.stringify(c)}`);
  }
});

test('an independent set from romanisation tables: zero wrong persons, recall above its floor', () => {
  const registry = t.file('romanised-registry.jsonl');
  const queries = t.file('romanised-queries.jsonl');
  execFileSync(process.execPath, [fileURLToPath(new URL('../matching/make-romanised-set.mjs', import.meta.url)),
    '--persons', '4000', '--seed', '1', '--registry', registry, '--queries', queries], { stdio: 'pipe' });
  const db = t.db('romanised.db');
  const imported = cli('import', '--db', db, registry);
  assert.equal(imported.status, 0, imported.stderr);
  const report = evaluate(db, queries, '--max-wrong', '0');
  assert.ok(report.total.requetes >= 1000, `only ${report.total.requetes} queries`);
  assert.equal(report.personnes_erronees, 0, JSON.stringify(report.par_cas));
  assert.ok(report.rappel >= 0.8, `recall ${report.rappel}`);
  // Namesakes born the same year, and persons absent from the registry: never anyone.
  for (const cas of ['homonyme_meme_annee', 'absent_homonyme']) assert.equal(report.par_cas[cas].justes + report.par_cas[cas].erronees, 0, cas);
  for (const cas of ['jumeau', 'homonyme_jour', 'autre_table_nom', 'autre_table_prenom']) {
    const c = report.par_cas[cas];
    assert.ok(c.justes / c.attendus >= 0.85, `${cas}: ${JSON.stringify(c)}`);
  }
});

test('match-train writes parameters that match-eval reads, saying how they were made', () => {
  const db = t.db('hard.db');
  const out = t.file('trained.params');
  const r = cli('match-train', '--db', db, '--pairs', '2000', '--out', out, data('hard_queries.jsonl'));
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /^# Made by `ofpra-connect match-train --pairs 2000/);
  assert.match(text, /^date +day +[0-9.e-]+ [0-9.e-]+$/m);
  const report = evaluate(db, data('hard_queries.jsonl'), '--parameters', out);
  assert.equal(report.personnes_erronees, 0);
  writeFileSync(t.file('broken.params'), text.replace(/^date +day .*$/m, ''));
  const bad = cli('match-eval', '--db', db, data('hard_queries.jsonl'), '--parameters', t.file('broken.params'));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /every level/);
});

test('match-eval refuses a bad line with its number, and --max-wrong fails the run', () => {
  const db = t.db('hard.db');
  writeFileSync(t.file('bad.jsonl'), '{"identite":{"nom_naissance":"A","prenoms":[],"date_naissance":"1990"},"numero_ofpra":null}\n{"identite":{"nom_naissance":"A","prenoms":[],"date_naissance":"01/01/1990"},"numero_ofpra":null}\n');
  const bad = cli('match-eval', '--db', db, t.file('bad.jsonl'));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /line 2: identite\.date_naissance/);
  // A deliberately wrong label: the person found is not the one "expected".
  writeFileSync(t.file('mislabelled.jsonl'), '{"identite":{"nom_naissance":"IVANOV","prenoms":["Aleksandr"],"date_naissance":"1982-07-14"},"numero_ofpra":"200000001"}\n');
  const r = cli('match-eval', '--db', db, t.file('mislabelled.jsonl'), '--max-wrong', '0');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /wrong persons 1/);
});
