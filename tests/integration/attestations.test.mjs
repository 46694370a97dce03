// Signed attestations from outside, against the real binary and server: an attestation issued
// by the command line is rasterised (pdftoppm), its DataMatrix read by an independent decoder
// (dmtxread), its 2D-Doc parsed here from the specification and its ECDSA signature checked with
// node's crypto against the certificates the server publishes (and the revocation list with
// openssl): none of our C++ in that chain. Then every verdict on the API, the page and the
// command line: valid, a byte changed, another key, expired, withdrawn by OFPRA; a rotated
// certificate, and a revoked one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSign, generateKeyPairSync, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli, importPersons, startServer, tempDir } from '../support/ofpra.mjs';
import { openapiValidator } from '../support/openapi.mjs';

const persons = [
  { numero_ofpra: '100000011', nom_naissance: 'AHMADI', prenoms: ['Mohammad', 'Reza'], sexe: 'M', date_naissance: '1990',
    lieu_naissance: 'Herat', code_pays_naissance: '99212',
    ecriture_origine: { script: 'Arab', nom: 'احمدی', prenoms: ['محمد', 'رضا'] },
    protections: [{ type: 'refugie', autorite: 'OFPRA', debut: '2023-04-12', fin: null, motif_fin: null }] },
  { numero_ofpra: '100000012', nom_naissance: 'TESFAYE', prenoms: ['Selam'], sexe: 'F', date_naissance: '1988-02-11',
    lieu_naissance: 'Asmara', code_pays_naissance: '99317',
    protections: [{ type: 'protection_subsidiaire', autorite: 'CNDA', debut: '2021-06-01', fin: null, motif_fin: null }],
    dossier_etat_civil: { etape: 'actes_etablis', ffr_recue_le: '2021-09-01', actes_etablis_le: '2022-03-15' },
    famille: [{ lien: 'enfant', nom_naissance: 'TESFAYE', prenoms: ['Yonas'], sexe: 'M', date_naissance: '2015-03-02' }] },
];

let t;
let db;
let server;
let check;

before(async () => {
  t = tempDir();
  db = t.db('r.db');
  importPersons(t, db, persons);
  server = await startServer(db);
  check = await openapiValidator(server.url);
});

after(async () => {
  await server?.stop();
  t?.remove();
});

function issue(numero, niveau, langue, name) {
  const out = t.file(name);
  const r = cli('attestation', 'issue', '--db', db, '--numero-ofpra', numero, '--niveau', niveau, '--langue', langue,
    '--out', out);
  assert.equal(r.status, 0, r.stderr);
  return { ...JSON.parse(r.stdout), file: out };
}

