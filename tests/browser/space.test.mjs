// The person's space as its users meet it (issue 25): right-to-left forms laid out as they are
// read, a share code she knows how to give, consents she can follow, seen in a real Chromium
// without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';
import { launch } from '../support/browser.mjs';

let t;
let server;
let browser;
let account;

before(async () => {
  t = tempDir();
  const r = cli('seed', '--db', t.db('r.db'), '--persons', '60');
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  account = { numero: m[1], password: m[2] };
  server = await startServer(t.db('r.db'), ['--outbox-dir', t.file('outbox')]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  t?.remove();
});

async function signIn(lang, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, ...options });
  await context.addCookies([{ name: 'langue', value: lang, domain: new URL(server.url).hostname, path: '/' }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/connexion`);
  await page.fill('#numero_ofpra', account.numero);
  await page.fill('#mot_de_passe', account.password);
  await page.click('main button[type=submit]');
  assert.equal(new URL(page.url()).pathname, '/espace');
  return { context, page };
}

// Which columns of a screenshot have pixels drawn in DSFR blue (#000091: the borders of checkboxes
// and radio buttons, the header's icons and links), decoded by the browser itself.
async function blueColumnsOf(decoder, png) {
  return decoder.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    const columns = new Array(img.width).fill(false);
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        if (d[i + 2] > 100 && d[i] < 60 && d[i + 1] < 60) columns[x] = true;
      }
    return columns;
  }, png.toString('base64'));
}

async function blueColumns(decoder, png) {
  const columns = await blueColumnsOf(decoder, png);
  return { min: columns.indexOf(true), max: columns.lastIndexOf(true) };
}

// Each control of the form, where it is drawn, and where its label's first words are.
async function controlsBesideLabels(page, decoder, selector, dir, what) {
  const groups = page.locator(selector);
  const n = await groups.count();
  assert.ok(n > 0, `${what}: no ${selector}`);
  for (let i = 0; i < n; i++) {
    const group = groups.nth(i);
    const drawn = await blueColumns(decoder, await group.screenshot());
    const box = await group.boundingBox();
    assert.ok(drawn.max >= 0, `${what}: control ${i} not drawn`);
    const text = await group.locator('label').evaluate((label) => {
      const r = document.createRange();
      r.selectNodeContents(label.firstChild);
      const b = r.getBoundingClientRect();
      return { left: b.left, right: b.right };
    });
    const left = box.x + drawn.min;
    const right = box.x + drawn.max;
    const gap = dir === 'rtl' ? left - text.right : text.left - right;
    assert.ok(gap >= 0 && gap <= 16, `${what}: control ${i} is ${gap.toFixed(0)} px from its label (${dir})`);
  }
}

// Issue 25, item 1.
test('checkboxes and radio buttons sit beside their labels, on the side each language reads from', { timeout: 120000 }, async () => {
  const decoderContext = await browser.newContext();
  const decoder = await decoderContext.newPage();
  try {
    for (const [lang, dir] of [['fr', 'ltr'], ['ar', 'rtl'], ['fa-AF', 'rtl'], ['ps', 'rtl']]) {
      for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
        const { context, page } = await signIn(lang, { viewport });
        try {
          await page.goto(`${server.url}/espace/consentements`);
          await controlsBesideLabels(page, decoder, '.fr-checkbox-group', dir, `${lang} ${viewport.width} consents`);
          await page.goto(`${server.url}/espace/codes`);
          await controlsBesideLabels(page, decoder, '.fr-radio-group', dir, `${lang} ${viewport.width} codes`);
        } finally { await context.close(); }
      }
    }
  } finally { await decoderContext.close(); }
});

// Issue 25, item 1: the header's icons were stuck to their words in right-to-left pages.
test('the header\'s icons are spaced from their words in both directions', { timeout: 60000 }, async () => {
  const decoderContext = await browser.newContext();
  const decoder = await decoderContext.newPage();
  try {
    for (const [lang, dir] of [['fr', 'ltr'], ['ar', 'rtl'], ['fa-AF', 'rtl']]) {
      for (const width of [1280, 390]) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
        await context.addCookies([{ name: 'langue', value: lang, domain: new URL(server.url).hostname, path: '/' }]);
        const page = await context.newPage();
        try {
          await page.goto(`${server.url}/accessibilite`);
          for (const link of await page.locator('a.fr-btn[href="/espace"]:visible, a.fr-btn[href="/verifier-code"]:visible').all()) {
            // Inside the button's border (a secondary button is outlined in the same blue).
            await link.scrollIntoViewIfNeeded();
            const b = await link.boundingBox();
            const clip = { x: b.x + 3, y: b.y + 3, width: b.width - 6, height: b.height - 6 };
            let columns = await blueColumnsOf(decoder, await page.screenshot({ clip }));
            if (dir === 'rtl') columns = columns.reverse();  // from where reading starts
            const icon = columns.indexOf(true);
            const iconEnd = columns.indexOf(false, icon);
            const text = columns.indexOf(true, iconEnd);
            assert.ok(icon >= 0 && text > 0, `${lang} ${width}: nothing drawn`);
            assert.ok(text - iconEnd >= 6, `${lang} ${width}: icon ${text - iconEnd} px from its word`);
          }
        } finally { await context.close(); }
      }
    }
  } finally { await decoderContext.close(); }
});

// Issue 25, item 1: "17/05/1990" in an Arabic hint must not be shown as "1990/05/17".
test('a date in a right-to-left hint is displayed in the order it is written', { timeout: 60000 }, async () => {
  for (const lang of ['ar', 'fa-AF', 'ps']) {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    await context.addCookies([{ name: 'langue', value: lang, domain: new URL(server.url).hostname, path: '/' }]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/activer`);
      const xs = await page.locator('#date_naissance').evaluate((input) => {
        const hint = input.closest('.fr-input-group').querySelector('.fr-hint-text');
        const walker = document.createTreeWalker(hint, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.data.indexOf('17/05/1990');
          if (at < 0) continue;
          return [...'17/05/1990'].map((_, k) => {
            const r = document.createRange();
            r.setStart(n, at + k);
            r.setEnd(n, at + k + 1);
            return r.getBoundingClientRect().left;
          });
        }
        return null;
      });
      assert.ok(xs, `${lang}: no example date in the hint`);
      for (let k = 1; k < xs.length; k++) assert.ok(xs[k] > xs[k - 1], `${lang}: the example date is reordered`);
    } finally { await context.close(); }
  }
});
