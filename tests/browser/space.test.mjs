// The person's space as its users meet it (issue 25): right-to-left forms laid out as they are
// read, a share code she knows how to give, consents she can follow, seen in a real Chromium
// without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';

let t;
let server;
let browser;
let account;
let caf;

before(async () => {
  t = tempDir();
  const r = cli('seed', '--db', t.db('r.db'), '--persons', '60');
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  account = { numero: m[1], password: m[2] };
  const c = r.stdout.match(/caf\s+(\d{14})\s+client_id=(\S+)\s+client_secret=(\S+)/);
  caf = { siret: c[1], id: c[2], secret: c[3] };
  server = await startServer(t.db('r.db'), ['--outbox-dir', t.file('outbox')]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  t?.remove();
});

// A browser without JavaScript whose language choice (the cookie) is lang.
async function visitorIn(lang, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, ...options });
  await context.addCookies([{ name: 'langue', value: lang, domain: new URL(server.url).hostname, path: '/' }]);
  return { context, page: await context.newPage() };
}

async function signIn(lang, options = {}) {
  const { context, page } = await visitorIn(lang, options);
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
          await page.goto(`${server.url}/espace/consentements?destinataire=type:education`);
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
        const { context, page } = await visitorIn(lang, { viewport: { width, height: 900 } });
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
    const { context, page } = await visitorIn(lang);
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

// The first message in the outbox that was not there before, once written.
async function nextMessage(before) {
  const folder = t.file('outbox');
  for (let i = 0; i < 100; i++) {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.txt') && !before.has(f)) : [];
    if (files.length) return readFileSync(`${folder}/${files[0]}`, 'utf8');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no message reached the outbox');
}
const outboxNow = () => new Set(existsSync(t.file('outbox')) ? readdirSync(t.file('outbox')) : []);

// Issue 25, items 5 and 6.
test('a share code comes with how to give it, what the verifier will see, and can be e-mailed to the verifier', { timeout: 120000 }, async () => {
  const { context, page } = await signIn('fr');
  try {
    await page.goto(`${server.url}/espace/codes`);
    // A purpose only, no level chosen and no days: each error at its field, in a summary that
    // links to it, "Erreur" in the title, and what she chose kept.
    await page.selectOption('#motif', 'autre');
    await page.fill('#jours', '0');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('form[action="/espace/codes"] button[type=submit]')]);
    assert.equal(refused.status(), 400);
    assert.ok((await page.title()).startsWith('Erreur : '));
    assert.deepEqual(await page.locator('#erreurs a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#precision', '#jours']);
    for (const id of ['precision', 'jours']) {
      assert.equal(await page.getAttribute(`#${id}`, 'aria-describedby'), `${id}-error`);
      assert.match(await page.locator(`#${id}`).evaluate((e) => e.closest('.fr-input-group').className), /fr-input-group--error/);
    }
    assert.equal(await page.inputValue('#motif'), 'autre');
    assert.equal(await page.inputValue('#jours'), '0');

    // School: the level suggested for it (protection and civil-status progress) when she does
    // not choose one.
    await page.selectOption('#motif', 'ecole');
    await page.fill('#precision', 'Inscription de ma fille');
    await page.fill('#jours', '10');
    await page.click('form[action="/espace/codes"] button[type=submit]');
    const code = (await page.locator('#code-cree').textContent()).trim();
    assert.match(code, /^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    const give = await page.locator('section[aria-labelledby=donner]').textContent();
    assert.match(give, /date de naissance/);
    assert.match(await page.locator('section[aria-labelledby=donner] ol a').getAttribute('href'), /\/verifier-code$/);
    const preview = await page.locator('#apercu li').allTextContents();
    assert.equal(preview.length, 3);
    assert.match(preview[0], /nom, prénoms et date de naissance/);  // whom a verifier's answer is about
    assert.match(preview[1], /protégé/);
    assert.match(preview[2], /état civil/);

    // Cards, as they are displayed: the heading first, the revoke button last.
    const card = page.locator('.fr-card').first();
    const top = async (selector) => (await card.locator(selector).first().boundingBox()).y;
    assert.ok(await top('h3') < await top('.fr-card__desc'), 'the heading is not first');
    assert.ok(await top('.fr-card__desc') < await top('li'), 'the details come before the description');
    assert.ok(await top('li') < await top('button'), 'the revoke button is not last');
    assert.match(await card.locator('.fr-card__desc').textContent(), /Inscription à l'école : Inscription de ma fille/);
    assert.match(await card.locator('.fr-card__desc').textContent(), /Protection et état civil en cours/);

    // A wrong address: the error at the field, the code still there to give.
    await page.fill('#courriel', 'agent-at-ecole');
    await page.click('form[action="/espace/codes/envoyer"] button[type=submit]');
    assert.equal(await page.getAttribute('#courriel', 'aria-describedby'), 'courriel-error');
    assert.equal((await page.locator('#code-cree').textContent()).trim(), code);
    assert.equal(await page.inputValue('#courriel'), 'agent-at-ecole');

    // Sent: the verifier's message holds the code and the page's address, not her birth date,
    // her name or her number.
    const before = outboxNow();
    await page.fill('#courriel', 'secretariat@ecole.example.fr');
    await page.click('form[action="/espace/codes/envoyer"] button[type=submit]');
    assert.match(await page.locator('main [role=status]').first().textContent(), /envoyé à secretariat@ecole\.example\.fr/);
    const message = await nextMessage(before);
    assert.match(message, /secretariat@ecole\.example\.fr/);
    assert.ok(message.includes(code), 'the code is not in the message');
    assert.match(message, /\/verifier-code/);
    assert.ok(!message.includes(account.numero), 'her number is in the message');

    // A code that no longer works is not sent, even if the form is replayed.
    await page.click('form[action="/espace/codes/revoquer"] button');
    const replay = await page.evaluate(async ([code, csrf]) => {
      const r = await fetch('/espace/codes/envoyer', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code, csrf, courriel: 'autre@example.fr' }) });
      return { status: r.status, text: await r.text() };
    }, [code, await page.inputValue('form[action="/espace/codes"] input[name=csrf]')]);
    assert.equal(replay.status, 400);
    assert.match(replay.text, /ne fonctionne plus/);
    // Garbage for a code and for an address: refused, and the server still answers.
    const garbage = await page.evaluate(async (csrf) => (await fetch('/espace/codes/envoyer', { method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: '%%%', csrf, courriel: 'x' }) })).status,
    await page.inputValue('form[action="/espace/codes"] input[name=csrf]'));
    assert.equal(garbage, 400);
    assert.equal(outboxNow().size, before.size + 1);
  } finally { await context.close(); }
});