function run(command, args) {
  const r = spawnSync(command, args, { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${command}: ${r.stderr}`);
  return r.stdout;
}

// The DataMatrix of the page, by pdftoppm and dmtxread: the 2D-Doc's bytes.
function twoDDocOf(pdf) {
  const png = `${pdf}.page`;
  run('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', '1', '-l', '1', pdf, png]);
  return run('dmtxread', ['-N', '1', `${png}.png`]).toString('latin1');
}

// The specification's perimeter-01 fields we meet: [fixed?, length or maximum (0: none)].
const fields = { '01': [false, 0], '08': [true, 4], 60: [false, 60], 62: [false, 38], 63: [false, 38], 68: [true, 1],
  69: [true, 8], '6A': [false, 32], '6L': [true, 8], '6M': [false, 40], '6N': [true, 8] };
const days = (hex) => new Date(Date.UTC(2000, 0, 1) + parseInt(hex, 16) * 86400000).toISOString().slice(0, 10);

function parse2DDoc(text) {
  const us = text.indexOf('\x1f');
  assert.ok(us > 26, 'a US before the signature');
  const signed = text.slice(0, us);
  const header = {
    marker: signed.slice(0, 2), version: signed.slice(2, 4), authority: signed.slice(4, 8), certificate: signed.slice(8, 12),
    issued: days(signed.slice(12, 16)), signedOn: days(signed.slice(16, 20)), type: signed.slice(20, 22),
    perimeter: signed.slice(22, 24), country: signed.slice(24, 26),
  };
  const data = {};
  for (let at = 26; at < signed.length;) {
    const id = signed.slice(at, at + 2);
    assert.ok(fields[id], `field ${id} is one of the specification's`);
    const [fixed, size] = fields[id];
    at += 2;
    if (fixed) { data[id] = signed.slice(at, at + size); at += size; continue; }
    let end = at;
    while (end < signed.length && signed[end] !== '\x1d' && signed[end] !== '\x1e' && (size === 0 || end - at < size)) end++;
    data[id] = signed.slice(at, end);
    at = end + (signed[end] === '\x1d' || signed[end] === '\x1e' ? 1 : 0);
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.slice(us + 1).replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const signature = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  return { header, data, signed, signature };
}

async function publishedCertificates() {
  const r = await fetch(`${server.url}/api/v1/attestations/certificats`);
  assert.equal(r.status, 200);
  const pem = await r.text();
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g).map((p) => new X509Certificate(p));
}

const commonName = (dn) => dn.split('\n').find((l) => l.startsWith('CN='))?.slice(3);

// Verified as any 2D-Doc reader would: the certificate named by the header, issued by the
// authority named by the header, and the ECDSA P-256 / SHA-256 signature over the signed bytes.
function independentlyValid(doc, certificates) {
  const authority = certificates.find((c) => c.ca && commonName(c.subject) === doc.header.authority);
  const leaf = certificates.find((c) => !c.ca && commonName(c.subject) === doc.header.certificate);
  if (!authority || !leaf || !leaf.verify(authority.publicKey) || !leaf.checkIssued(authority)) return false;
  return cryptoVerify('sha256', Buffer.from(doc.signed, 'latin1'), { key: leaf.publicKey, dsaEncoding: 'ieee-p1363' },
    doc.signature);
}

async function apiVerify(body, type) {
  const r = await fetch(`${server.url}/api/v1/attestations/verification`, {
    method: 'POST', headers: { 'Content-Type': type }, body,
  });
  return { status: r.status, body: await r.json() };
}

const apiStatus = async (text) => (await apiVerify(JSON.stringify({ code_2ddoc: text }), 'application/json')).body.data.statut;

// The public page: its form (a CSRF token and its cookie), then the file or the text.
async function pageVerify({ file, text }) {
  const page = await fetch(`${server.url}/verifier-attestation`);
  const csrf = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const form = new FormData();
  form.set('csrf', csrf);
  if (file) form.set('fichier', new Blob([readFileSync(file)], { type: 'application/pdf' }), 'attestation.pdf');
  if (text) form.set('code_2ddoc', text);
  form.set('organisme', 'Bailleur social');
  const r = await fetch(`${server.url}/verifier-attestation`, { method: 'POST', headers: { cookie }, body: form });
  return { status: r.status, html: await r.text() };
}

function cliVerify(fileOrText) {
  let file = fileOrText;
  if (!fileOrText.endsWith('.pdf')) {
    file = t.file(`code-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(file, fileOrText, 'latin1');
  }
  return cli('attestation', 'verify', file, '--db', db);
}

test('an independent 2D-Doc reader accepts the attestation, tied to her names', async () => {
  const issued = issue('100000011', 'protection', 'ar', 'ar.pdf');
  const doc = parse2DDoc(twoDDocOf(issued.file));
  assert.deepEqual([doc.header.marker, doc.header.version, doc.header.perimeter, doc.header.country], ['DC', '04', '01', 'FR']);
  assert.equal(doc.header.authority, 'FR00');  // the specification's test authority
  assert.equal(doc.header.certificate, issued.certificat);
  assert.equal(doc.header.type, 'ZZ');
  assert.equal(doc.header.issued, new Date().toISOString().slice(0, 10));
  assert.equal(doc.data['01'], issued.id);
  assert.equal(days(doc.data['08']), issued.valable_jusqu_au);
  assert.equal(doc.data[62], 'AHMADI');
  assert.equal(doc.data[60], 'MOHAMMAD/REZA');
  assert.equal(doc.data[69], '00001990');  // born in 1990, day and month unknown
  assert.equal(doc.data['6M'], 'REFUGIE');
  assert.equal(doc.data['6N'], '12042023');
  const certificates = await publishedCertificates();
  assert.ok(independentlyValid(doc, certificates));

  // A byte changed, or a signature by another P-256 key, is not ours.
  const changed = { ...doc, signed: doc.signed.replace('AHMADI', 'AHMADY') };
  assert.equal(independentlyValid(changed, certificates), false);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const forged = createSign('sha256').update(Buffer.from(doc.signed, 'latin1')).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
  assert.equal(independentlyValid({ ...doc, signature: forged }, certificates), false);

  // The revocation list is the authority's, checked by openssl.
  const crl = await (await fetch(`${server.url}/api/v1/attestations/crl`)).text();
  writeFileSync(t.file('crl.pem'), crl);
  writeFileSync(t.file('ca.pem'), certificates.find((c) => c.ca).toString());
  const checked = spawnSync('openssl', ['crl', '-in', t.file('crl.pem'), '-CAfile', t.file('ca.pem'), '-noout'], { encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stderr);
  assert.match(checked.stderr + checked.stdout, /verify OK/);

  // Its text says what it proves, in French and in Arabic, as extractable text.
  const text = run('pdftotext', [issued.file, '-']).toString('utf8');
  assert.match(text, /Attestation de protection internationale/);
  assert.match(text, /شهادة الحماية الدولية/);
  assert.match(text, new RegExp(issued.id));
  assert.match(text, /verifier-attestation/);
  const fonts = run('pdffonts', [issued.file]).toString('utf8');
  assert.match(fonts, /NotoNaskhArabic/);
  assert.doesNotMatch(fonts, /DejaVu/);
});

test('the API, the page and the command line give each verdict', async () => {
  const issued = issue('100000012', 'identite', 'ti', 'ti.pdf');
  const text = twoDDocOf(issued.file);
  assert.match(run('pdffonts', [issued.file]).toString('utf8'), /NotoSansEthiopic/);  // Tigrinya
  const valid = await apiVerify(readFileSync(issued.file), 'application/pdf');
  assert.equal(valid.status, 200);
  assert.equal(valid.body.data.statut, 'valide');
  assert.equal(valid.body.data.attestation.niveau, 'identite');
  assert.equal(valid.body.data.personne.nom_naissance, 'TESFAYE');
  assert.equal(valid.body.data.personne.date_naissance, '1988-02-11');
  assert.equal(valid.body.data.personne.sexe, 'F');
  assert.equal(valid.body.data.enonce.situation, 'ETAT CIVIL ETABLI');
  assert.equal(valid.body.data.personne.numero_ofpra, '100000012');
  // Her family is signed too: a child added on the paper would not be in the code.
  assert.deepEqual(valid.body.data.famille, [{ lien: 'enfant', noms: 'TESFAYE YONAS', date_naissance: '2015-03-02' }]);
  assert.match(valid.body.meta.reference, /^\d+$/);
  assert.deepEqual(check('AttestationVerification', valid.body), []);
  assert.equal(await apiStatus(text), 'valide');
  assert.equal(cliVerify(issued.file).status, 0);
  let page = await pageVerify({ file: issued.file });
  assert.equal(page.status, 200);
  assert.match(page.html, /Attestation valide/);
  assert.match(page.html, /TESFAYE/);

  // A byte changed in the message: invalid everywhere, and nothing it states is repeated.
  const changed = text.replace('TESFAYE', 'TESFAYA');
  const refused = await apiVerify(JSON.stringify({ code_2ddoc: changed }), 'application/json');
  assert.equal(refused.body.data.statut, 'invalide');
  assert.equal(refused.body.data.personne, undefined);
  assert.deepEqual(check('AttestationVerification', refused.body), []);
  assert.equal(cliVerify(changed).status, 1);
  page = await pageVerify({ text: changed });
  assert.match(page.html, /Attestation invalide/);
  assert.doesNotMatch(page.html, /TESFAYA/);

  // A signature by another key.
  const us = text.indexOf('\x1f');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signature = createSign('sha256').update(Buffer.from(text.slice(0, us), 'latin1')).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
  let bits = '';
  for (const byte of signature) bits += byte.toString(2).padStart(8, '0');
  const base32 = (bits + '0000').match(/.{5}/g).map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(b, 2)]).join('');
  const otherKey = text.slice(0, us + 1) + base32;
  assert.equal(await apiStatus(otherKey), 'invalide');
  assert.equal(cliVerify(otherKey).status, 1);

  // Expired: its last day passed.
  t.sql('r.db', `UPDATE attestations SET valid_until = '2026-01-01' WHERE id = '${issued.id}'`);
  assert.equal(await apiStatus(text), 'expiree');
  assert.equal(cliVerify(issued.file).status, 1);
  assert.match((await pageVerify({ file: issued.file })).html, /Attestation expirée/);
  t.sql('r.db', `UPDATE attestations SET valid_until = '${issued.valable_jusqu_au}' WHERE id = '${issued.id}'`);

  // Revoked by OFPRA: every door says so at once.
  const revoked = cli('attestation', 'revoke', '--db', db, '--id', issued.id);
  assert.equal(revoked.status, 0, revoked.stderr);
  const after = await apiVerify(JSON.stringify({ code_2ddoc: text }), 'application/json');
  assert.equal(after.body.data.statut, 'revoquee');
  assert.equal(after.body.data.attestation.motif_revocation, 'ofpra');
  assert.equal(cliVerify(issued.file).status, 1);
  assert.match((await pageVerify({ file: issued.file })).html, /Attestation retirée/);
  assert.equal(cli('attestation', 'revoke', '--db', db, '--id', issued.id).status, 1);  // once
});

test('what is not an attestation is refused with a reason, and changes nothing', async () => {
  const garbage = await apiVerify('hello', 'text/plain');
  assert.equal(garbage.status, 400);
  assert.equal(garbage.body.errors[0].source.parameter, 'document');
  assert.deepEqual(check('ErrorEnvelope', garbage.body), []);
  const blank = await apiVerify(Buffer.from('%PDF-1.4 nothing'), 'application/pdf');
  assert.equal(blank.status, 400);
  const json = await apiVerify('{"autre":1}', 'application/json');
  assert.equal(json.status, 400);
  assert.equal(json.body.errors[0].source.parameter, 'code_2ddoc');
  const page = await pageVerify({ text: 'DC04 nothing' });
  assert.equal(page.status, 422);
  assert.match(page.html, /fr-error-text/);
  assert.equal(cli('attestation', 'verify', t.file('absent.pdf'), '--db', db).status, 3);
  assert.equal(cli('attestation', 'issue', '--db', db, '--numero-ofpra', '100000011', '--niveau', 'autre', '--out',
    t.file('x.pdf')).status, 2);
  // Not protected today: nothing to attest of a protection that ended.
  assert.equal(cli('attestation', 'issue', '--db', db, '--numero-ofpra', '999999999', '--niveau', 'protection', '--out',
    t.file('x.pdf')).status, 1);
});

test('one address verifies a few attestations a minute, not a flood', async () => {
  const limited = await startServer(db, ['--attestation-checks-per-minute', '2']);
  try {
    const ask = () => fetch(`${limited.url}/api/v1/attestations/verification`, {
      method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'DC04 nothing' });
    // On PostgreSQL the count is shared by the nodes (and this minute's earlier checks count):
    // the third request at the latest is refused, and nothing before it is.
    let refused;
    for (let i = 0; i < 3 && !refused; i++) {
      const r = await ask();
      if (r.status === 429) refused = r;
      else assert.equal(r.status, 400);
    }
    assert.ok(refused, 'the third verification in a minute is refused');
    assert.equal((await refused.json()).errors[0].code, '42900');
  } finally {
    await limited.stop();
  }
});

test('a rotated certificate keeps verifying what it signed; a revoked one does not', async () => {
  const before = issue('100000011', 'protection', 'fr', 'before.pdf');
  const rotated = cli('attestation', 'rotate', '--db', db);
  assert.equal(rotated.status, 0, rotated.stderr);
  const next = JSON.parse(rotated.stdout).certificat;
  assert.notEqual(next, before.certificat);
  await server.stop();
  server = await startServer(db);
  const after = issue('100000011', 'protection', 'fr', 'after.pdf');
  assert.equal(after.certificat, next);
  const certificates = await publishedCertificates();
  assert.ok(independentlyValid(parse2DDoc(twoDDocOf(before.file)), certificates));
  assert.ok(independentlyValid(parse2DDoc(twoDDocOf(after.file)), certificates));
  assert.equal((await apiVerify(readFileSync(before.file), 'application/pdf')).body.data.statut, 'valide');
  assert.equal((await apiVerify(readFileSync(after.file), 'application/pdf')).body.data.statut, 'valide');

  // Offline, against the published certificates and revocation list only.
  writeFileSync(t.file('chain.pem'), await (await fetch(`${server.url}/api/v1/attestations/certificats`)).text());
  writeFileSync(t.file('crl.pem'), await (await fetch(`${server.url}/api/v1/attestations/crl`)).text());
  const offline = cli('attestation', 'verify', before.file, '--certificats', t.file('chain.pem'), '--crl', t.file('crl.pem'));
  assert.equal(offline.status, 0, offline.stderr);
  assert.equal(JSON.parse(offline.stdout).data.revocation_verifiee, false);

  // The current key compromised: replaced and revoked; what it signed no longer holds.
  assert.equal(cli('attestation', 'rotate', '--db', db, '--revoke-previous').status, 0);
  await server.stop();
  server = await startServer(db);
  assert.equal((await apiVerify(readFileSync(after.file), 'application/pdf')).body.data.statut, 'revoquee');
  assert.equal((await apiVerify(readFileSync(before.file), 'application/pdf')).body.data.statut, 'valide');
  writeFileSync(t.file('crl2.pem'), await (await fetch(`${server.url}/api/v1/attestations/crl`)).text());
  writeFileSync(t.file('chain2.pem'), await (await fetch(`${server.url}/api/v1/attestations/certificats`)).text());
  assert.equal(cli('attestation', 'verify', after.file, '--certificats', t.file('chain2.pem'), '--crl', t.file('crl2.pem')).status, 1);
});
