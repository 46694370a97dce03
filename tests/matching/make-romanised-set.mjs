#!/usr/bin/env node
// An evaluation corpus for the identity matcher that is independent of what the
// matcher was tuned on: real names by origin (romanisation/names.json), romanised
// with published tables and administrative practices (romanisation/tables.json),
// a registry in the import format and labelled queries in the match-eval format,
// each query written with ANOTHER table than the registry's. Deterministic for a
// seed; streams the registry (two passes over the same seeded person stream: the
// first writes the registry and samples candidate queries, the second checks
// every candidate against every registered person so that a label names the only
// person the query can designate, and a null label nobody).
//
//   node tests/matching/make-romanised-set.mjs --persons N --seed S \
//        --registry OUT_REGISTRY.jsonl --queries OUT_QUERIES.jsonl \
//        [--numbers-from 800000001] [--max-queries Q]
//
// No npm dependency. See romanisation/README.md.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.join(HERE, 'romanisation');

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) process.stderr.write(`make-romanised-set: ${msg}\n`);
  process.stderr.write('usage: node tests/matching/make-romanised-set.mjs --persons N [--seed S] '
    + '--registry OUT_REGISTRY.jsonl --queries OUT_QUERIES.jsonl [--numbers-from 800000001] [--max-queries Q]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { seed: 1, numbersFrom: 800000001, maxQueries: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    switch (a) {
      case '--persons': o.persons = Number(val()); break;
      case '--seed': o.seed = Number(val()); break;
      case '--registry': o.registry = val(); break;
      case '--queries': o.queries = val(); break;
      case '--numbers-from': o.numbersFrom = Number(val()); break;
      case '--max-queries': o.maxQueries = Number(val()); break;
      case '-h': case '--help': usage();
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!Number.isInteger(o.persons) || o.persons < 1) usage('--persons must be a positive integer');
  if (!Number.isInteger(o.seed) || o.seed < 0) usage('--seed must be a non-negative integer');
  if (!o.registry || !o.queries) usage('--registry and --queries are required');
  if (!Number.isInteger(o.numbersFrom) || o.numbersFrom < 100000000 || o.numbersFrom + o.persons - 1 > 999999999) {
    usage('--numbers-from must leave room for 9-digit numbers');
  }
  if (o.maxQueries !== null && (!Number.isInteger(o.maxQueries) || o.maxQueries < 1)) usage('--max-queries must be a positive integer');
  return o;
}

// ---------------------------------------------------------------- randomness

function splitmix32(a) {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

// sfc32 seeded from any number of integers; returns floats in [0, 1).
function makeRng(...seeds) {
  let h = 0x811c9dc5;
  for (const s of seeds) {
    const lo = s >>> 0, hi = Math.floor(s / 4294967296) >>> 0;
    h = Math.imul(h ^ lo, 16777619); h ^= h >>> 13;
    h = Math.imul(h ^ hi, 16777619); h ^= h >>> 15;
  }
  const sm = splitmix32(h);
  let a = sm(), b = sm(), c = sm(), d = sm();
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const rint = (rng, n) => Math.floor(rng() * n);

// A weighted choice compiled once: {vals, cum, total}.
function compileAlt(v) {
  if (typeof v === 'string') return { vals: [v], cum: [1], total: 1 };
  if (Array.isArray(v)) {
    const vals = [], cum = [];
    let t = 0;
    for (const e of v) {
      const [s, w] = Array.isArray(e) ? e : [e, 1];
      if (w <= 0) continue;
      t += w; vals.push(s); cum.push(t);
    }
    return { vals, cum, total: t };
  }
  if (v && typeof v === 'object') return compileAlt(Object.entries(v));
  throw new Error(`bad alternative ${JSON.stringify(v)}`);
}

function pick(rng, alt) {
  if (alt.vals.length === 1) return alt.vals[0];
  const x = rng() * alt.total;
  const { cum } = alt;
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > x) hi = mid; else lo = mid + 1; }
  return alt.vals[lo];
}

// Zipf-weighted list (entries ordered from the most frequent).
function zipf(list, s = 0.9) {
  return compileAlt(list.map((e, i) => [e, 1 / Math.pow(i + 1, s)]));
}

// ---------------------------------------------------------------- data

const NFC = (s) => s.normalize('NFC');
const TABLES = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'tables.json'), 'utf8'));
const NAMES = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'names.json'), 'utf8'));

const SCHEMES = {};
for (const [id, s] of Object.entries(TABLES.schemes)) {
  const vowels = new Set(s.vowels.map(NFC));
  const all = [...s.vowels, ...s.consonants].map(NFC).filter((t) => t !== '-');
  // longest first; equal lengths keep the declared order (vowels before consonants)
  const tokens = all.map((t, i) => [t, i]).sort((x, y) => y[0].length - x[0].length || x[1] - y[1]).map((x) => x[0]);
  SCHEMES[id] = {
    id,
    tokens,
    tokenSet: new Set(all),
    vowels,
    diphthongs: new Set((s.diphthongs || []).map(NFC)),
    transparent: new Set((s.transparent || []).map(NFC)),
    sun: new Set((s.sun || []).map(NFC)),
    article: s.article || null,
    particles: new Set(s.particles || []),
    vowelStarts: [...vowels],
  };
}

function tokenize(word, sc, where) {
  const out = [];
  let i = 0;
  outer: while (i < word.length) {
    for (const t of sc.tokens) {
      if (!word.startsWith(t, i)) continue;
      if (sc.diphthongs.has(t)) {
        // a diphthong only before a consonant or at the end: "ay" in sayyid or aya is a + y
        const rest = word.slice(i + t.length);
        if (rest.startsWith(t[t.length - 1]) || sc.vowelStarts.some((v) => rest.startsWith(v))) continue;
      }
      out.push(t);
      i += t.length;
      continue outer;
    }
    throw new Error(`${where}: no ${sc.id} sound for "${word.slice(i)}" in "${word}"`);
  }
  return out;
}

// A name: parts joined by '+', each with an optional article, split on '-' into segments.
function parseName(notation, sc, where) {
  const parts = notation.split('+').map((raw0, idx) => {
    let raw = raw0, article = false;
    if (sc.article && raw.startsWith(sc.article)) { article = true; raw = raw.slice(sc.article.length); }
    if (!raw) throw new Error(`${where}: empty part in "${notation}"`);
    const segs = raw.split('-').map((seg) => tokenize(seg, sc, where));
    return { raw, article, particle: idx > 0 && sc.particles.has(raw), segs };
  });
  // a part followed by a joined particle (Shafiq+ul) does not end a word
  parts.forEach((p, i) => { p.openEnd = i + 1 < parts.length && parts[i + 1].particle; });
  return parts;
}

