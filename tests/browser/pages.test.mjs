// The public pages in a real Chromium: zero axe-core violations, lang and dir, keyboard use,
// and everything still works without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';

const pages = ['/', '/accessibilite', '/page-qui-n-existe-pas'];
let t;
let server;
let browser;

before(async () => {
  t = tempDir();
  assert.equal(cli('seed', '--db', t.db('r.db'), '--persons', '50').status, 0);
  server = await startServer(t.db('r.db'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  t?.remove();
});

for (const path of pages) {
  test(`${path} has zero axe-core violations`, { timeout: 60000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    try {
      await page.goto(server.url + path);
      await expectNoViolations(page, path);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
      assert.ok((await page.title()).endsWith('Ofpra Connect'));
    } finally { await context.close(); }
  });
}

test('the DSFR script runs without an error on the pages', { timeout: 60000 }, async () => {
  const page = await browser.newPage({ locale: 'fr-FR' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    for (const path of ['/', '/connexion', '/verifier-code', '/guichet']) {
      await page.goto(server.url + path);
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(errors, []);
    // Its phone menu stays shut: the links below the header serve on phones.
    assert.equal(await page.locator('.fr-header__menu').isVisible(), false);
  } finally { await page.close(); }
});

test('the DSFR is applied from our own server', { timeout: 60000 }, async () => {
  const page = await browser.newPage({ locale: 'fr-FR' });
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
  try {
    await page.goto(server.url + '/', { waitUntil: 'networkidle' });
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(font, /Marianne/);
    const headerBg = await page.evaluate(() => getComputedStyle(document.querySelector('.fr-header')).display);
    assert.notEqual(headerBg, 'inline');
    assert.deepEqual(external, []);
  } finally { await page.close(); }
});

test('keyboard: the first Tab reaches the skip link, which leads to the content', { timeout: 60000 }, async () => {
  const page = await browser.newPage({ locale: 'fr-FR' });
  try {
    await page.goto(server.url + '/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Contenu');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#contenu');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'contenu');
    // Every link can be reached with Tab.
    const links = await page.evaluate(() => document.querySelectorAll('a[href]').length);
    const seen = new Set();
    for (let i = 0; i < links + 5; i++) {
      await page.keyboard.press('Tab');
      seen.add(await page.evaluate(() => document.activeElement.getAttribute('href')));
    }
    assert.ok(seen.has('/api/v1/documentation'));
    assert.ok(seen.has('/accessibilite'));
  } finally { await page.close(); }
});

test('pages work without JavaScript', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(server.url + '/');
    assert.equal(await page.locator('h1').textContent(), 'Ofpra Connect');
    await page.click('main a[href="/accessibilite"]');
    assert.equal(new URL(page.url()).pathname, '/accessibilite');
    assert.match(await page.locator('h1').textContent(), /Déclaration d'accessibilité/);
    if (process.env.OFPRA_SCREENSHOTS) await page.screenshot({ path: `${process.env.OFPRA_SCREENSHOTS}/accessibilite.png`, fullPage: true });
  } finally { await context.close(); }
});

// Issue 25, item 4: below 992 px (a phone, or a desktop at 200 % zoom) the DSFR hides the
// header's links; without JavaScript its menu cannot open. They must stay within reach.
test('"Mon espace" and the share-code check stay reachable on a phone and at 200 % zoom, without JavaScript', { timeout: 60000 }, async () => {
  const visibleLinks = async (page, href) => {
    const boxes = [];
    for (const link of await page.locator(`a[href="${href}"]:visible`).all()) boxes.push(await link.boundingBox());
    return boxes.filter((b) => b && b.width > 0 && b.height > 0);
  };
  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 }, locale: 'fr-FR' }],
    ['200 % zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, locale: 'fr-FR' }],
    ['phone in Arabic', { viewport: { width: 390, height: 844 }, locale: 'ar' }],
    ['desktop', { viewport: { width: 1280, height: 900 }, locale: 'fr-FR' }],
  ]) {
    const context = await browser.newContext({ ...options, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(server.url + '/accessibilite');  // no other link to them in its text
      for (const href of ['/espace', '/verifier-code']) {
        const boxes = await visibleLinks(page, href);
        assert.equal(boxes.length, 1, `${label}: ${href} shown ${boxes.length} times`);
        const [box] = boxes;
        assert.ok(box.x >= 0 && box.x + box.width <= options.viewport.width + 1, `${label}: ${href} outside the screen`);
      }
    } finally { await context.close(); }
  }
});