// Issue 25, item 7.
test('a consent offers only what the administration may receive, keeps the form when refused, and a withdrawal is confirmed and dated', { timeout: 120000 }, async () => {
  const { context, page } = await signIn('fr');
  try {
    await page.goto(`${server.url}/espace/consentements`);
    // Schools may receive her protection and her civil status's progress, nothing else.
    await page.selectOption('#destinataire', 'type:education');
    await page.click('main form[method=get] button[type=submit]');
    assert.deepEqual(await page.locator('input[type=checkbox]').evaluateAll((xs) => xs.map((x) => x.id)),
      ['scope_protection', 'scope_etat_civil_avancement']);
    // Nothing chosen: refused at the field, her purpose kept.
    await page.fill('#motif', 'Inscription de mon fils');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('form[action="/espace/consentements"] button[type=submit]')]);
    assert.equal(refused.status(), 400);
    assert.ok((await page.title()).startsWith('Erreur : '));
    assert.equal(await page.locator('#erreurs a').getAttribute('href'), '#informations');
    assert.match(await page.locator('#informations').getAttribute('class'), /fr-fieldset--error/);
    assert.equal(await page.inputValue('#motif'), 'Inscription de mon fils');
    await page.click('label[for=scope_etat_civil_avancement]');
    await page.click('form[action="/espace/consentements"] button[type=submit]');
    assert.match(await page.locator('main').textContent(), /Votre consentement est enregistré/);

    // Withdrawing asks first, saying what stops; then says it is done, and when.
    await page.click('a[href^="/espace/consentements/retirer"]');
    assert.match(await page.locator('main').textContent(), /avancement de l'état civil/);
    await page.click('a:has-text("Non, le garder")');
    assert.match(await page.locator('.fr-card').first().textContent(), /Actif/i);
    await page.click('a[href^="/espace/consentements/retirer"]');
    await page.click('form[action="/espace/consentements/retirer"] button[type=submit]');
    const today = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date());
    const notice = await page.locator('#retrait').textContent();
    assert.match(notice, /Toutes les écoles|établissements/i);
    assert.ok(notice.replace(/\s+/g, ' ').includes(today.replace(/^1 /, '1er ')), `${notice} lacks ${today}`);
    assert.match(await page.locator('.fr-card').first().textContent(), /Retiré le/);
  } finally { await context.close(); }
});