// Rules of a table: token -> [{init, fin, prev, next, alt}] most specific first.
const KEY_RE = /^(\^)?(?:([^<>^$]+)<)?([^<>^$]+?)(?:>([^<>^$]+))?(\$)?$/;
const TBL = {};
for (const [id, t] of Object.entries(TABLES.tables)) {
  const sc = SCHEMES[t.scheme];
  if (!sc) throw new Error(`table ${id}: unknown scheme ${t.scheme}`);
  const rules = new Map();
  for (const [k0, v] of Object.entries(t.map)) {
    const k = NFC(k0);
    const m = KEY_RE.exec(k);
    if (!m) throw new Error(`table ${id}: bad key ${k}`);
    const [, init, prev, tok, next, fin] = m;
    if (!sc.tokenSet.has(tok) && tok !== '-') throw new Error(`table ${id}: key ${k}: "${tok}" is not a ${sc.id} sound`);
    for (const c of [prev, next]) {
      if (c && c !== 'V' && c !== 'C' && !sc.tokenSet.has(c)) throw new Error(`table ${id}: key ${k}: "${c}" is not a ${sc.id} sound`);
    }
    const spec = (c) => (c ? (c === 'V' || c === 'C' ? 1 : 2) : 0);
    const r = { init: !!init, fin: !!fin, prev: prev || null, next: next || null, alt: compileAlt(v) };
    r.score = (r.init ? 2 : 0) + (r.fin ? 2 : 0) + spec(prev) + spec(next);
    if (!rules.has(tok)) rules.set(tok, []);
    rules.get(tok).push(r);
  }
  for (const list of rules.values()) list.sort((a, b) => b.score - a.score);
  for (const tok of sc.tokenSet) {
    if (tok === '-') continue;
    const list = rules.get(tok) || [];
    if (!list.some((r) => !r.init && !r.fin && !r.prev && !r.next)) throw new Error(`table ${id}: no plain rule for "${tok}"`);
  }
  const words = new Map(Object.entries(t.words || {}).map(([k, v]) => [NFC(k), compileAlt(v)]));
  const art = t.article || {};
  TBL[id] = {
    id, sc, rules, words,
    gem: t.gem ?? 1,
    gemDigraph: t.gemDigraph || 'double',
    artStandalone: compileAlt(art.standalone || 'al-{W}'),
    artCompound: compileAlt(art.compound || '{X} al-{W}'),
    allah: compileAlt(t.allah || '{X} Allah'),
    compound: compileAlt(t.compound || '{X} {W}'),
    particle: compileAlt(t.particle || '{X}{p}'),
  };
}

const ABBR = TABLES.abbreviations;
const ETH_FIRST = new Map(Object.entries(ABBR.ethiopic_first_element).map(([k, v]) => [NFC(k), v]));
const ETH_FORMS = compileAlt(ABBR.ethiopic_forms);
const BENG_ABBR = new Map(Object.entries(ABBR.bengali_words).map(([k, v]) => [NFC(k), compileAlt(v)]));

// ---------------------------------------------------------------- keys (who could a query designate?)

const CYR_LAT = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const KEY_MAP = {
  š: 'sh', č: 'ch', ž: 'zh', ǧ: 'j', x: 'kh', θ: 'th', ð: 'dh', ṯ: 's', ḏ: 'z', ġ: 'gh', ñ: 'ny', ŋ: 'ng', ɛ: 'e', ɔ: 'o', ə: '', ᵊ: '',
  ä: 'e', ẗ: '', ś: 's', ı: 'i', ş: 'sh', ç: 'ch', ğ: '', ʔ: '', ʕ: '', ɓ: 'b', ɗ: 'd', ƴ: 'y', ḫ: 'h',
};
// The same name however it is spelt: one key per original name (vowel quality, length,
// doubling, emphasis, the article and the compound joints left out), so that two
// registered persons whose names any table could render alike share a key.
function nameKey(notation, scheme) {
  let s = notation.toLowerCase();
  if (scheme === 'cyrillic') s = [...s].map((c) => CYR_LAT[c] ?? c).join('');
  s = s.replace(/e\(h\)/g, 'e').split('+').map((p) => (p.startsWith('al-') ? p.slice(3) : p)).join('');
  let o = '';
  for (const ch of s) o += KEY_MAP[ch] ?? ch;
  o = o.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z]/g, '');
  return o.replace(/e/g, 'i').replace(/o/g, 'u').replace(/(.)\1+/g, '$1');
}

function abbrevKey(notation, scheme) {
  if (scheme === 'ethiopic') {
    const parts = notation.split('+');
    if (parts.length > 1 && ETH_FIRST.has(parts[0])) return `${ETH_FIRST.get(parts[0])}/${nameKey(parts.slice(1).join('+'), scheme)}`;
  }
  if (scheme === 'bengali' && BENG_ABBR.has(notation)) return notation === 'mosammat' ? 'mst.' : 'md.';
  return null;
}

// ---------------------------------------------------------------- origins

function makeEntry(raw, sc, where) {
  let n, o;
  if (typeof raw === 'string') { n = NFC(raw.toLowerCase()); o = sc.id === 'cyrillic' ? NFC(raw) : null; }
  else { n = NFC(raw[0]); o = raw[1] ? NFC(raw[1]) : null; }
  const e = { n, o, key: nameKey(n, sc.id), abbr: abbrevKey(n, sc.id), parsed: parseName(n, sc, where) };
  // the elements of a compound given name, which agents also write alone (Mohammad for Mohammad Reza)
  const parts = n.split('+');
  e.partKeys = parts.length > 1 ? parts.map((x) => nameKey(x, sc.id)).filter((k) => k.length > 1) : [];
  e.hasArticle = e.parsed.some((p) => p.article || p.particle);
  e.abbreviable = e.abbr !== null;
  return e;
}