// Issue 25, items 1 and 11: the footer carries the public-service links, and in a right-to-left
// language they do not run together.
test('the footer links to the public-service sites, spaced apart in both directions', { timeout: 60000 }, async () => {
  for (const locale of ['fr-FR', 'ar', 'fa-AF']) {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(server.url + '/accessibilite');
      const links = page.locator('.fr-footer__content-link');
      const hosts = await links.evaluateAll((as) => as.map((a) => new URL(a.href).hostname));
      for (const site of ['www.legifrance.gouv.fr', 'www.info.gouv.fr', 'www.service-public.fr', 'www.data.gouv.fr'])
        assert.ok(hosts.includes(site), `${locale}: no link to ${site}`);
      const boxes = [];
      for (const link of await links.all()) boxes.push(await link.boundingBox());
      for (const a of boxes)
        for (const b of boxes) {
          if (a === b || Math.abs(a.y - b.y) > 2) continue;  // on the same line only
          const gap = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
          assert.ok(gap >= 8, `${locale}: two footer links ${gap.toFixed(1)} px apart`);
        }
    } finally { await context.close(); }
  }
});

// Issue 25, items 8 and 11: a site map, help with OFPRA's real contact ways, and the API's
// documentation as a page that reads without JavaScript.
test('the footer leads to the site map, help and contact, and a readable API documentation', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/`);
    await page.click('footer a[href="/plan-du-site"]');
    assert.equal(await page.locator('h1').textContent(), 'Plan du site');
    // Every page the site map names answers.
    for (const href of await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      const r = await fetch(server.url + href, { redirect: 'manual' });
      assert.ok(r.status === 200 || r.status === 303, `${href}: ${r.status}`);
    }
    await page.click('footer a[href="/aide-et-contact"]');
    assert.match(await page.locator('main address').textContent(), /201 rue Carnot\s*94136 Fontenay-sous-Bois/);
    assert.ok(await page.locator('#pas-de-code').isVisible());
    await page.click('footer a[href="/api/v1/documentation"]');
    const spec = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    const shown = await page.locator('main h2 code').allTextContents();
    for (const [path, item] of Object.entries(spec.paths))
      for (const method of Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)))
        assert.ok(shown.includes(`${method.toUpperCase()} ${path}`), `${method} ${path} is not documented`);
    for (const name of Object.keys(spec.components.schemas))
      assert.equal(await page.locator(`#schema-${name}`).count(), 1, `schema ${name}`);
    assert.ok(await page.locator('a[href="#schema-VerificationAnswer"]').count() > 0);
  } finally { await context.close(); }
});

test('the new pages fit a phone in a right-to-left language', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ar', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    for (const path of ['/plan-du-site', '/aide-et-contact', '/api/v1/documentation', '/avis', '/statistiques']) {
      await page.goto(server.url + path);
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl', path);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, `${path} scrolls sideways`);
    }
  } finally { await context.close(); }
});

test('the code step and a missing record lead to help, not to a dead end', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ar' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/activer`);
    await page.fill('#numero_ofpra', '100000098');
    await page.fill('#date_naissance', '01/01/1990');
    await page.click('main button[type=submit]');
    await page.click('main a[href="/aide-et-contact#pas-de-code"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.match(await page.locator('#pas-de-code').textContent(), /لم أستلم رمزًا/);
    assert.match(await page.locator('main').textContent(), /أوفبرا/);
  } finally { await context.close(); }
});