// Issue 30: she sees which organisations follow her file, in her language and direction.
test('her consents page lists the organisations following her file', { timeout: 60000 }, async () => {
  const token = (await (await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${caf.id}:${caf.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  })).json()).access_token;
  const followed = await fetch(`${server.url}/api/v1/abonnements`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numero_ofpra: account.numero, recipient: caf.siret, motif: 'Suivi des prestations',
      reference_partenaire: 'CAF-77', scopes: ['protection', 'etat_civil.avancement'] }),
  });
  assert.equal(followed.status, 201, await followed.clone().text());
  for (const [lang, heading, dir] of [['fr', 'Organismes qui suivent votre dossier', 'ltr'], ['ar', 'الجهات التي تتابع ملفك', 'rtl']]) {
    const { context, page } = await signIn(lang, { viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${server.url}/espace/consentements`);
      const section = page.locator('#suivi');
      assert.equal((await section.textContent()).trim(), heading);
      assert.equal(await page.locator('html').getAttribute('dir'), dir);
      const row = page.locator('#organismes-suivi li');
      assert.equal(await row.count(), 1);
      assert.match(await row.textContent(), /Caisse d'allocations familiales de démonstration/);
      // Nothing wider than a phone.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    } finally { await context.close(); }
  }
  const { context } = await signIn('fr');
  try {
    const withJs = await browser.newContext({ locale: 'fr-FR' });
    await withJs.addCookies(await context.cookies());
    const p2 = await withJs.newPage();
    await p2.goto(`${server.url}/espace/consentements`);
    await expectNoViolations(p2, 'consents with followers');
    await withJs.close();
  } finally { await context.close(); }
});

// Issue 25, item 5: the share-code check keeps what the verifier typed and marks the field.
test('the share-code check marks the field at fault and keeps what the verifier typed', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/verifier-code`);
    await page.fill('#code_partage', 'ABC');
    await page.fill('#date_naissance', '17/05/1990');
    await page.fill('#organisme', 'Mairie de Lille');
    await page.fill('#motif', 'Mariage');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    assert.equal(refused.status(), 400);
    assert.ok((await page.title()).startsWith('Erreur : '));
    assert.equal(await page.locator('#erreurs a').getAttribute('href'), '#code_partage');
    assert.equal(await page.getAttribute('#code_partage', 'aria-describedby'), 'code_partage-error');
    for (const [id, value] of [['code_partage', 'ABC'], ['organisme', 'Mairie de Lille'], ['motif', 'Mariage']])
      assert.equal(await page.inputValue(`#${id}`), value);
  } finally { await context.close(); }
});

