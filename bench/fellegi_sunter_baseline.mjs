// A textbook Fellegi–Sunter record linkage, as Splink would set it up, on the same registry and
// labelled queries as `match-eval`: the probabilistic baseline to compare the identity matcher
// with. Plain Node 18+, no dependency.
//
// Usage: node bench/fellegi_sunter_baseline.mjs REGISTRY.jsonl QUERIES.jsonl
//          [--json] [--threshold P] [--lead BITS] [--u-pairs N] [--em-iterations N]
//          [--em-prior PAIRS] [--pairwise-em] [--seed N] [--verbose]
//
// The model:
// - Names are folded (NFKD, marks stripped, upper case, anything but a letter becomes a space).
//   Nothing is transliterated: a name in another script only ever matches the same script (the
//   registry's ecriture_origine is one more name form of the person).
// - A person's name forms: birth name, usage name, each alias, the original script; each form is
//   a family name, a first given name (the first element of `prenoms`, whole) and the set of
//   given-name words. A comparison takes the best form; the query is also compared with family
//   and given names swapped, and the two orientations are mixed ("swap mixture": weights
//   1 - S and S, S = 0.05, i.e. about -4.3 bits for a swapped reading).
// - Blocking (union of two rules, both applied to every name form of the registry and to both
//   orientations of the query; spaces are removed from the family name before taking letters):
//     rule Y: same birth year and same first letter of the family name;
//     rule P: same first 3 letters of the family name and same first letter of the first given
//             name.
//   Birth year alone would give ~20,000 candidates per query at 1,000,000 persons (and the
//   family-name prefix alone as many for the common names); each rule narrows one of them. On a
//   synthetic 1,000,000-person registry from the project's name pools: ~4,300 candidates per
//   query on average, 16,000 at most.
// - Comparisons and levels (level -1 = null: either side unknown, weight 0):
//     family_name        exact | Jaro-Winkler >= 0.92 | >= 0.88 | >= 0.70 | else
//     first_given_name   exact | Jaro-Winkler >= 0.92 | >= 0.88 | else
//     any_given_name     some given-name word in common | none
//     birth_date         exact day | same year and month | same year, either side known to the
//                        year only (1 January counts as year only) | same year | year +-1 | else
//     sex                equal | different (unknown or X: null)
//     birth_country      same | different (unknown: null)
// - u: from random pairs of registry persons (--u-pairs, 200,000 by default), one person playing
//   the query (its main form) against all the forms of the other, as at query time; every
//   ordered pair once instead when the registry has fewer. Half a pair is added to each level.
// - m: expectation-maximisation on the blocked candidate pairs of the queries (labels unused),
//   u fixed, from priors, at most --em-iterations (25), the priors kept as a Dirichlet worth
//   --em-prior pairs (10) so that a tiny query set cannot drive a level to zero. One E-step
//   departs from Splink: a query is at most one registry person, so its candidate pairs compete
//   (no match with probability 1 - pi, else pair k with probability proportional to
//   pi/n * m(k)/u(k); pi estimated), all comparisons trained together. Splink's pairwise E-step
//   (every pair a match with probability lambda), with its two training sessions (rule P pairs
//   train birth_date, sex and country; rule Y pairs train the names, sex and country), is kept
//   behind --pairwise-em: on registries drawn from small name pools it degenerates (within a
//   name block nearly every pair shares the country, lambda goes to ~0.7, the "match" class
//   becomes "same country", and m(exact day) falls to ~0.002).
// - Term frequencies: on the exact level of family_name and first_given_name, u is the share of
//   registry persons carrying that value (at least 1/persons).
// - Match weight = sum of log2(m/u) + log2(prior odds), prior = 1/persons; posterior = 2^w/(1+2^w).
//   The best candidate is named when its posterior >= --threshold (0.9) and the second candidate
//   is at least --lead bits (3) behind; otherwise "ambiguous" when two or more candidates pass the
//   threshold, else "not found".
// - "Recall at zero wrong": the threshold swept over the best candidates' posteriors, the lead
//   fixed, the best recall reachable with no wrong person (a threshold tuned on this very set).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

// ---------------------------------------------------------------------------------- arguments
const usage =
  'usage: node bench/fellegi_sunter_baseline.mjs REGISTRY.jsonl QUERIES.jsonl [--json] [--threshold P] [--lead BITS]' +
  ' [--u-pairs N] [--em-iterations N] [--em-prior PAIRS] [--pairwise-em] [--seed N] [--verbose]';
