// The naive matcher an engineer would build first, on the same registry and queries as
// `match-eval`: a PostgreSQL table of persons with pg_trgm similarity on the full name,
// filtered by birth year, and fuzzystrmatch's Levenshtein distance to break ties. It names
// the most similar person when the similarity passes 0.5.
// Usage: node bench/pg_trgm_baseline.mjs PGURL REGISTRY.jsonl QUERIES.jsonl
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';

const [url, registryFile, queriesFile] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();

const fold = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();

const t0 = Date.now();
await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
await client.query('CREATE EXTENSION IF NOT EXISTS fuzzystrmatch');
await client.query('DROP TABLE IF EXISTS persons');
await client.query('CREATE TABLE persons (numero text PRIMARY KEY, full_name text NOT NULL, nom text NOT NULL, year int NOT NULL)');
async function insert(rows) {
  const values = [];
  const params = [];
  rows.forEach((p, k) => {
    values.push(`($${4 * k + 1}, $${4 * k + 2}, $${4 * k + 3}, $${4 * k + 4})`);
    params.push(p.numero_ofpra, fold(`${p.nom_naissance} ${p.prenoms.join(' ')}`), fold(p.nom_naissance), Number(p.date_naissance.slice(0, 4)));
  });
  if (rows.length) await client.query(`INSERT INTO persons VALUES ${values.join(',')}`, params);
}
let batch = [];
for await (const line of createInterface({ input: createReadStream(registryFile) })) {
  if (!line) continue;
  batch.push(JSON.parse(line));
  if (batch.length === 5000) {
    await insert(batch);
    batch = [];
  }
}
await insert(batch);
await client.query('CREATE INDEX persons_trgm ON persons USING gin (full_name gin_trgm_ops)');
await client.query('CREATE INDEX persons_year ON persons (year)');
await client.query('ANALYZE persons');
const buildSeconds = (Date.now() - t0) / 1000;

const counts = { queries: 0, expected: 0, right: 0, wrong: 0, notFound: 0 };
const micros = [];
for (const line of readFileSync(queriesFile, 'utf8').split('\n').filter(Boolean)) {
  const q = JSON.parse(line);
  const name = fold(`${q.identite.nom_naissance} ${q.identite.prenoms.join(' ')}`);
  const year = Number(q.identite.date_naissance.slice(0, 4));
  const start = process.hrtime.bigint();
  const r = await client.query(
    `SELECT numero, similarity(full_name, $1) AS s FROM persons
     WHERE year = $2 AND full_name % $1
     ORDER BY s DESC, levenshtein(nom, $3) ASC LIMIT 1`,
    [name, year, fold(q.identite.nom_naissance)]);
  micros.push(Number(process.hrtime.bigint() - start) / 1000);
  counts.queries++;
  if (q.numero_ofpra) counts.expected++;
  const top = r.rows[0];
  if (top && top.s >= 0.5) {
    if (top.numero === q.numero_ofpra) counts.right++;
    else counts.wrong++;
  } else {
    counts.notFound++;
  }
}
await client.end();
micros.sort((a, b) => a - b);
const at = (p) => micros[Math.min(micros.length - 1, Math.floor(p * micros.length))];
const found = counts.right + counts.wrong;
console.log(`pg_trgm baseline: table and indexes built in ${buildSeconds.toFixed(1)} s`);
console.log(`queries ${counts.queries}  (a person expected in ${counts.expected})`);
console.log(`precision ${(found ? counts.right / found : 1).toFixed(4)}   recall ${(counts.right / counts.expected).toFixed(4)}   wrong persons ${counts.wrong}   not found ${counts.notFound}`);
console.log(`time per query (client round trip included): p50 ${at(0.5).toFixed(1)} µs, p99 ${at(0.99).toFixed(1)} µs`);