const ORIGINS = [];
for (const [id, o] of Object.entries(NAMES.origins)) {
  const sc = SCHEMES[o.scheme];
  const list = (v, what) => {
    if (typeof v === 'string' && v.startsWith('@')) {
      const [oid, lid] = v.slice(1).split('.');
      return NAMES.origins[oid][lid];
    }
    if (!Array.isArray(v) || v.length === 0) throw new Error(`names.json ${id}.${what} is empty`);
    return v;
  };
  const mk = (v, what) => list(v, what).map((r) => makeEntry(r, sc, `names.json ${id}.${what}`));
  const org = {
    id, label: o.label, scheme: o.scheme, script: o.script, sc,
    weight: o.weight,
    countries: compileAlt(o.countries),
    givenCount: compileAlt(o.given_count.map((w, i) => [String(i + 1), w])),
    family: mk(o.family, 'family'),
    givenM: mk(o.given_m, 'given_m'),
    givenF: mk(o.given_f, 'given_f'),
    familyF: o.family_f ? mk(o.family_f, 'family_f') : null,
    familyFShare: (o.family_f_share ?? 0) / 100,
    firstM: o.first_given_m ? { e: makeEntry(o.first_given_m[0], sc, `names.json ${id}.first_given_m`), p: o.first_given_m[1] / 100 } : null,
    firstF: o.first_given_f ? { e: makeEntry(o.first_given_f[0], sc, `names.json ${id}.first_given_f`), p: o.first_given_f[1] / 100 } : null,
    feminine: o.feminine_surname === 'ru',
    usage: TABLES.usage[id],
  };
  if (!org.usage) throw new Error(`tables.json usage has no entry for origin ${id}`);
  for (const part of ['registry', 'alias', 'queries']) {
    for (const t of Object.keys(org.usage[part])) {
      if (!TBL[t]) throw new Error(`usage ${id}.${part}: unknown table ${t}`);
      if (TBL[t].sc.id !== o.scheme) throw new Error(`usage ${id}.${part}: table ${t} is not for scheme ${o.scheme}`);
    }
  }
  org.regTables = compileAlt(org.usage.registry);
  org.aliasTables = org.usage.alias;
  org.queryTables = org.usage.queries;
  if (org.feminine) {
    for (const e of org.family) {
      const f = /(ов|ев|ёв|ин)$/.test(e.n) ? 'а' : '';
      e.fem = f ? makeEntry(e.o + f, sc, `names.json ${id}.family (feminine)`) : e;
    }
  }
  org.zFamily = zipf(org.family);
  org.zGivenM = zipf(org.givenM);
  org.zGivenF = zipf(org.givenF);
  org.zFamilyF = org.familyF ? zipf(org.familyF) : null;
  if (o.script) {
    for (const e of [...org.family, ...org.givenM, ...org.givenF, ...(org.familyF || [])]) {
      if (!e.o) throw new Error(`names.json ${id}: "${e.n}" has no original-script form`);
    }
  }
  ORIGINS.push(org);
}
const ORIGIN_ALT = compileAlt(ORIGINS.map((o) => [o, o.weight]));

// ---------------------------------------------------------------- rendering

const CASED = /[\p{Lu}\p{Ll}]/u;
const cap = (s) => s.replace(CASED, (c) => c.toUpperCase());
const fill = (tmpl, v) => tmpl.replace(/\{(\w)\}/g, (m, k) => v[k] ?? '');

function ruleFor(tb, tok, init, fin, prev, next) {
  const sc = tb.sc;
  const list = tb.rules.get(tok);
  for (const r of list) {
    if (r.init && !init) continue;
    if (r.fin && !fin) continue;
    if (r.prev) {
      if (prev === null) continue;
      if (r.prev === 'V' ? !sc.vowels.has(prev) : r.prev === 'C' ? sc.vowels.has(prev) : r.prev !== prev) continue;
    }
    if (r.next) {
      if (next === null) continue;
      if (r.next === 'V' ? !sc.vowels.has(next) : r.next === 'C' ? sc.vowels.has(next) : r.next !== next) continue;
    }
    return r.alt;
  }
  throw new Error(`table ${tb.id}: no rule for ${tok}`);
}

function renderSeg(toks, tb, rng, openEnd = false) {
  const sc = tb.sc;
  const n = toks.length;
  let out = '';
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    let prev = null, next = null;
    for (let j = i - 1; j >= 0; j--) if (!sc.transparent.has(toks[j])) { prev = toks[j]; break; }
    for (let j = i + 1; j < n; j++) if (!sc.transparent.has(toks[j])) { next = toks[j]; break; }
    // ^ and $ are the word's real edges (Asmāʼ ends in hamza, not in ā); neighbours skip ʿayn and hamza
    const v = pick(rng, ruleFor(tb, t, i === 0, i === n - 1 && !openEnd, prev, next));
    if (i + 1 < n && toks[i + 1] === t && !sc.vowels.has(t)) {
      // a doubled consonant (shadda, tashdid, a geminate)
      if (rng() >= tb.gem) continue;
      if (tb.gemDigraph === 'single' && [...v].length > 1) continue;
    }
    out += v;
  }
  return out;
}

function firstSound(part, tb, rng) {
  const toks = part.segs[0];
  const next = toks.length > 1 ? toks[1] : null;
  return pick(rng, ruleFor(tb, toks[0], true, toks.length === 1, null, next));
}

function renderPart(part, tb, rng) {
  const w = tb.words.get(part.raw);
  if (w) return pick(rng, w);
  return part.segs.map((seg, i) => cap(renderSeg(seg, tb, rng, part.openEnd && i === part.segs.length - 1))).join('-');
}

// Render a name entry with table tb. `onlyPart`: render parts from this index on (abbreviations).
function renderName(entry, tb, rng, fromPart = 0) {
  if (fromPart === 0) {
    const whole = tb.words.get(entry.n);
    if (whole) return pick(rng, whole);
  }
  const parts = entry.parsed;
  let out = '';
  for (let i = fromPart; i < parts.length; i++) {
    const part = parts[i];
    const W = renderPart(part, tb, rng);
    const v = { W, w: W.toLowerCase(), X: out };
    if (part.article) {
      v.L = tb.sc.sun.has(part.segs[0][0]) ? firstSound(part, tb, rng).toLowerCase() : 'l';
      out = fill(pick(rng, i === fromPart ? tb.artStandalone : tb.artCompound), v);
    } else if (i > fromPart && part.raw === 'allāh') {
      out = fill(pick(rng, tb.allah), v);
    } else if (i > fromPart && part.particle) {
      out = fill(pick(rng, tb.particle), { X: out, p: W.toLowerCase(), P: W });
    } else if (i === fromPart) {
      out = W;
    } else {
      out = fill(pick(rng, tb.compound), v);
    }
  }
  out = out.replace(/\s+/g, ' ').trim();
  if (!out) throw new Error(`table ${tb.id} renders "${entry.n}" as nothing`);
  return out;
}

