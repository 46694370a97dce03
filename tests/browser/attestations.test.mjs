// Signed attestations as their users meet them (issue 29): the person downloads hers in French
// and in Arabic from her portal (the pages drawn, checked in pixels: ink where each language
// puts it, Arabic glyphs from an Arabic font); a verifier uploads it on the public page, with or
// without JavaScript, and reads "valid"; she withdraws it and every door says so; she sees each
// verification in her history. In Arabic on a 390 px phone and at 200 % zoom, nothing scrolls
// sideways. Every page has no axe-core violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';

let t;
let server;
let browser;
let account;
const downloads = {};

before(async () => {
  t = tempDir();
  const seeded = cli('seed', '--db', t.db('r.db'), '--persons', '60');
  assert.equal(seeded.status, 0, seeded.stderr);
  const a = seeded.stdout.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  account = { numero: a[1], password: a[2] };
  server = await startServer(t.db('r.db'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  t?.remove();
});

const submit = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

async function signIn(page) {
  await page.goto(`${server.url}/connexion`);
  await page.fill('#numero_ofpra', account.numero);
  await page.fill('#mot_de_passe', account.password);
  await submit(page, 'main button[type=submit]');
}

async function download(page, level, language) {
  await page.goto(`${server.url}/espace/attestations`);
  await page.click(`label[for="niveau-${level}"]`);
  await page.selectOption('#langue', language);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('form[action="/espace/attestations"] button[type=submit]')]);
  assert.match(file.suggestedFilename(), /^attestation-[2-9A-Z]{12}\.pdf$/);
  const path = t.file(`${language}.pdf`);
  await file.saveAs(path);
  return { path, id: file.suggestedFilename().slice(12, 24) };
}