const opts = { json: false, threshold: 0.9, lead: 3, uPairs: 200000, emIterations: 25, emPrior: 10, pairwiseEm: false, seed: 42, verbose: false };
const files = [];
{
  const argv = process.argv.slice(2);
  const num = (i, name) => {
    const v = Number(argv[i]);
    if (argv[i] === undefined || !Number.isFinite(v)) fail(`${name} needs a number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--pairwise-em') opts.pairwiseEm = true;
    else if (a === '--threshold') opts.threshold = num(++i, a);
    else if (a === '--lead') opts.lead = num(++i, a);
    else if (a === '--u-pairs') opts.uPairs = num(++i, a);
    else if (a === '--em-iterations') opts.emIterations = num(++i, a);
    else if (a === '--em-prior') opts.emPrior = num(++i, a);
    else if (a === '--seed') opts.seed = num(++i, a);
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 2) fail(usage);
  if (!(opts.threshold >= 0 && opts.threshold <= 1)) fail('--threshold must be within [0, 1]');
}
function fail(msg) {
  console.error(msg);
  process.exit(2);
}

// ---------------------------------------------------------------------------------- the model
const S_SWAP = 0.05; // prior share of queries whose family and given names are swapped
const COMPARISONS = [
  { name: 'family_name', levels: ['exact', 'jw>=0.92', 'jw>=0.88', 'jw>=0.70', 'else'] },
  { name: 'first_given_name', levels: ['exact', 'jw>=0.92', 'jw>=0.88', 'else'] },
  { name: 'any_given_name', levels: ['word_in_common', 'none'] },
  {
    name: 'birth_date',
    levels: ['exact_day', 'same_year_month', 'same_year_year_only', 'same_year', 'year_pm1', 'else'],
  },
  { name: 'sex', levels: ['equal', 'different'] },
  { name: 'birth_country', levels: ['same', 'different'] },
];
const FAM = 0, GIV = 1, ANY = 2, DATE = 3, SEX = 4, CTRY = 5;
const NC = COMPARISONS.length;
// Priors: m as one expects of a registry of asylum seekers' identities; u only serves to pick
// the best name form before u is estimated.
const M_PRIOR = [
  [0.7, 0.12, 0.06, 0.08, 0.04],
  [0.7, 0.1, 0.05, 0.15],
  [0.85, 0.15],
  [0.55, 0.08, 0.2, 0.07, 0.05, 0.05],
  [0.97, 0.03],
  [0.95, 0.05],
];
const U_PRIOR = [
  [0.001, 0.002, 0.003, 0.05, 0.944],
  [0.002, 0.002, 0.003, 0.993],
  [0.005, 0.995],
  [0.0001, 0.001, 0.005, 0.01, 0.03, 0.954],
  [0.5, 0.5],
  [0.3, 0.7],
];

const foldCache = new Map(); // registries repeat names: fold each spelling once
const fold = (s) => {
  if (typeof s !== 'string') return '';
  let f = foldCache.get(s);
  if (f === undefined) {
    f = s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^\p{L}]+/gu, ' ').trim();
    if (foldCache.size >= 1 << 20) foldCache.clear();
    foldCache.set(s, f);
  }
  return f;
};
const firstCps = (s, n) => {
  let out = '';
  let k = 0;
  for (const ch of s) {
    if (k++ === n) break;
    out += ch;
  }
  return out;
};
const parseDate = (s) => {
  const m = typeof s === 'string' ? /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(s) : null;
  if (!m) return [0, 0, 0];
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 0;
  const d = mo && m[3] ? Number(m[3]) : 0;
  return [y, mo, d];
};
const yearOnly = (mo, d) => mo === 0 || (mo === 1 && d === 1);
const sexCode = (s) => (s === 'M' ? 1 : s === 'F' ? 2 : 0);

// Jaro-Winkler (prefix scale 0.1 up to 4 characters, boost above a Jaro of 0.7), on UTF-16 units.
let flagA = new Uint8Array(64);
let flagB = new Uint8Array(64);
function jaroWinkler(a, b) {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  if (la > flagA.length || lb > flagB.length) {
    flagA = new Uint8Array(2 * Math.max(la, lb));
    flagB = new Uint8Array(2 * Math.max(la, lb));
  }
  flagA.fill(0, 0, la);
  flagB.fill(0, 0, lb);
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const hi = Math.min(lb - 1, i + range);
    for (let j = Math.max(0, i - range); j <= hi; j++) {
      if (flagB[j] === 0 && b.charCodeAt(j) === c) {
        flagA[i] = 1;
        flagB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let t = 0;
  for (let i = 0, k = 0; i < la; i++) {
    if (flagA[i] === 0) continue;
    while (flagB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let l = 0;
  const lim = Math.min(4, la, lb);
  while (l < lim && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return jaro + l * 0.1 * (1 - jaro);
}
const famLevelOf = (jw) => (jw >= 0.92 ? 1 : jw >= 0.88 ? 2 : jw >= 0.7 ? 3 : 4);
const givLevelOf = (jw) => (jw >= 0.92 ? 1 : jw >= 0.88 ? 2 : 3);

// ---------------------------------------------------------------------------------- storage
class IntVec {
  constructor(n = 1 << 12) {
    this.a = new Int32Array(n);
    this.n = 0;
  }
  push(v) {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  get(i) {
    return i < this.n ? this.a[i] : 0;
  }
  inc(i) {
    while (i >= this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    if (i >= this.n) this.n = i + 1;
    this.a[i]++;
  }
  done() {
    return this.a.slice(0, this.n);
  }
}

const nameIds = new Map(); // folded name or given-name word -> id
const names = [];
const intern = (s) => {
  let id = nameIds.get(s);
  if (id === undefined) {
    id = names.length;
    names.push(s);
    nameIds.set(s, id);
  }
  return id;
};
const countryIds = new Map();

const numeros = [];
const vYear = new IntVec(), vMonth = new IntVec(), vDay = new IntVec(), vSex = new IntVec(), vCountry = new IntVec();
const vFormStart = new IntVec();
const vFam = new IntVec(), vGiv = new IntVec(), vTokStart = new IntVec(), vToks = new IntVec();
vTokStart.push(0);
const vFamCount = new IntVec(), vGivCount = new IntVec(); // persons carrying a value (TF)
const blocks = new Map(); // blocking key -> array of person indexes (Int32Array once loaded)

function blockKeys(year, fam, giv1, out) {
  const f = fam.replace(/ /g, '');
  if (f && year) out.push(`Y${year}|${firstCps(f, 1)}`);
  if (f && giv1) out.push(`P${firstCps(f, 3)}|${firstCps(giv1, 1)}`);
}

function addPerson(p) {
  const idx = numeros.length;
  numeros.push(String(p.numero_ofpra ?? ''));
  const [y, mo, d] = parseDate(p.date_naissance);
  vYear.push(y);
  vMonth.push(mo);
  vDay.push(d);
  vSex.push(sexCode(p.sexe));
  let c = 0;
  if (typeof p.code_pays_naissance === 'string' && p.code_pays_naissance) {
    c = countryIds.get(p.code_pays_naissance);
    if (c === undefined) countryIds.set(p.code_pays_naissance, (c = countryIds.size + 1));
  }
  vCountry.push(c);

  const prenoms = Array.isArray(p.prenoms) ? p.prenoms : [];
  const raw = [[p.nom_naissance, prenoms]];
  if (p.nom_usage) raw.push([p.nom_usage, prenoms]);
  for (const a of Array.isArray(p.alias) ? p.alias : []) {
    raw.push([a.nom_naissance || p.nom_naissance, Array.isArray(a.prenoms) && a.prenoms.length ? a.prenoms : prenoms]);
    if (a.nom_usage) raw.push([a.nom_usage, Array.isArray(a.prenoms) && a.prenoms.length ? a.prenoms : prenoms]);
  }
  const eo = p.ecriture_origine;
  if (eo && (eo.nom || (Array.isArray(eo.prenoms) && eo.prenoms.length))) raw.push([eo.nom, eo.prenoms || []]);

  vFormStart.push(vFam.n);
  const seen = new Set();
  const famSeen = [];
  const givSeen = [];
  const keys = [];
  for (const [nom, pre] of raw) {
    const fam = fold(nom);
    const givs = pre.map(fold).filter(Boolean);
    const giv1 = givs.length ? givs[0] : '';
    const sig = `${fam}\u0000${givs.join('\u0001')}`;
    if ((!fam && !giv1) || seen.has(sig)) continue;
    seen.add(sig);
    const famId = fam ? intern(fam) : -1;
    const givId = giv1 ? intern(giv1) : -1;
    vFam.push(famId);
    vGiv.push(givId);
    const toks = [];
    for (const g of givs) for (const w of g.split(' ')) if (!toks.includes(w)) toks.push(w);
    for (const w of toks) vToks.push(intern(w));
    vTokStart.push(vToks.n);
    if (famId >= 0 && !famSeen.includes(famId)) famSeen.push(famId);
    if (givId >= 0 && !givSeen.includes(givId)) givSeen.push(givId);
    blockKeys(y, fam, giv1, keys);
  }
  if (vFam.n === vFormStart.a[idx]) {
    // no name at all: one empty form, every name comparison null
    vFam.push(-1);
    vGiv.push(-1);
    vTokStart.push(vToks.n);
  }
  for (const id of famSeen) vFamCount.inc(id);
  for (const id of givSeen) vGivCount.inc(id);
  for (let k = 0; k < keys.length; k++) {
    if (keys.indexOf(keys[k]) !== k) continue;
    let list = blocks.get(keys[k]);
    if (!list) blocks.set(keys[k], (list = []));
    list.push(idx);
  }
}

async function* jsonLines(file) {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line);
    } catch (e) {
      fail(`${file}:${n}: ${e.message}`);
    }
  }
}

// ---------------------------------------------------------------------------------- loading
const t0 = process.hrtime.bigint();
const secondsSince = (t) => Number(process.hrtime.bigint() - t) / 1e9;
for await (const p of jsonLines(files[0])) addPerson(p);
const N = numeros.length;
if (N < 2) fail('the registry needs at least two persons');
vFormStart.push(vFam.n);
const pYear = vYear.done(), pMonth = vMonth.done(), pDay = vDay.done(), pSex = vSex.done(), pCountry = vCountry.done();
const formStart = vFormStart.done();
const fFam = vFam.done(), fGiv = vGiv.done(), tokStart = vTokStart.done(), toks = vToks.done();
const NN = names.length;
const famCount = new Int32Array(NN), givCount = new Int32Array(NN);
famCount.set(vFamCount.a.subarray(0, Math.min(vFamCount.n, NN)));
givCount.set(vGivCount.a.subarray(0, Math.min(vGivCount.n, NN)));
for (const [k, list] of blocks) blocks.set(k, Int32Array.from(list));
const pYearOnly = new Uint8Array(N);
for (let i = 0; i < N; i++) pYearOnly[i] = yearOnly(pMonth[i], pDay[i]) ? 1 : 0;

// A query, or a registry person playing one: folded names, interned ids (-1 when unknown to
// the registry, hence never equal), both orientations.
function makeQuery(fam, givs, y, mo, d, sex, country) {
  const giv1 = givs.length ? givs[0] : '';
  const words = [];
  for (const g of givs) for (const w of g.split(' ')) if (!words.includes(w)) words.push(w);
  const sFam = givs.join(' ');
  const sWords = fam ? [...new Set(fam.split(' '))] : [];
  const ids = (ws) => Int32Array.from(ws, (w) => nameIds.get(w) ?? -1);
  return {
    fam, famId: fam ? (nameIds.get(fam) ?? -1) : -1,
    giv1, givId: giv1 ? (nameIds.get(giv1) ?? -1) : -1,
    words: ids(words),
    sFam, sFamId: sFam ? (nameIds.get(sFam) ?? -1) : -1,
    sGiv1: fam, sGivId: fam ? (nameIds.get(fam) ?? -1) : -1,
    sWords: ids(sWords),
    year: y, month: mo, day: d, yearOnly: yearOnly(mo, d),
    sex, country,
  };
}
function queryOf(identite) {
  const id = identite || {};
  const fam = fold(id.nom_naissance);
  const givs = (Array.isArray(id.prenoms) ? id.prenoms : []).map(fold).filter(Boolean);
  const [y, mo, d] = parseDate(id.date_naissance);
  const cc = typeof id.code_pays_naissance === 'string' && id.code_pays_naissance ? id.code_pays_naissance : '';
  const country = cc ? (countryIds.get(cc) ?? -1) : 0; // -1: known, but nobody registered was born there
  const q = makeQuery(fam, givs, y, mo, d, sexCode(id.sexe), country);
  const keysY = [], keysP = [];
  for (const [f, g] of [[fam, givs[0] ?? ''], [q.sFam, fam]]) {
    const k = [];
    blockKeys(y, f, g, k);
    for (const key of k) (key[0] === 'Y' ? keysY : keysP).push(key);
  }
  q.keysY = [...new Set(keysY)];
  q.keysP = [...new Set(keysP)];
  return q;
}

const queries = [];
for await (const line of jsonLines(files[1])) {
  const q = queryOf(line.identite);
  q.cas = String(line.cas ?? '');
  q.label = line.numero_ofpra == null || line.numero_ofpra === '' ? null : String(line.numero_ofpra);
  queries.push(q);
}
const loadSeconds = secondsSince(t0);

// ---------------------------------------------------------------------------------- scoring
// Name-comparison levels cached per query: slot 0 query family vs registry family, 1 query first
// given name vs registry first given name, 2 and 3 the same for the swapped query.
const cacheLevel = new Int8Array(4 * NN);
const cacheStamp = new Int32Array(4 * NN);
let stamp = 0;
const jwMemo = new Map();
function nameLevel(slot, qStr, qId, rId, isFam) {
  if (rId < 0 || qStr === '') return -1;
  if (qId === rId) return 0;
  const k = slot * NN + rId;
  if (cacheStamp[k] === stamp) return cacheLevel[k];
  let jw;
  if (qId >= 0) {
    // both spellings are registry names (always so for u's random pairs): memo by pair
    const key = qId < rId ? qId * NN + rId : rId * NN + qId;
    jw = jwMemo.get(key);
    if (jw === undefined) {
      jw = jaroWinkler(qStr, names[rId]);
      if (jwMemo.size >= 1 << 22) jwMemo.clear();
      jwMemo.set(key, jw);
    }
  } else jw = jaroWinkler(qStr, names[rId]);
  const lv = isFam ? famLevelOf(jw) : givLevelOf(jw);
  cacheStamp[k] = stamp;
  cacheLevel[k] = lv;
  return lv;
}
function wordLevel(qWords, f) {
  const a = tokStart[f], b = tokStart[f + 1];
  if (qWords.length === 0 || a === b) return -1;
  for (let i = 0; i < qWords.length; i++) {
    const w = qWords[i];
    if (w < 0) continue;
    for (let j = a; j < b; j++) if (toks[j] === w) return 0;
  }
  return 1;
}
function dateLevel(q, p) {
  const ry = pYear[p];
  if (!q.year || !ry) return -1;
  if (q.year === ry) {
    if (q.yearOnly || pYearOnly[p]) return 2;
    if (q.month === pMonth[p]) return q.day && q.day === pDay[p] ? 0 : 1;
    return 3;
  }
  return q.year - ry === 1 || ry - q.year === 1 ? 4 : 5;
}

// Weights: w[c][level] = log2(m/u); tfFam/tfGiv: the exact-level weight of each value (or null).
function makeWeights(m, u, withTf) {
  const w = m.map((ml, c) => Float64Array.from(ml, (x, l) => Math.log2(x / u[c][l])));
  let tfFam = null, tfGiv = null;
  if (withTf) {
    tfFam = new Float64Array(NN);
    tfGiv = new Float64Array(NN);
    for (let id = 0; id < NN; id++) {
      tfFam[id] = Math.log2(m[FAM][0] / (Math.max(famCount[id], 1) / N));
      tfGiv[id] = Math.log2(m[GIV][0] / (Math.max(givCount[id], 1) / N));
    }
  }
  return { w, tfFam, tfGiv, priorLogOdds: -Math.log2(N - 1) };
}

const LOG_KEEP = Math.log2(1 - S_SWAP), LOG_SWAP = Math.log2(S_SWAP);
const levels = new Int8Array(NC); // levels of the dominant reading of the last pair scored
// Match weight of query q against person p.
function score(q, p, W) {
  const w = W.w;
  let bestN = -Infinity, bestS = -Infinity;
  let nF = -1, nG = -1, nA = -1, sF = -1, sG = -1, sA = -1;
  for (let f = formStart[p], end = formStart[p + 1]; f < end; f++) {
    const rf = fFam[f], rg = fGiv[f];
    let lf = nameLevel(0, q.fam, q.famId, rf, true);
    let lg = nameLevel(1, q.giv1, q.givId, rg, false);
    let la = wordLevel(q.words, f);
    let x = (lf < 0 ? 0 : lf === 0 && W.tfFam ? W.tfFam[rf] : w[FAM][lf]) +
      (lg < 0 ? 0 : lg === 0 && W.tfGiv ? W.tfGiv[rg] : w[GIV][lg]) + (la < 0 ? 0 : w[ANY][la]);
    if (x > bestN) {
      bestN = x;
      nF = lf;
      nG = lg;
      nA = la;
    }
    lf = nameLevel(2, q.sFam, q.sFamId, rf, true);
    lg = nameLevel(3, q.sGiv1, q.sGivId, rg, false);
    la = wordLevel(q.sWords, f);
    x = (lf < 0 ? 0 : lf === 0 && W.tfFam ? W.tfFam[rf] : w[FAM][lf]) +
      (lg < 0 ? 0 : lg === 0 && W.tfGiv ? W.tfGiv[rg] : w[GIV][lg]) + (la < 0 ? 0 : w[ANY][la]);
    if (x > bestS) {
      bestS = x;
      sF = lf;
      sG = lg;
      sA = la;
    }
  }
  const a = bestN + LOG_KEEP, b = bestS + LOG_SWAP;
  let nameW;
  if (a >= b) {
    nameW = a + Math.log2(1 + 2 ** (b - a));
    levels[FAM] = nF;
    levels[GIV] = nG;
    levels[ANY] = nA;
  } else {
    nameW = b + Math.log2(1 + 2 ** (a - b));
    levels[FAM] = sF;
    levels[GIV] = sG;
    levels[ANY] = sA;
  }
  const ld = dateLevel(q, p);
  const ls = q.sex && pSex[p] ? (q.sex === pSex[p] ? 0 : 1) : -1;
  const lc = q.country && pCountry[p] ? (q.country === pCountry[p] ? 0 : 1) : -1;
  levels[DATE] = ld;
  levels[SEX] = ls;
  levels[CTRY] = lc;
  return nameW + (ld < 0 ? 0 : w[DATE][ld]) + (ls < 0 ? 0 : w[SEX][ls]) + (lc < 0 ? 0 : w[CTRY][lc]) + W.priorLogOdds;
}

// Candidates of a query under rule Y and/or rule P, into `cands`; returns their number.
const seenBy = new Int32Array(N);
let seenStamp = 0;
let cands = new Int32Array(1 << 16);
function candidates(q, useY, useP) {
  seenStamp++;
  let n = 0;
  const add = (keys) => {
    for (const key of keys) {
      const list = blocks.get(key);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const p = list[i];
        if (seenBy[p] === seenStamp) continue;
        seenBy[p] = seenStamp;
        if (n === cands.length) {
          const b = new Int32Array(2 * n);
          b.set(cands);
          cands = b;
        }
        cands[n++] = p;
      }
    }
  };
  if (useY) add(q.keysY);
  if (useP) add(q.keysP);
  return n;
}

const encode = () => {
  let code = 0;
  for (let c = NC - 1; c >= 0; c--) code = code * 8 + (levels[c] + 1);
  return code;
};
const decode = (code, out) => {
  for (let c = 0; c < NC; c++) {
    out[c] = (code % 8) - 1;
    code = Math.floor(code / 8);
  }
  return out;
};

// ---------------------------------------------------------------------------------- u
const tU = process.hrtime.bigint();
let rngState = (opts.seed >>> 0) || 1;
const random = () => {
  // mulberry32
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
function personAsQuery(i) {
  const f = formStart[i];
  const fam = fFam[f] >= 0 ? names[fFam[f]] : '';
  const givs = [];
  if (fGiv[f] >= 0) {
    // the first given name whole, then the words of the others (for the swapped family name)
    givs.push(names[fGiv[f]]);
    const firstWords = names[fGiv[f]].split(' ');
    for (let j = tokStart[f]; j < tokStart[f + 1]; j++) if (!firstWords.includes(names[toks[j]])) givs.push(names[toks[j]]);
  }
  return makeQuery(fam, givs, pYear[i], pMonth[i], pDay[i], pSex[i], pCountry[i]);
}
const W_PRIOR = makeWeights(M_PRIOR, U_PRIOR, false);
const uCounts = COMPARISONS.map((c) => new Float64Array(c.levels.length));
const countPair = (i, j) => {
  stamp++;
  score(personAsQuery(i), j, W_PRIOR);
  for (let c = 0; c < NC; c++) if (levels[c] >= 0) uCounts[c][levels[c]]++;
};
// A small registry has fewer ordered pairs than the sample: then all of them, once each (drawing
// the same few pairs 200,000 times would only feign precision).
const allPairs = N * (N - 1) <= opts.uPairs;
if (allPairs) {
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) countPair(i, j);
} else {
  for (let k = 0; k < opts.uPairs; k++) {
    const i = Math.floor(random() * N);
    let j = Math.floor(random() * (N - 1));
    if (j >= i) j++;
    countPair(i, j);
  }
}
const uPairsUsed = allPairs ? N * (N - 1) : opts.uPairs;
// Half a pair in every level: no level is impossible.
const U = uCounts.map((counts) => {
  const total = counts.reduce((s, x) => s + x, 0) + 0.5 * counts.length;
  return Array.from(counts, (x) => (x + 0.5) / total);
});
const uSeconds = secondsSince(tU);

// ---------------------------------------------------------------------------------- m by EM
const tEM = process.hrtime.bigint();
const W_PICK = makeWeights(M_PRIOR, U, false); // to pick each pair's best name form
// Each query's candidate pairs, as (pattern of levels, count) lists.
function collect(useY, useP) {
  const patIndex = new Map();
  const codes = [];
  const qStart = [0];
  const ent = new IntVec(), cnt = new IntVec();
  let pairs = 0;
  for (const q of queries) {
    stamp++;
    const n = candidates(q, useY, useP);
    const local = new Map();
    for (let k = 0; k < n; k++) {
      score(q, cands[k], W_PICK);
      const code = encode();
      let pi = patIndex.get(code);
      if (pi === undefined) {
        patIndex.set(code, (pi = codes.length));
        codes.push(code);
      }
      local.set(pi, (local.get(pi) ?? 0) + 1);
    }
    for (const [pi, c] of local) {
      ent.push(pi);
      cnt.push(c);
    }
    qStart.push(ent.n);
    pairs += n;
  }
  return { pats: codes.map((code) => decode(code, new Int8Array(NC))), qStart, ent: ent.done(), cnt: cnt.done(), pairs };
}
// EM with u fixed. oneToOne: a query is at most one registry person, so its pairs compete:
// P(no match) = 1 - pi, P(pair k is the match) = pi/n * m(k)/u(k) up to normalisation, pi
// estimated. Otherwise Splink's pairwise EM: every pair is a match with probability lambda.
function em(data, active, label, oneToOne) {
  const m = M_PRIOR.map((x) => x.slice());
  const P = data.pats.length;
  const lr = new Float64Array(P), mass = new Float64Array(P);
  const { qStart, ent, cnt } = data;
  let mix = oneToOne ? 0.9 : Math.min(0.5, Math.max(1e-6, (0.8 * queries.length) / Math.max(1, data.pairs)));
  let it = 0;
  for (; it < opts.emIterations && data.pairs > 0; it++) {
    for (let p = 0; p < P; p++) {
      const lv = data.pats[p];
      let x = 1;
      for (let c = 0; c < NC; c++) if (active[c] && lv[c] >= 0) x *= m[c][lv[c]] / U[c][lv[c]];
      lr[p] = x;
    }
    mass.fill(0);
    let matches = 0, units = 0;
    for (let q = 0; q + 1 < qStart.length; q++) {
      const a = qStart[q], b = qStart[q + 1];
      if (a === b) continue;
      if (oneToOne) {
        let n = 0, sum = 0;
        for (let e = a; e < b; e++) {
          n += cnt[e];
          sum += cnt[e] * lr[ent[e]];
        }
        const denom = (1 - mix) * n + mix * sum;
        for (let e = a; e < b; e++) mass[ent[e]] += (cnt[e] * mix * lr[ent[e]]) / denom;
        matches += (mix * sum) / denom;
        units++;
      } else {
        for (let e = a; e < b; e++) {
          const r = (mix * lr[ent[e]]) / (mix * lr[ent[e]] + 1 - mix);
          mass[ent[e]] += cnt[e] * r;
          matches += cnt[e] * r;
          units += cnt[e];
        }
      }
    }
    let change = Math.abs(matches / units - mix);
    mix = matches / units;
    // M step with the priors as a Dirichlet worth --em-prior pairs (MAP): a tiny set of queries
    // cannot drive a level to zero; a large one outweighs the prior.
    for (let c = 0; c < NC; c++) {
      if (!active[c]) continue;
      const acc = new Float64Array(m[c].length);
      for (let p = 0; p < P; p++) if (data.pats[p][c] >= 0) acc[data.pats[p][c]] += mass[p];
      const norm = acc.reduce((s, x) => s + x, 0) + opts.emPrior + 1e-9 * acc.length;
      for (let l = 0; l < acc.length; l++) {
        const v = (acc[l] + opts.emPrior * M_PRIOR[c][l] + 1e-9) / norm;
        change = Math.max(change, Math.abs(v - m[c][l]));
        m[c][l] = v;
      }
    }
    if (change < 1e-5) {
      it++;
      break;
    }
  }
  return { label, pairs: data.pairs, patterns: P, iterations: it, [oneToOne ? 'pi' : 'lambda']: mix, m };
}
const ON = (...cs) => COMPARISONS.map((_, c) => cs.includes(c));
const M = M_PRIOR.map((x) => x.slice());
let sessions;
if (!opts.pairwiseEm) {
  // One session on all the candidate pairs, every comparison trained, one match per query at most.
  const s = em(collect(true, true), ON(FAM, GIV, ANY, DATE, SEX, CTRY), 'all candidate pairs, one-to-one, all comparisons', true);
  for (let c = 0; c < NC; c++) M[c] = s.m[c];
  sessions = [s];
} else {
  // Splink's training sessions: pairs blocked on names (rule P) train the date, sex and country;
  // pairs blocked on the birth year (rule Y) train the names, sex and country.
  const s1 = em(collect(false, true), ON(DATE, SEX, CTRY), 'rule P pairs (name prefix), pairwise: birth_date, sex, birth_country', false);
  const s2 = em(collect(true, false), ON(FAM, GIV, ANY, SEX, CTRY), 'rule Y pairs (birth year), pairwise: names, sex, birth_country', false);
  for (const c of [FAM, GIV, ANY]) M[c] = s2.m[c];
  M[DATE] = s1.m[DATE];
  for (const c of [SEX, CTRY]) M[c] = s1.m[c].map((x, l) => (x + s2.m[c][l]) / 2);
  sessions = [s1, s2];
}
const emSeconds = secondsSince(tEM);
const W = makeWeights(M, U, true);
const trainingSeconds = secondsSince(t0);

// ---------------------------------------------------------------------------------- matching
const posterior = (w) => 1 / (1 + 2 ** -w);
const wThreshold = opts.threshold >= 1 ? Infinity : opts.threshold <= 0 ? -Infinity : Math.log2(opts.threshold / (1 - opts.threshold));
const results = [];
const millis = [];
let candidateTotal = 0, candidateMax = 0;
const tMatch = process.hrtime.bigint();
for (const q of queries) {
  const start = process.hrtime.bigint();
  stamp++;
  const n = candidates(q, true, true);
  let w1 = -Infinity, w2 = -Infinity, best = -1, pass = 0;
  for (let k = 0; k < n; k++) {
    const p = cands[k];
    const w = score(q, p, W);
    if (w >= wThreshold) pass++;
    if (w > w1) {
      w2 = w1;
      w1 = w;
      best = p;
    } else if (w > w2) w2 = w;
  }
  const leadOk = best >= 0 && (w2 === -Infinity || w1 - w2 >= opts.lead);
  let outcome;
  if (best >= 0 && w1 >= wThreshold && leadOk) outcome = 'named';
  else outcome = pass >= 2 ? 'ambiguous' : 'not_found';
  millis.push(Number(process.hrtime.bigint() - start) / 1e6);
  candidateTotal += n;
  candidateMax = Math.max(candidateMax, n);
  results.push({ q, best, w1, w2, leadOk, outcome, candidates: n });
}
const matchSeconds = secondsSince(tMatch);

// ---------------------------------------------------------------------------------- report
const newCounts = () => ({ queries: 0, expected: 0, right: 0, wrong: 0, ambiguous: 0, not_found: 0 });
const overall = newCounts();
const byCase = new Map();
for (const r of results) {
  if (!byCase.has(r.q.cas)) byCase.set(r.q.cas, newCounts());
  for (const c of [overall, byCase.get(r.q.cas)]) {
    c.queries++;
    if (r.q.label !== null) c.expected++;
    if (r.outcome === 'named') {
      if (numeros[r.best] === r.q.label) c.right++;
      else c.wrong++;
    } else c[r.outcome]++;
  }
}
const ratio = (a, b) => (b > 0 ? a / b : null);
const finish = (c) => ({ ...c, recall: ratio(c.right, c.expected), precision: ratio(c.right, c.right + c.wrong) });

// Threshold sweep, lead fixed: named when w1 >= t. Zero wrong needs t above every wrong w1.
let maxWrong = -Infinity;
for (const r of results) if (r.leadOk && numeros[r.best] !== r.q.label) maxWrong = Math.max(maxWrong, r.w1);
let reach = 0, reachW = Infinity;
for (const r of results) {
  if (r.leadOk && numeros[r.best] === r.q.label && r.w1 > maxWrong) {
    reach++;
    reachW = Math.min(reachW, r.w1);
  }
}
const recallAtZeroWrong = ratio(reach, overall.expected);
const thresholdAtZeroWrong = reach ? posterior(reachW) : null;

const sorted = millis.slice().sort((a, b) => a - b);
const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null);
const round = (x, d = 6) => (x === null || !Number.isFinite(x) ? x : Number(x.toFixed(d)));
const named = (probs) => Object.fromEntries(COMPARISONS.map((c, i) => [c.name, Object.fromEntries(c.levels.map((l, k) => [l, round(probs[i][k], 8)]))]));
const summary = {
  matcher: 'fellegi-sunter-baseline',
  persons: N,
  queries: queries.length,
  expected: overall.expected,
  right: overall.right,
  wrong: overall.wrong,
  ambiguous: overall.ambiguous,
  not_found: overall.not_found,
  recall: round(ratio(overall.right, overall.expected)),
  precision: round(ratio(overall.right, overall.right + overall.wrong)),
  recall_at_zero_wrong: round(recallAtZeroWrong),
  threshold_at_zero_wrong: thresholdAtZeroWrong === null ? null : round(thresholdAtZeroWrong, 12),
  weight_at_zero_wrong: reach ? round(reachW, 3) : null,
  threshold: opts.threshold,
  lead_bits: opts.lead,
  load_training_seconds: round(trainingSeconds, 3),
  load_seconds: round(loadSeconds, 3),
  u_seconds: round(uSeconds, 3),
  em_seconds: round(emSeconds, 3),
  queries_per_second: round(queries.length / matchSeconds, 1),
  p50_ms: round(pct(0.5), 3),
  p99_ms: round(pct(0.99), 3),
  candidates_per_query: round(candidateTotal / Math.max(1, queries.length), 1),
  candidates_max: candidateMax,
  peak_rss_mib: round(process.resourceUsage().maxRSS / 1024, 0),
  by_case: Object.fromEntries([...byCase].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => {
    const f = finish(c);
    return [k, { ...f, recall: round(f.recall), precision: round(f.precision) }];
  })),
  m: named(M),
  u: named(U),
  em: sessions.map((s) => ({ session: s.label, pairs: s.pairs, patterns: s.patterns, iterations: s.iterations, ...(s.pi !== undefined ? { pi: round(s.pi, 8) } : { lambda: round(s.lambda, 8) }) })),
  u_pairs: uPairsUsed,
  em_prior_pairs: opts.emPrior,
  blocks: blocks.size,
};

if (opts.verbose) {
  const log = opts.json ? console.error : console.log;
  for (const r of results) {
    const who = r.best >= 0 ? numeros[r.best] : '-';
    const verdict = r.outcome !== 'named' ? r.outcome : who === r.q.label ? 'right' : 'WRONG';
    log(`${r.q.cas.padEnd(26)} label ${String(r.q.label).padEnd(10)} best ${who.padEnd(10)} w1 ${r.w1.toFixed(2).padStart(7)} ` +
      `w2 ${r.w2.toFixed(2).padStart(7)} p ${posterior(r.w1).toFixed(4)} ${r.candidates} cand. -> ${verdict}`);
  }
}

if (opts.json) {
  console.log(JSON.stringify(summary));
} else {
  const f = (x, d = 3) => (x === null ? '-' : x.toFixed(d));
  const out = [];
  out.push(`Fellegi-Sunter baseline (Splink-style): ${N} persons, ${queries.length} queries (${overall.expected} with a person expected)`);
  out.push(`decision: posterior >= ${opts.threshold} and a lead of ${opts.lead} bits; prior 1/${N} (${W.priorLogOdds.toFixed(1)} bits)`);
  out.push(`loading + training ${trainingSeconds.toFixed(1)} s (loading ${loadSeconds.toFixed(1)} s, u from ${uPairsUsed} ${allPairs ? 'pairs (all ordered pairs)' : 'random pairs'} ${uSeconds.toFixed(1)} s, EM ${emSeconds.toFixed(1)} s); peak memory ${summary.peak_rss_mib} MiB`);
  out.push(`matching: ${summary.queries_per_second} queries/s, p50 ${f(summary.p50_ms)} ms, p99 ${f(summary.p99_ms)} ms; ${summary.candidates_per_query} candidates per query (max ${candidateMax})`);
  out.push('');
  const head = ['case', 'queries', 'expected', 'right', 'wrong', 'ambiguous', 'not found', 'recall', 'precision'];
  const row = (name, c) => {
    const x = finish(c);
    return [name, c.queries, c.expected, c.right, c.wrong, c.ambiguous, c.not_found, f(x.recall), f(x.precision)];
  };
  const rows = [...byCase].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => row(k, c));
  rows.push(row('all', overall));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  out.push(line(head));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) out.push('-'.repeat(widths.reduce((s, w) => s + w + 2, -2)));
    out.push(line(r));
  });
  out.push('');
  out.push(`recall at zero wrong (threshold tuned on this set, lead ${opts.lead} bits): ${f(recallAtZeroWrong)}` +
    (reach ? ` at posterior >= ${thresholdAtZeroWrong.toPrecision(6)} (match weight >= ${reachW.toFixed(2)} bits)` : ''));
  out.push('');
  out.push('estimated m and u (weight log2(m/u), bits; exact name levels are replaced by term frequencies at match time):');
  for (let c = 0; c < NC; c++) {
    const cells = COMPARISONS[c].levels.map((l, k) => `${l} ${M[c][k].toPrecision(3)}/${U[c][k].toPrecision(3)} (${W.w[c][k] >= 0 ? '+' : ''}${W.w[c][k].toFixed(1)})`);
    out.push(`  ${COMPARISONS[c].name.padEnd(17)} ${cells.join('  ')}`);
  }
  for (const s of sessions) out.push(`  EM, ${s.label}: ${s.pairs} pairs, ${s.iterations} iterations, ${s.pi !== undefined ? `pi ${s.pi.toPrecision(3)}` : `lambda ${s.lambda.toPrecision(3)}`}`);
  console.log(out.join('\n'));
}