// French civil-status letters: the letters of French spelling keep their accents,
// every other mark goes (ḥ → h, ā → a, ş → s, ǧ → g), the signs for ʿayn and hamza too.
const FR_MARKS = {
  a: '\u0300\u0302\u0308', e: '\u0301\u0300\u0302\u0308', i: '\u0302\u0308', o: '\u0302\u0308', u: '\u0300\u0302\u0308', y: '\u0308', c: '\u0327',
};
const FOLD_CHARS = { ı: 'i', ə: 'e', ɛ: 'e', ɔ: 'o', ɓ: 'b', ɗ: 'd', ƴ: 'y', ŋ: 'ng', ß: 'ss', ł: 'l', ø: 'o' };
function foldEtatCivil(s) {
  let o = '';
  for (const ch of s) o += FOLD_CHARS[ch] ?? ch;
  o = o.replace(/[ʻʼʿʾ'’‘ʺʹ”“"]/g, '');
  const d = o.normalize('NFD');
  let r = '', base = '';
  for (const ch of d) {
    if (/\p{M}/u.test(ch)) {
      const allowed = FR_MARKS[base.toLowerCase()];
      if (allowed && allowed.includes(ch)) r += ch;
    } else { r += ch; base = ch; }
  }
  return r.normalize('NFC').replace(/\s+/g, ' ').replace(/^[\s-]+|[\s-]+$/g, '');
}
const stripMarks = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const loose = (s) => stripMarks(s).toLowerCase().replace(/[ʻʼʿʾ'’‘ʺʹ”]/g, '');
const titleCase = (s) => s.toLowerCase().replace(/(^|[\s-])([\p{L}])/gu, (m, a, b) => a + b.toUpperCase());

// ---------------------------------------------------------------- persons

const MIN_YEAR = 1940, MAX_YEAR = 2023;
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n, w = 2) => String(n).padStart(w, '0');

function drawYear(rng) {
  const r = rng();
  if (r < 0.28) return 2000 + rint(rng, 24);
  if (r < 0.85) return 1975 + Math.floor((rng() + rng()) / 2 * 25);
  return MIN_YEAR + rint(rng, 35);
}

function drawDate(rng, y) {
  const m = 1 + rint(rng, 12);
  return { y, m, d: 1 + rint(rng, daysIn(y, m)) };
}

function drawGiven(rng, org, sex, avoid) {
  const count = Number(pick(rng, org.givenCount));
  const z = sex === 'M' ? org.zGivenM : org.zGivenF;
  const first = sex === 'M' ? org.firstM : org.firstF;
  const out = [];
  const keys = new Set();
  if (first && rng() < first.p) { out.push(first.e); keys.add(first.e.key); }
  const target = Math.max(count, out.length ? 2 : 1);
  let tries = 0;
  while (out.length < target && tries++ < 40) {
    const e = pick(rng, z);
    if (keys.has(e.key)) continue;
    if (out.length === 0 && avoid && avoid.has(e.key)) continue;
    out.push(e); keys.add(e.key);
  }
  return out.slice(0, 3);
}

function familyFor(rng, org, base, sex) {
  if (sex === 'F' && org.feminine) return base.fem;
  if (sex === 'F' && org.familyF && rng() < org.familyFShare) return pick(rng, org.zFamilyF);
  return base;
}

function newPerson(rng, org, { sex, base, date, prec, country, avoidFirst } = {}) {
  sex = sex || (rng() < 0.58 ? 'M' : 'F');
  base = base || pick(rng, org.zFamily);
  const fam = familyFor(rng, org, base, sex);
  const given = drawGiven(rng, org, sex, avoidFirst);
  const dt = date ? { ...date } : drawDate(rng, drawYear(rng));
  if (!prec) { const r = rng(); prec = r < 0.10 ? 'year' : r < 0.18 ? 'jan1' : 'full'; }
  if (prec === 'jan1') { dt.m = 1; dt.d = 1; }
  country = country || pick(rng, org.countries);
  const regCountry = rng() < 0.05 ? null : country;
  return { org, sex, base, fam, given, y: dt.y, m: dt.m, d: dt.d, prec, country, regCountry };
}

const givenSig = (p) => p.given.map((g) => g.key).join(' ');

// Groups of persons drawn from the identity stream (names, sex, dates, country):
// singles, siblings, twins, namesakes born years apart, namesakes born the same year.
function generate(N, seed, onGroup) {
  const rng = makeRng(seed, 0x5eed1);
  let idx = 0, gid = 0;
  while (idx < N) {
    const org = pick(rng, ORIGIN_ALT);
    const r = rng();
    let kind, members = [];
    if (r < 0.70) {
      kind = 'single';
      members.push(newPerson(rng, org));
    } else if (r < 0.85 || r < 0.89) {
      kind = r < 0.85 ? 'siblings' : 'twins';
      const base = pick(rng, org.zFamily);
      const country = pick(rng, org.countries);
      let y = 1965 + rint(rng, 50);
      const sigs = new Set();
      const firsts = new Set();
      const addSibling = (opts) => {
        for (let t = 0; t < 12; t++) {
          const p = newPerson(rng, org, { base, country, ...opts });
          if (sigs.has(givenSig(p))) continue;
          sigs.add(givenSig(p));
          return p;
        }
        return null;
      };
      if (kind === 'twins') {
        const date = drawDate(rng, Math.min(y + 10, MAX_YEAR));
        const r2 = rng();
        const prec = r2 < 0.06 ? 'year' : r2 < 0.12 ? 'jan1' : 'full';
        const sexA = rng() < 0.5 ? 'M' : 'F';
        const sexB = rng() < 0.6 ? sexA : (sexA === 'M' ? 'F' : 'M');
        const a = addSibling({ sex: sexA, date, prec }) || newPerson(rng, org, { base, country, sex: sexA, date, prec });
        firsts.add(a.given[0].key);
        let b = null;
        for (let t = 0; t < 12 && !b; t++) {
          const c = newPerson(rng, org, { base, country, sex: sexB, date, prec, avoidFirst: firsts });
          if (!firsts.has(c.given[0].key)) b = c;
        }
        a.twin = true;
        members.push(a);
        if (b) { b.twin = true; members.push(b); }
        const older = rng() < 0.3 ? 1 + rint(rng, 2) : 0;
        for (let k = 0; k < older; k++) {
          const p = addSibling({ date: drawDate(rng, Math.max(MIN_YEAR, date.y - 2 - k * 2 - rint(rng, 3))) });
          if (p) members.push(p);
        }
      } else {
        const k = 2 + rint(rng, 3);
        for (let i = 0; i < k && y <= MAX_YEAR; i++) {
          const p = addSibling({ date: drawDate(rng, y) });
          if (p) members.push(p);
          y += 1 + rint(rng, 4);
        }
      }
    } else if (r < 0.945) {
      kind = 'same_name_other_year';
      const a = newPerson(rng, org);
      let y2;
      do { y2 = a.y + (rng() < 0.5 ? -1 : 1) * (3 + rint(rng, 23)); } while (y2 < MIN_YEAR || y2 > MAX_YEAR);
      const b = newPerson(rng, org, { sex: a.sex, base: a.base, date: drawDate(rng, y2), country: rng() < 0.7 ? a.country : undefined });
      b.fam = a.fam; b.given = a.given;
      a.pair = b; b.pair = a;
      members.push(a, b);
    } else {
      kind = 'same_name_same_year';
      const a = newPerson(rng, org, { prec: 'full' });
      if (a.m === 1 && a.d === 1) a.d = 2;
      let dt;
      do { dt = drawDate(rng, a.y); } while ((dt.m === a.m && dt.d === a.d) || (dt.m === a.d && dt.d === a.m) || (dt.m === 1 && dt.d === 1));
      const b = newPerson(rng, org, { sex: a.sex, base: a.base, date: dt, prec: 'full', country: rng() < 0.8 ? a.country : undefined });
      b.fam = a.fam; b.given = a.given;
      a.pair = b; b.pair = a;
      members.push(a, b);
    }
    members = members.slice(0, N - idx);
    for (const p of members) { p.idx = idx++; p.kind = kind; p.gid = gid; }
    gid++;
    onGroup(members, kind);
  }
}

// ---------------------------------------------------------------- registry lines

function dateString(p) {
  if (p.prec === 'year') return String(p.y);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

function checkName(s, what) {
  if (typeof s !== 'string' || s.length < 1 || s.length > 100 || s !== s.trim() || /[\p{Cc}\p{Cf}]/u.test(s)) {
    throw new Error(`bad ${what}: ${JSON.stringify(s)}`);
  }
  return s;
}

function renderRegistry(members, kind, seed, numbersFrom) {
  let famShared = null;
  for (const p of members) {
    const rr = makeRng(seed, 0xa11a5, p.idx);
    p.numero = String(numbersFrom + p.idx);
    const org = p.org;
    if ((kind === 'same_name_other_year' || kind === 'same_name_same_year') && p.pair.reg) {
      p.regTable = p.pair.regTable;
      p.reg = { nom: p.pair.reg.nom, prenoms: p.pair.reg.prenoms.slice() };
    } else {
      const tname = pick(rr, org.regTables);
      const tb = TBL[tname];
      p.regTable = tname;
      let nom;
      if (famShared && famShared.fam === p.fam && rr() < 0.85) nom = famShared.nom;
      else {
        nom = foldEtatCivil(renderName(p.fam, tb, rr)).toUpperCase();
        if (rr() < 0.7) nom = stripMarks(nom);
      }
      if (!famShared || famShared.fam !== p.fam) famShared = { fam: p.fam, nom };
      p.reg = { nom, prenoms: p.given.map((g) => foldEtatCivil(renderName(g, tb, rr))) };
    }
    const rec = {
      numero_ofpra: p.numero,
      nom_naissance: checkName(p.reg.nom, 'nom_naissance'),
      prenoms: p.reg.prenoms.map((s) => checkName(s, 'prenom')),
      sexe: p.sex,
      date_naissance: dateString(p),
    };
    if (p.regCountry) rec.code_pays_naissance = p.regCountry;
    const dy = Math.max(p.y + 1, 2005) + rint(rr, Math.max(1, 2025 - Math.max(p.y + 1, 2005) + 1));
    const debut = drawDate(rr, Math.min(dy, 2025));
    rec.protections = [{ type: 'refugie', autorite: 'OFPRA', debut: `${debut.y}-${pad(debut.m)}-${pad(debut.d)}`, fin: null, motif_fin: null }];
    if (org.script && rr() < 0.5) {
      rec.ecriture_origine = { script: org.script, nom: checkName(p.fam.o, 'ecriture_origine.nom'), prenoms: p.given.map((g) => checkName(g.o, 'ecriture_origine.prenom')) };
      p.hasScript = true;
    }
    const na = rr() < 0.6 ? 0 : rr() < 0.75 ? 1 : 2;
    if (na) {
      const seen = new Set([loose(p.reg.nom) + '|' + p.reg.prenoms.map(loose).join(' ')]);
      const alias = [];
      const choices = Object.entries(org.aliasTables).filter(([t]) => t !== p.regTable);
      const alt = compileAlt(choices.length ? choices : Object.entries(org.aliasTables));
      for (let k = 0; k < na * 2 && alias.length < na; k++) {
        const tb = TBL[pick(rr, alt)];
        const a = {
          nom_naissance: stripMarks(foldEtatCivil(renderName(p.fam, tb, rr))).toUpperCase(),
          prenoms: p.given.map((g) => foldEtatCivil(renderName(g, tb, rr))),
        };
        const sig = loose(a.nom_naissance) + '|' + a.prenoms.map(loose).join(' ');
        if (seen.has(sig)) continue;
        seen.add(sig);
        checkName(a.nom_naissance, 'alias nom'); a.prenoms.forEach((s) => checkName(s, 'alias prenom'));
        alias.push(a);
      }
      if (alias.length) rec.alias = alias;
      p.aliasCount = alias.length;
    }
    p.line = JSON.stringify(rec);
  }
}

// ---------------------------------------------------------------- queries

const CASES = {
  autre_table_prenom: 0.12, autre_table_nom: 0.11, autre_table_tout: 0.12, premier_prenom_seul: 0.07, premier_janvier: 0.07,
  annee_seule: 0.07, ecriture_origine: 0.07, particule: 0.06, abreviation: 0.05, noms_inverses: 0.05, absent_homonyme: 0.08,
  jumeau: 0.05, homonyme_meme_annee: 0.04, homonyme_jour: 0.02, homonyme_autre_annee: 0.02,
};
const NULL_CASES = new Set(['absent_homonyme', 'homonyme_meme_annee']);

function queryTable(p, qr, exclude = p.regTable) {
  const ch = Object.entries(p.org.queryTables).filter(([t]) => t !== exclude);
  return TBL[pick(qr, compileAlt(ch))];
}

// Another table's spelling of an entry that differs from the registered one.
function otherSpelling(entry, registered, p, qr, tb0) {
  for (let k = 0; k < 8; k++) {
    const tb = k === 0 && tb0 ? tb0 : queryTable(p, qr);
    const s = renderName(entry, tb, qr);
    if (loose(s) !== loose(registered)) return s;
  }
  return null;
}

function dateFor(p, style, qr) {
  const full = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  const yearR = { kind: 'year', y: p.y };
  if (style === 'year') return { s: String(p.y), r: yearR };
  if (style === 'jan1') return { s: `${p.y}-01-01`, r: yearR };
  if (p.prec === 'jan1') return { s: qr() < 0.8 ? `${p.y}-01-01` : String(p.y), r: yearR };
  if (p.prec === 'year') {
    const x = qr();
    if (x < 0.4) return { s: String(p.y), r: yearR };
    if (x < 0.7) return { s: `${p.y}-01-01`, r: yearR };
  }
  if (style === 'swap' && p.d <= 12 && p.d !== p.m) {
    return { s: `${p.y}-${pad(p.d)}-${pad(p.m)}`, r: { kind: 'exact', y: p.y, m: p.d, d: p.m } };
  }
  if (p.m === 1 && p.d === 1) return { s: full, r: yearR };
  return { s: full, r: { kind: 'exact', y: p.y, m: p.m, d: p.d } };
}

function styleOf(qr, weights) { return pick(qr, compileAlt(weights)); }

function optFields(identite, reading, p, qr, { country = true } = {}) {
  const x = qr();
  const withSex = x < 0.35 || (x >= 0.35 && x < 0.5);
  const withCountry = country && (x < 0.35 || (x >= 0.5 && x < 0.6));
  if (withCountry) { identite.code_pays_naissance = p.country; reading.country = p.country; }
  if (withSex) { identite.sexe = p.sex; reading.sex = p.sex; }
}

const nomCase = (s, qr) => (qr() < 0.75 ? s.toUpperCase() : s);
const regNom = (p, qr) => (qr() < 0.8 ? p.reg.nom : titleCase(p.reg.nom));

function reading(p, fam, givenEntries, dr, extra = {}) {
  return { fam, given: givenEntries, kind: dr.kind, y: dr.y, m: dr.m, d: dr.d, tol: 0, ...extra };
}

function maybeJoin(prenoms, qr) {
  return prenoms.length > 1 && qr() < 0.1 ? [prenoms.join(' ')] : prenoms;
}

function buildQuery(cas, p, qr) {
  const org = p.org;
  const allKeys = p.given.map((g) => g.key);
  let nom, prenoms, dt, readings, label = p.numero;
  const idt = () => ({ nom_naissance: nom, prenoms, date_naissance: dt.s });
  switch (cas) {
    case 'autre_table_prenom': {
      const tb = queryTable(p, qr);
      let changed = false;
      prenoms = p.given.map((g, i) => {
        const s = otherSpelling(g, p.reg.prenoms[i], p, qr, tb);
        if (s) { changed = true; return s; }
        return p.reg.prenoms[i];
      });
      if (!changed) return null;
      nom = regNom(p, qr);
      dt = dateFor(p, styleOf(qr, { exact: 70, year: 30 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'autre_table_nom': {
      const s = otherSpelling(p.fam, p.reg.nom, p, qr);
      if (!s) return null;
      nom = nomCase(s, qr);
      prenoms = p.reg.prenoms.slice();
      dt = dateFor(p, styleOf(qr, { exact: 60, year: 25, jan1: 15 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'autre_table_tout': {
      const tb = queryTable(p, qr);
      const s = otherSpelling(p.fam, p.reg.nom, p, qr, tb);
      if (!s) return null;
      nom = nomCase(s, qr);
      prenoms = p.given.map((g, i) => otherSpelling(g, p.reg.prenoms[i], p, qr, tb) || renderName(g, tb, qr));
      dt = dateFor(p, styleOf(qr, { exact: 65, year: 25, swap: 10 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'premier_prenom_seul': {
      if (p.given.length < 2) return null;
      prenoms = [qr() < 0.5 ? p.reg.prenoms[0] : renderName(p.given[0], queryTable(p, qr), qr)];
      nom = qr() < 0.6 ? regNom(p, qr) : nomCase(renderName(p.fam, queryTable(p, qr), qr), qr);
      dt = dateFor(p, styleOf(qr, { exact: 70, year: 30 }), qr);
      readings = [reading(p, p.fam.key, [p.given[0].key], dt.r)];
      break;
    }
    case 'premier_janvier': {
      if (p.prec !== 'jan1' && p.m === 1 && p.d === 1) return null;
      const x = qr();
      nom = x < 0.75 ? regNom(p, qr) : nomCase(renderName(p.fam, queryTable(p, qr), qr), qr);
      prenoms = x >= 0.5 && x < 0.75 ? p.given.map((g) => renderName(g, queryTable(p, qr), qr)) : p.reg.prenoms.slice();
      dt = dateFor(p, 'jan1', qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'annee_seule': {
      const x = qr();
      const tb = queryTable(p, qr);
      nom = x < 0.6 ? regNom(p, qr) : nomCase(renderName(p.fam, tb, qr), qr);
      prenoms = x < 0.3 || x >= 0.8 ? p.reg.prenoms.slice() : p.given.map((g) => renderName(g, tb, qr));
      dt = dateFor(p, 'year', qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'ecriture_origine': {
      if (!org.script) return null;
      nom = p.fam.o;
      prenoms = p.given.map((g) => g.o);
      dt = dateFor(p, styleOf(qr, { exact: 75, year: 25 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'particule': {
      const ents = [p.fam, ...p.given];
      const regs = [p.reg.nom, ...p.reg.prenoms];
      if (!ents.some((e) => e.hasArticle)) return null;
      let changed = false;
      const outs = ents.map((e, i) => {
        if (!e.hasArticle) return regs[i];
        for (let k = 0; k < 10; k++) {
          const tb = k < 5 ? TBL[p.regTable] : queryTable(p, qr);
          const s = renderName(e, tb, qr);
          if (loose(s) !== loose(regs[i])) { changed = true; return s; }
        }
        return regs[i];
      });
      if (!changed) return null;
      nom = outs[0] === regs[0] ? regNom(p, qr) : nomCase(outs[0], qr);
      prenoms = outs.slice(1);
      dt = dateFor(p, styleOf(qr, { exact: 70, year: 30 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'abreviation': {
      const ents = [p.fam, ...p.given];
      const which = ents.map((e, i) => (e.abbreviable ? i : -1)).filter((i) => i >= 0);
      if (!which.length) return null;
      const i = which[rint(qr, which.length)];
      const e = ents[i];
      let s;
      if (org.scheme === 'ethiopic') {
        // agents abbreviate practical spellings, not scholarly ones
        const tb = TBL[qr() < 0.5 ? p.regTable : (qr() < 0.5 ? 'et_er_practice' : 'et_en_practice')];
        const W = renderName(e, tb, qr, 1);
        s = fill(pick(qr, ETH_FORMS), { A: ETH_FIRST.get(e.parsed[0].raw), W, w: W.toLowerCase() });
      } else {
        s = pick(qr, BENG_ABBR.get(e.n));
      }
      const keys = ents.map((x) => x.key);
      keys[i] = e.abbr;
      nom = i === 0 ? nomCase(s, qr) : regNom(p, qr);
      prenoms = p.reg.prenoms.map((x, j) => (j + 1 === i ? s : x));
      dt = dateFor(p, styleOf(qr, { exact: 75, year: 25 }), qr);
      readings = [reading(p, keys[0], keys.slice(1), dt.r)];
      break;
    }
    case 'noms_inverses': {
      const tb = qr() < 0.6 ? null : queryTable(p, qr);
      const gs = tb ? p.given.map((g) => renderName(g, tb, qr)) : p.reg.prenoms;
      nom = gs.join(' ').toUpperCase();
      prenoms = [tb ? renderName(p.fam, tb, qr) : titleCase(p.reg.nom)];
      dt = dateFor(p, styleOf(qr, { exact: 70, year: 30 }), qr);
      readings = [
        reading(p, p.fam.key, allKeys, dt.r),
        reading(p, nameKey(p.given.map((g) => g.n).join('+'), org.scheme), [p.fam.key], dt.r),
      ];
      break;
    }
    case 'absent_homonyme': {
      label = null;
      if (qr() < 0.6) {
        // the same names, born 5 to 15 years apart: someone else
        let y;
        do { y = p.y + (qr() < 0.5 ? -1 : 1) * (5 + rint(qr, 11)); } while (y < MIN_YEAR || y > MAX_YEAR);
        const q = { ...p, y, ...drawDate(qr, y), prec: 'full' };
        const x = qr();
        nom = x < 0.6 ? regNom(p, qr) : nomCase(renderName(p.fam, queryTable(p, qr), qr), qr);
        prenoms = x < 0.6 ? p.reg.prenoms.slice() : p.given.map((g) => renderName(g, queryTable(p, qr), qr));
        dt = dateFor(q, styleOf(qr, { exact: 60, year: 25, jan1: 15 }), qr);
        readings = [reading(p, p.fam.key, allKeys, dt.r, { tol: 2 })];
      } else {
        // an unregistered brother or sister: the family name and a close date, another given name
        const z = p.sex === 'M' ? org.zGivenM : org.zGivenF;
        let g = null;
        for (let k = 0; k < 10 && !g; k++) { const c = pick(qr, z); if (!allKeys.includes(c.key)) g = c; }
        if (!g) return null;
        const shift = qr() < 0.4 ? 0 : (qr() < 0.5 ? -1 : 1) * (1 + rint(qr, 3));
        const y = Math.min(MAX_YEAR, Math.max(MIN_YEAR, p.y + shift));
        const q = shift === 0 ? p : { ...p, y, ...drawDate(qr, y), prec: 'full' };
        nom = regNom(p, qr);
        prenoms = [renderName(g, TBL[p.regTable], qr)];
        dt = dateFor(q, styleOf(qr, { exact: 75, year: 25 }), qr);
        readings = [reading(p, p.fam.key, [g.key], dt.r, { tol: 2 })];
      }
      break;
    }
    case 'jumeau': {
      if (!p.twin) return null;
      nom = regNom(p, qr);
      prenoms = qr() < 0.5 ? p.reg.prenoms.slice() : p.given.map((g, i) => otherSpelling(g, p.reg.prenoms[i], p, qr) || p.reg.prenoms[i]);
      dt = dateFor(p, styleOf(qr, { exact: 90, year: 10 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    case 'homonyme_meme_annee': {
      if (p.kind !== 'same_name_same_year') return null;
      label = null;
      const x = qr();
      nom = x < 0.5 ? regNom(p, qr) : nomCase(renderName(p.fam, queryTable(p, qr), qr), qr);
      prenoms = x < 0.5 ? p.reg.prenoms.slice() : p.given.map((g) => renderName(g, queryTable(p, qr), qr));
      dt = dateFor(p, styleOf(qr, { year: 70, jan1: 30 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      const q = { nom_naissance: nom, prenoms: maybeJoin(prenoms, qr), date_naissance: dt.s };
      if (qr() < 0.5) { q.sexe = p.sex; readings[0].sex = p.sex; }
      return { cas, identite: q, numero_ofpra: null, readings, target: p.numero, expect: 'many' };
    }
    case 'homonyme_jour':
    case 'homonyme_autre_annee': {
      if (p.kind !== (cas === 'homonyme_jour' ? 'same_name_same_year' : 'same_name_other_year')) return null;
      const x = qr();
      nom = x < 0.6 ? regNom(p, qr) : nomCase(renderName(p.fam, queryTable(p, qr), qr), qr);
      prenoms = x < 0.6 ? p.reg.prenoms.slice() : p.given.map((g) => renderName(g, queryTable(p, qr), qr));
      dt = dateFor(p, cas === 'homonyme_jour' ? styleOf(qr, { exact: 90, swap: 10 }) : styleOf(qr, { exact: 60, year: 40 }), qr);
      readings = [reading(p, p.fam.key, allKeys, dt.r)];
      break;
    }
    default: throw new Error(cas);
  }
  const q = idt();
  q.prenoms = cas === 'premier_prenom_seul' ? q.prenoms : maybeJoin(q.prenoms, qr);
  optFields(q, readings[0], p, qr);
  for (const r of readings.slice(1)) { r.sex = readings[0].sex; r.country = readings[0].country; }
  return { cas, identite: q, numero_ofpra: label, readings, target: p.numero, expect: label === null ? 'none' : 'only' };
}

// A bounded max-heap on priority: keeps the k smallest priorities seen (a uniform sample).
class Reservoir {
  constructor(k) { this.k = k; this.h = []; }
  accepts(u) { return this.h.length < this.k || u < this.h[0].u; }
  push(u, v) {
    const h = this.h;
    if (h.length < this.k) {
      h.push({ u, v });
      let i = h.length - 1;
      while (i > 0) { const j = (i - 1) >> 1; if (h[j].u >= h[i].u) break; [h[i], h[j]] = [h[j], h[i]]; i = j; }
    } else {
      h[0] = { u, v };
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && h[l].u > h[m].u) m = l;
        if (r < h.length && h[r].u > h[m].u) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]]; i = m;
      }
    }
  }
}

function eligible(cas, p) {
  switch (cas) {
    case 'premier_prenom_seul': return p.given.length >= 2;
    case 'ecriture_origine': return !!p.org.script;
    case 'particule': return p.fam.hasArticle || p.given.some((g) => g.hasArticle);
    case 'abreviation': return p.fam.abbreviable || p.given.some((g) => g.abbreviable);
    case 'jumeau': return !!p.twin;
    case 'homonyme_meme_annee': return p.kind === 'same_name_same_year' && p.pair && p.idx < p.pair.idx;
    case 'homonyme_jour': return p.kind === 'same_name_same_year';
    case 'homonyme_autre_annee': return p.kind === 'same_name_other_year';
    default: return true;
  }
}

// Could registered person X be the one a query reading designates?
function givenCompatible(xg, rg) {
  const used = [false, false, false];
  let all = true;
  for (const gk of rg) {
    let ok = false;
    for (let i = 0; i < xg.length; i++) {
      const g = xg[i];
      if (!used[i] && (g.key === gk || g.abbr === gk || g.partKeys.includes(gk))) { used[i] = true; ok = true; break; }
    }
    if (!ok) { all = false; break; }
  }
  if (all) return true;
  // a compound written as one given name or as several (Mohammad Reza / Mohammad, Reza)
  const rj = rg.join('');
  for (let i = 0; i < xg.length; i++) {
    let s = '';
    for (let j = i; j < xg.length; j++) {
      s += xg[j].key;
      if (s === rj) return true;
      if (s.length >= rj.length) break;
    }
  }
  return false;
}

function compatible(x, r) {
  if (!givenCompatible(x.given, r.given)) return false;
  if (r.sex && x.sex !== r.sex) return false;
  if (r.country && x.regCountry && x.regCountry !== r.country) return false;
  if (r.tol > 0 || r.kind === 'year') return Math.abs(x.y - r.y) <= r.tol;
  if (x.y !== r.y) return false;
  if (x.prec !== 'full' || (x.m === 1 && x.d === 1)) return true; // registered to the year, or the 1 January placeholder
  return (x.m === r.m && x.d === r.d) || (x.m === r.d && x.d === r.m);
}

// ---------------------------------------------------------------- main

function main() {
  const opt = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const N = opt.persons;
  const Q = opt.maxQueries ?? Math.ceil(N / 3);
  const reservoirs = Object.fromEntries(Object.entries(CASES).map(([c, w]) => [c, new Reservoir(Math.ceil(w * Q * 3) + 8)]));
  const qr = makeRng(opt.seed, 0x9e7);

  const fd = fs.openSync(opt.registry, 'w');
  let buf = '';
  const stats = { groups: {}, persons: 0, script: 0, alias: 0, prec: { full: 0, year: 0, jan1: 0 }, origins: {} };
  generate(N, opt.seed, (members, kind) => {
    renderRegistry(members, kind, opt.seed, opt.numbersFrom);
    stats.groups[kind] = (stats.groups[kind] || 0) + 1;
    for (const p of members) {
      buf += p.line + '\n';
      if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
      stats.persons++;
      stats.prec[p.prec]++;
      if (p.hasScript) stats.script++;
      if (p.aliasCount) stats.alias++;
      stats.origins[p.org.id] = (stats.origins[p.org.id] || 0) + 1;
      for (const cas of Object.keys(CASES)) {
        if (!eligible(cas, p)) continue;
        const u = qr();
        const res = reservoirs[cas];
        if (!res.accepts(u)) continue;
        const q = buildQuery(cas, p, qr);
        if (q) res.push(u, q);
      }
      p.line = null;
    }
  });
  if (buf) fs.writeSync(fd, buf);
  fs.closeSync(fd);
  const t1 = Date.now();

  // Second pass over the same person stream: who is compatible with each candidate?
  const cands = [];
  const index = new Map();
  for (const [cas, res] of Object.entries(reservoirs)) {
    for (const { u, v } of res.h) {
      v.u = u; v.hits = new Set(); v.cas = cas;
      cands.push(v);
      for (const r of v.readings) {
        if (!index.has(r.fam)) index.set(r.fam, []);
        index.get(r.fam).push([v, r]);
      }
    }
  }
  generate(N, opt.seed, (members) => {
    for (const x of members) {
      const numero = String(opt.numbersFrom + x.idx);
      for (const k of x.fam.abbr ? [x.fam.key, x.fam.abbr] : [x.fam.key]) {
        const list = index.get(k);
        if (!list) continue;
        for (const [v, r] of list) if ((v.hits.size < 8 || numero === v.target) && compatible(x, r)) v.hits.add(numero);
      }
    }
  });

  const valid = {};
  for (const v of cands) {
    let ok;
    if (v.expect === 'only') {
      if (!v.hits.has(v.target)) throw new Error(`internal: the query's own person is not compatible with it: ${JSON.stringify(v.identite)}`);
      ok = v.hits.size === 1;
    } else if (v.expect === 'none') ok = v.hits.size === 0;
    else ok = v.hits.size >= 2 && v.hits.has(v.target);
    if (ok) (valid[v.cas] ||= []).push(v);
  }
  for (const list of Object.values(valid)) list.sort((a, b) => a.u - b.u);
  const chosen = [];
  const rest = [];
  for (const [cas, w] of Object.entries(CASES)) {
    const list = valid[cas] || [];
    const k = Math.round(w * Q);
    chosen.push(...list.slice(0, k));
    rest.push(...list.slice(k));
  }
  rest.sort((a, b) => a.u - b.u);
  while (chosen.length < Q && rest.length) chosen.push(rest.shift());
  chosen.sort((a, b) => a.u - b.u);
  if (chosen.length > Q) chosen.length = Q;

  const byCase = {};
  let out = '';
  for (const v of chosen) {
    const id = v.identite;
    checkName(id.nom_naissance, 'query nom');
    id.prenoms.forEach((s) => checkName(s, 'query prenom'));
    out += JSON.stringify({ cas: v.cas, identite: id, numero_ofpra: v.numero_ofpra }) + '\n';
    byCase[v.cas] = (byCase[v.cas] || 0) + 1;
  }
  fs.writeFileSync(opt.queries, out);
  const t2 = Date.now();

  const e = process.stderr;
  e.write(`persons: ${stats.persons} (numbers ${opt.numbersFrom}-${opt.numbersFrom + N - 1}), seed ${opt.seed}\n`);
  e.write(`  groups: ${Object.entries(stats.groups).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  e.write(`  origins: ${Object.entries(stats.origins).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  e.write(`  dates: full ${stats.prec.full}, year only ${stats.prec.year}, 1 January placeholder ${stats.prec.jan1}; `
    + `original script ${stats.script}; with aliases ${stats.alias}\n`);
  e.write(`queries: ${chosen.length} (target ${Q}; ${cands.length} candidates, ${Object.values(valid).reduce((s, l) => s + l.length, 0)} identifiable)\n`);
  for (const cas of Object.keys(CASES)) e.write(`  ${cas.padEnd(22)} ${String(byCase[cas] || 0).padStart(6)}${NULL_CASES.has(cas) ? '  (numero_ofpra null)' : ''}\n`);
  e.write(`time: registry ${((t1 - t0) / 1000).toFixed(1)} s, check ${((t2 - t1) / 1000).toFixed(1)} s\n`);
}

main();