// The page as grey pixels (pdftoppm, 50 dpi): width, height and a dark-pixel test.
function pixels(pdf) {
  const r = spawnSync('pdftoppm', ['-r', '50', '-gray', '-singlefile', pdf], { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0);
  const data = r.stdout;  // PGM: P5\nW H\n255\n then bytes
  const header = data.toString('latin1', 0, 30).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const start = header[0].length;
  return { width, height, dark: (x, y) => data[start + y * width + x] < 128 };
}

// Dark pixels in a band of columns, over the top rows of the page (the texts above the table).
function inkIn(page, fromX, toX, rows) {
  let n = 0;
  for (let y = 0; y < rows; y++) for (let x = fromX; x < toX; x++) if (page.dark(x, y)) n++;
  return n;
}

// The 2D-Doc's corner (top right, at 50 dpi), left out of the line counts.
const symbolLeft = Math.round(((595.28 - 48 - 120 - 8) * 50) / 72);
const symbolBottom = Math.round(((48 + 120 + 12) * 50) / 72);

// Lines of text that start away from the left margin (33 px at 50 dpi): right-to-left lines,
// aligned on the right. A line is a run of rows with ink.
function linesAwayFromTheLeft(page) {
  let count = 0;
  let leftmost = Infinity;
  for (let y = 0; y < page.height; y++) {
    let rowLeft = Infinity;
    for (let x = 0; x < (y < symbolBottom ? symbolLeft : page.width); x++)
      if (page.dark(x, y)) { rowLeft = x; break; }
    if (rowLeft < Infinity) leftmost = Math.min(leftmost, rowLeft);
    else if (leftmost < Infinity) { if (leftmost > 73) count++; leftmost = Infinity; }
  }
  return count;
}

async function verifyOnPage(context, pdf) {
  const page = await context.newPage();
  await page.goto(`${server.url}/verifier-attestation`);
  await page.setInputFiles('#fichier', pdf);
  await page.fill('#organisme', 'Bailleur social de Lyon');
  await submit(page, 'form#verifier button[type=submit]');
  return page;
}

test('she downloads her attestation in French and Arabic; a verifier checks it; she withdraws it', { timeout: 180000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${server.url}/espace/attestations`);
  assert.ok(await page.locator('nav a[href="/espace/attestations"][aria-current="page"]').isVisible());
  assert.match(await page.locator('main').textContent(), /pas encore d'attestation/);
  await expectNoViolations(page, 'portal: attestations');
  // Nothing chosen: the form says what is missing, and nothing is issued.
  await submit(page, 'form[action="/espace/attestations"] button[type=submit]');
  assert.ok(await page.locator('#niveau-messages .fr-message--error').isVisible());
  await expectNoViolations(page, 'portal: attestation refused');

  downloads.fr = await download(page, 'protection', 'fr');
  downloads.ar = await download(page, 'protection', 'ar');
  await page.goto(`${server.url}/espace/attestations`);
  assert.equal(await page.locator('.fr-card').count(), 2);
  assert.match(await page.locator('main').textContent(), new RegExp(downloads.ar.id));

  // The pages drawn: both A4, ink on each; the Arabic page has the French texts where the French
  // one has them, and its own to the right, where Arabic lines start.
  const fr = pixels(downloads.fr.path);
  const ar = pixels(downloads.ar.path);
  assert.deepEqual([fr.width, fr.height], [414, 585]);
  assert.deepEqual([ar.width, ar.height], [fr.width, fr.height]);
  const rows = Math.round(fr.height * 0.45);
  const left = [33, 120];
  assert.ok(inkIn(fr, ...left, rows) > 500, 'the French texts are drawn');
  assert.ok(inkIn(ar, ...left, rows) > 500, 'the French texts are drawn on the Arabic page too');
  assert.ok(inkIn(ar, 0, ar.width, ar.height) > 1.15 * inkIn(fr, 0, fr.width, fr.height), 'the Arabic texts are drawn');
  assert.equal(linesAwayFromTheLeft(fr), 0, 'every French line starts at the left margin');
  assert.ok(linesAwayFromTheLeft(ar) >= 8, 'the Arabic lines start on the right');
  // No tofu: the Arabic comes from an Arabic font, and reads back as the catalog's words.
  const fonts = spawnSync('pdffonts', [downloads.ar.path], { encoding: 'utf8' }).stdout;
  assert.match(fonts, /NotoNaskhArabic/);
  const title = JSON.parse(readFileSync(new URL('../../src/web/i18n/ar.json', import.meta.url))).texts.attestation_pdf_title_protection;
  assert.ok(spawnSync('pdftotext', [downloads.ar.path, '-'], { encoding: 'utf8' }).stdout.includes(title));

  // A verifier uploads it: valid, with what it states and her names.
  let verified = await verifyOnPage(context, downloads.ar.path);
  assert.match(await verified.locator('#verdict').textContent(), /Attestation valide/);
  assert.match(await verified.locator('#enonce').textContent(), /Attestation de protection internationale.*(Réfugié|Protection subsidiaire|Apatride)/s);
  await expectNoViolations(verified, 'verification: valid');
  await verified.close();

  // She withdraws the Arabic one: the page, the API and the command line say so.
  await page.goto(`${server.url}/espace/attestations`);
  await submit(page, `form[action="/espace/attestations/retirer"]:has(input[value="${downloads.ar.id}"]) button`);
  assert.match(await page.locator('[role=status]').textContent(), new RegExp(downloads.ar.id));
  verified = await verifyOnPage(context, downloads.ar.path);
  assert.match(await verified.locator('#verdict').textContent(), /Attestation retirée/);
  assert.match(await verified.locator('#verdict').textContent(), /retirée par la personne/);
  await expectNoViolations(verified, 'verification: withdrawn');
  await verified.close();
  const api = await fetch(`${server.url}/api/v1/attestations/verification`, {
    method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: readFileSync(downloads.ar.path),
  });
  assert.equal((await api.json()).data.statut, 'revoquee');
  assert.equal(cli('attestation', 'verify', downloads.ar.path, '--db', t.db('r.db')).status, 1);
  assert.equal(cli('attestation', 'verify', downloads.fr.path, '--db', t.db('r.db')).status, 0);

  // Her history shows who verified, as they declared themselves.
  await page.goto(`${server.url}/espace/historique`);
  assert.match(await page.locator('main').textContent(), /Vérification en ligne d'une de vos attestations/);
  assert.match(await page.locator('main').textContent(), /Bailleur social de Lyon/);
  await context.close();
});

test('the verification page works without JavaScript, and with the text of the code', { timeout: 120000 }, async () => {
  const withScripts = await browser.newContext({ locale: 'fr-FR' });
  const form = await withScripts.newPage();
  await form.goto(`${server.url}/verifier-attestation`);
  await expectNoViolations(form, 'verification: form');
  await form.fill('#code_2ddoc', 'DC04FR00 not a code');
  await submit(form, 'form#verifier button[type=submit]');
  assert.ok(await form.locator('#code_2ddoc-error').isVisible());
  await expectNoViolations(form, 'verification: refused');
  await withScripts.close();

  // axe needs scripts; without them, the same form as a keyboard user without JavaScript has it.
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/verifier-attestation`);
  await submit(page, 'form#verifier button[type=submit]');
  assert.ok(await page.locator('#fichier-error').isVisible());
  await page.fill('#code_2ddoc', 'DC04FR00 not a code');
  await submit(page, 'form#verifier button[type=submit]');
  assert.ok(await page.locator('#code_2ddoc-error').isVisible());
  const verified = await verifyOnPage(context, downloads.fr.path);
  assert.match(await verified.locator('#verdict').textContent(), /Attestation valide/);
  await context.close();
});