// Issue 25, item 10: her own page speaks of her in her grammatical gender; a verifier's page,
// which is not told her sex, stays neutral.
test('words agree with her sex on her own page, and stay neutral for a verifier', { timeout: 60000 }, async () => {
  for (const [lang, forms] of [['fr', { féminin: 'Protégée', masculin: 'Protégé' }], ['ar', { 'أنثى': 'محمية', 'ذكر': 'محمي' }]]) {
    const { context, page } = await signIn(lang);
    try {
      const sex = (await page.locator('dt:has-text("' + (lang === 'fr' ? 'Sexe' : 'الجنس') + '") + dd').textContent()).trim();
      assert.ok(forms[sex], `${lang}: unexpected sex ${sex}`);
      assert.equal((await page.locator('.fr-badge--success').first().textContent()).trim(), forms[sex]);
      // Arabic punctuation in Arabic lines (the family and birth lines join with commas).
      if (lang === 'ar') assert.ok(!(await page.locator('main').textContent()).includes(', '), 'a Latin comma in Arabic text');
    } finally { await context.close(); }
  }
  const { context, page } = await signIn('fr');
  try {
    await page.goto(`${server.url}/espace/codes`);
    await page.selectOption('#motif', 'transport');
    await page.click('form[action="/espace/codes"] button[type=submit]');
    const code = (await page.locator('#code-cree').textContent()).trim();
    await page.goto(`${server.url}/espace`);
    const birth = await page.locator('dt:text-is("Naissance") + dd').textContent();
    // Her birth date as the page shows it ("3 décembre 1964, Zalingei"), typed back day first.
    const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
    const [, d, m, y] = birth.match(/(\d+)(?:er)? (\S+) (\d{4})/);
    // The verifier is another browser, but the same page would stay neutral even in hers.
    await page.goto(`${server.url}/verifier-code`);
    await page.fill('#code_partage', code);
    await page.fill('#date_naissance', `${d}/${months.indexOf(m) + 1}/${y}`);
    await page.fill('#organisme', 'Réseau de transport');
    await page.fill('#motif', 'Tarif réduit');
    await page.click('main button[type=submit]');
    assert.equal((await page.locator('.fr-badge--success').first().textContent()).trim(), 'Protégé(e)');
  } finally { await context.close(); }
});

// Issue 25, item 10: the personal-data notice in every language, and the file's words explained.
test('the personal-data notice is in every language, and OFPRA\'s words are explained where they appear', { timeout: 60000 }, async () => {
  const french = [];
  for (const lang of ['fr', 'en', 'ar', 'fa-AF', 'ps', 'ti', 'ru']) {
    const { context, page } = await visitorIn(lang);
    try {
      await page.goto(`${server.url}/donnees-personnelles`);
      assert.equal(await page.locator('main [lang="fr"]').count(), 0, `${lang}: part of the notice is left in French`);
      const headings = await page.locator('main h2').allTextContents();
      assert.equal(headings.length, 6, lang);
      if (lang === 'fr') french.push(...headings);
      else assert.notDeepEqual(headings, french, `${lang}: the headings are the French ones`);
    } finally { await context.close(); }
  }
  const { context, page } = await signIn('ar');
  try {
    const main = await page.locator('main').textContent();
    if (/مرحلة|المرحلة/.test(main)) assert.match(main, /الاستمارة العائلية المرجعية هي/);
  } finally { await context.close(); }
});

// Issue 25, item 12: "Je donne mon avis" after a journey, in her language, counted in the
// public statistics without a count below 10.
test('after a journey she can give her opinion in her language, and it is counted in the public statistics', { timeout: 60000 }, async () => {
  const { context, page } = await signIn('ar');
  try {
    await page.goto(`${server.url}/espace/codes`);
    await page.selectOption('#motif', 'employeur');
    await page.click('form[action="/espace/codes"] button[type=submit]');
    await page.click('a[href="/avis?parcours=codes"]');
    assert.match(await page.locator('main .fr-text--lead').textContent(), /إنشاء رمز مشاركة/);
    // Nothing answered: both questions marked, and her comment kept.
    await page.fill('#commentaire', 'واضح');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    assert.equal(refused.status(), 400);
    assert.deepEqual(await page.locator('#erreurs a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#utile', '#facilite']);
    assert.equal(await page.inputValue('#commentaire'), 'واضح');
    await page.click('label[for=utile-oui]');
    await page.click('label[for=facilite-4]');
    await page.click('main button[type=submit]');
    assert.match(await page.locator('main [role=status]').textContent(), /شكرًا/);
    await page.goto(`${server.url}/statistiques`);
    const row = page.locator('#avis-chiffres tbody tr', { hasText: 'إنشاء رمز مشاركة' });
    assert.match(await row.locator('td').first().textContent(), /أقل من ١٠/);
  } finally { await context.close(); }
});
