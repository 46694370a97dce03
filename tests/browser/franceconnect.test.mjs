// "S'identifier avec FranceConnect" against a real OpenID provider (npm oidc-provider) with
// FranceConnect's scopes and claims: an identity the matcher names with certainty is linked once
// she confirms with her OFPRA number, and signs her in directly afterwards; an identity it
// does not name is told how to activate the account; a forged or replayed return is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cli, tempDir, freePort, startServerWithProvider, stopJourney, testClient } from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';
import { startOidcProvider, signInAtProvider } from '../../scripts/oidc-provider.mjs';

let t;
let server;
let provider;
let browser;
let person;


// The confirmation page's words for an identity, in a fresh browser.
async function confirmationTextFor(login) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/connexion/franceconnect`);
    await signInAtProvider(page, login);
    await page.waitForURL(/\/connexion\/franceconnect\/retour/);
    return await page.locator('main').textContent();
  } finally { await context.close(); }
}

const outboxNow = () => new Set(existsSync(t.file('outbox')) ? readdirSync(t.file('outbox')) : []);
async function nextMessage(before) {
  for (let i = 0; i < 100; i++) {
    const files = existsSync(t.file('outbox')) ? readdirSync(t.file('outbox')).filter((f) => f.endsWith('.txt') && !before.has(f)) : [];
    if (files.length) return readFileSync(`${t.file('outbox')}/${files[0]}`, 'utf8');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no message reached the outbox');
}


// The FranceConnect identity pivot of a registry record (as the import format writes it).
function pivotOf(record) {
  return {
    family_name: record.nom_naissance,
    given_name: record.prenoms.join(' '),
    birthdate: record.date_naissance,
    gender: record.sexe === 'F' ? 'female' : 'male',
    birthplace: '',
    birthcountry: record.code_pays_naissance,
  };
}

before(async () => {
  t = tempDir();
  assert.equal(cli('seed', '--db', t.db('r.db'), '--persons', '60').status, 0);
  const exported = cli('export', '--db', t.db('r.db'));
  assert.equal(exported.status, 0, exported.stderr);
  const records = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
  // Someone known to the day, whose name and birth date no one else shares.
  person = records.find((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date_naissance) && r.code_pays_naissance && r.contact?.email &&
    records.filter((o) => o.nom_naissance === r.nom_naissance && o.date_naissance === r.date_naissance).length === 1);
  assert.ok(person, 'no suitable person in the seed');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({
    ...testClient,
    redirectUri: `${url}/connexion/franceconnect/retour`,
    accounts: {
      'elle': pivotOf(person),
      'inconnue': { ...pivotOf(person), family_name: 'PERSONNE-INCONNUE', given_name: 'Nadia', birthdate: '1901-01-01' },
    },
  });
  server = await startServerWithProvider(t.db('r.db'), 'franceconnect', provider, url, port, [
    '--outbox-dir', t.file('outbox')]);
  browser = await launch();
});

after(() => stopJourney({ browser, server, provider, t }));

test('a FranceConnect identity named with certainty is linked once with her OFPRA number, then signs her in', { timeout: 120000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/connexion`);
    await expectNoViolations(page, 'login with FranceConnect');
    await page.click('a.fr-connect');
    await signInAtProvider(page, 'elle');
    await page.waitForURL(/\/connexion\/franceconnect\/retour/);
    const asked = await page.locator('main').textContent();
    assert.match(asked, /Pour relier votre compte FranceConnect/);
    assert.equal(asked, await confirmationTextFor('inconnue'), 'the page says whether the matcher found someone');
    await expectNoViolations(page, 'FranceConnect confirmation');
    // Nothing on the page says whom the matcher found.
    assert.ok(!(await page.content()).includes(person.numero_ofpra));
    assert.ok(!(await page.content()).includes(person.nom_naissance));
    // A wrong number: refused at the field, the sign-in still waiting.
    const wrong = person.numero_ofpra === '100000001' ? '100000002' : '100000001';
    await page.fill('#numero_ofpra', wrong);
    await page.click('main button[type=submit]');
    assert.match(await page.locator('#numero_ofpra-error').textContent(), /n'a pas pu être relié/);
    const before = outboxNow();
    await page.fill('#numero_ofpra', person.numero_ofpra);
    await page.click('main button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/espace');
    // Her contact on file is told, in her language, that a FranceConnect account was linked.
    const notice = await nextMessage(before);
    assert.ok(notice.includes(`À: ${person.contact.email}`), notice);
    assert.match(notice, /FranceConnect/);
    assert.ok((await page.locator('main').textContent()).includes(person.numero_ofpra));
    await page.click('form[action="/deconnexion"] button');

    // Linked: FranceConnect alone signs her in now.
    await page.goto(`${server.url}/connexion`);
    await page.click('a.fr-connect');
    if (await page.locator('input[name="login"]').count()) await signInAtProvider(page, 'elle');
    await page.waitForURL(`${server.url}/espace`);
    assert.ok((await page.locator('main').textContent()).includes(person.numero_ofpra));
  } finally { await context.close(); }
});

test('an identity the matcher does not name gets the same form, then how to activate her account; nothing is linked', { timeout: 120000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/connexion/franceconnect`);
    await signInAtProvider(page, 'inconnue');
    await page.waitForURL(/\/connexion\/franceconnect\/retour/);
    const back = page.url();
    // Even her own number does not link an identity nobody was found for; three tries.
    for (let i = 0; i < 2; i++) {
      await page.fill('#numero_ofpra', person.numero_ofpra);
      await page.click('main button[type=submit]');
      assert.match(await page.locator('#numero_ofpra-error').textContent(), /n'a pas pu être relié/);
    }
    await page.fill('#numero_ofpra', person.numero_ofpra);
    await page.click('main button[type=submit]');
    const text = await page.locator('main').textContent();
    assert.match(text, /n'a pas pu être rapprochée avec certitude/);
    await expectNoViolations(page, 'FranceConnect identity not found');
    assert.ok(await page.locator('main a[href="/activer"]').count() > 0);
    // The same return again (a replay, or a forged state): refused, nobody signed in.
    const replay = await page.goto(back);
    assert.equal(replay.status(), 400);
    await page.goto(`${server.url}/espace`);
    assert.equal(new URL(page.url()).pathname, '/connexion');
  } finally { await context.close(); }
});

test('a return that did not start here, or with another state, signs no one in', { timeout: 60000 }, async () => {
  const r = await fetch(`${server.url}/connexion/franceconnect/retour?code=abc&state=forged`, { redirect: 'manual' });
  assert.equal(r.status, 400);
  assert.ok(!(r.headers.get('set-cookie') ?? '').includes('ofpra_session'));
  const cancelled = await fetch(`${server.url}/connexion/franceconnect/retour?error=access_denied&state=x`, { redirect: 'manual' });
  assert.equal(cancelled.status, 400);
  assert.match(await cancelled.text(), /annulée/);
});