// The page's DataMatrix as a camera would see it: a 640×480 grey video (Y4M) centred on the
// symbol, which sits above its caption ("2D-Doc FR00 …") on the page.
function cameraOn(pdf) {
  const bbox = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).stdout;
  // The caption's first word starts at the symbol's left edge, 2 pt below it; the symbol is 120 pt.
  const caption = bbox.match(/xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>2D-Doc<\/word>\s*<word[^>]*>FR00</);
  const dpi = 150;
  const px = (pt) => Math.round((pt * dpi) / 72);
  const centre = { x: px(Number(caption[1]) + 60), y: px(Number(caption[2]) - 2 - 60) };
  // The symbol and a margin of paper around it, in the middle of a white frame.
  const [w, h, around] = [640, 480, 300];
  const r = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', '-x', String(centre.x - around / 2), '-y',
    String(centre.y - around / 2), '-W', String(around), '-H', String(around), pdf], { maxBuffer: 16 * 1024 * 1024 });
  const header = r.stdout.toString('latin1', 0, 30).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  const [cw, ch] = [Number(header[1]), Number(header[2])];
  const grey = r.stdout.subarray(header[0].length);
  const luma = Buffer.alloc(w * h, 255);
  for (let y = 0; y < ch; y++)
    grey.copy(luma, (y + (h - ch) / 2) * w + (w - cw) / 2, y * cw, (y + 1) * cw);
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frames = [Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < 10; i++) frames.push(Buffer.from('FRAME\n'), luma, chroma);
  const video = t.file('camera.y4m');
  writeFileSync(video, Buffer.concat(frames));
  return video;
}

test('a verifier scans the code with the camera', { timeout: 120000 }, async () => {
  const camera = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraOn(downloads.fr.path)}`]);
  try {
    const context = await camera.newContext({ locale: 'fr-FR', permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto(`${server.url}/verifier-attestation`);
    assert.match((await (await fetch(`${server.url}/verifier-attestation`)).headers.get('permissions-policy')), /camera=\(self\)/);
    await page.locator('#scanner').waitFor({ state: 'visible' });
    await Promise.all([page.waitForNavigation({ timeout: 30000 }), page.click('#scanner')]);
    assert.match(await page.locator('#verdict').textContent(), /Attestation valide/);
    await context.close();
  } finally {
    await camera.close();
  }
});

test('in Arabic on a phone and at 200 % zoom, nothing scrolls sideways', { timeout: 120000 }, async () => {
  const shots = t.file('screenshots');
  mkdirSync(shots, { recursive: true });
  for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['zoom200', { width: 640, height: 400 }]]) {
    const context = await browser.newContext({ locale: 'ar', viewport });
    const page = await context.newPage();
    await page.goto(`${server.url}/langue?choix=ar&retour=/connexion`);
    await signIn(page);
    for (const path of ['/espace/attestations', '/verifier-attestation']) {
      await page.goto(`${server.url}${path}`);
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `${path} scrolls sideways at ${viewport.width} px (${width} px)`);
      await page.screenshot({ path: join(shots, `${name}${path.replaceAll('/', '-')}.png`), fullPage: true });
      await expectNoViolations(page, `${path} in Arabic, ${name}`);
    }
    // A refused form, its messages in place, still fits.
    await submit(page, 'form#verifier button[type=submit]');
    assert.ok(await page.locator('#fichier-error').isVisible());
    const refusedWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(refusedWidth <= viewport.width, `the refused form scrolls sideways at ${viewport.width} px (${refusedWidth} px)`);
    await context.close();
  }
});
