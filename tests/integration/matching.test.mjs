// Identity matching measured from outside with match-eval: hand-written hard cases (twins,
// namesakes, particles, transliterations, placeholder dates) and a synthetic labelled set.
// The thresholds fail the build if quality drops; the wrong-person count must stay zero.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  assert.ok(report.rappel >= 0.78, `recall ${report.rappel}`);
  assert.ok(report.taux_ambigu <= 0.15, `ambiguous ${report.taux_ambigu}`);
  for (const cas of ['exacte', 'noms_inverses', 'minuscules_accents', 'faute_de_frappe']) {
    const c = report.par_cas[cas];
    assert.ok(c.justes / c.attendus >= 0.8, `${cas}: ${JSON.stringify(c)}`);
  }
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
