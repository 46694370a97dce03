// The counter (/guichet) as partner agents meet it: signed in with ProConnect (a real OpenID
// provider, npm oidc-provider, configured like ProConnect), a school agent checks a person by
// number, by identity and by share code, prints the result, signs out; the person sees each check
// in her history; a CAF agent sees what a CAF sees; an agent of no partner is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, tempDir, freePort, proconnectAgent, startServerWithProvider, stopJourney, testClient } from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';
import { startProConnectProvider, signInAtProConnect } from '../../scripts/proconnect-provider.mjs';

let t;
let server;
let provider;
let browser;
let account;   // the portal's demo person, who consented to the demo school
let herRecord; // her registry record
let other;     // someone who consented to nobody

const school = '99900002000019';
const caf = '99900003000018';



const agent = proconnectAgent;

before(async () => {
  t = tempDir();
  const seeded = cli('seed', '--db', t.db('r.db'), '--persons', '60');
  assert.equal(seeded.status, 0, seeded.stderr);
  const m = seeded.stdout.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  account = { numero: m[1], password: m[2] };
  const records = cli('export', '--db', t.db('r.db')).stdout.trim().split('\n').map((l) => JSON.parse(l));
  herRecord = records.find((r) => r.numero_ofpra === account.numero);
  other = records.find((r) => r.numero_ofpra !== account.numero && !r.protections.at(-1).fin);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startProConnectProvider({
    ...testClient,
    publicUrl: url,
    agents: {
      ecole: agent('Claire', 'Martin', school),
      caf: agent('Karim', 'Benali', caf, 'eidas2'),
      'caf-faible': agent('Lina', 'Roux', caf),
      inconnu: agent('Marc', 'Petit', '12345678000014'),
    },
  });
  server = await startServerWithProvider(t.db('r.db'), 'proconnect', provider, url, port, [
    '--counter-scope-level', 'etat_civil.famille=eidas2', '--outbox-dir', t.file('outbox')]);
  browser = await launch();
});

after(() => stopJourney({ browser, server, provider, t }));

async function signedInAgent(login, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}/guichet`);
  await page.click('a#proconnect');
  await signInAtProConnect(page, login);
  await page.waitForURL(`${server.url}/guichet`);
  return { context, page };
}

async function check(page, by, fields) {
  await page.goto(`${server.url}/guichet?par=${by}`);
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
  await page.click('form[action="/guichet/verifier"] button[type=submit]');
}

const birthFr = (iso) => iso.split('-').reverse().join('/');

test('a school agent checks by number, by identity and by share code, prints the result and signs out', { timeout: 180000 }, async () => {
  const { context, page } = await signedInAgent('ecole');
  try {
    await expectNoViolations(page, 'counter desk');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.match(await page.locator('#organisme').textContent(), /Collège de démonstration/);
    assert.match(await page.locator('#agent-connecte').textContent(), /Claire Martin/);
    const perimeter = await page.locator('#perimetre').textContent();
    assert.match(perimeter, /protection/i);
    assert.doesNotMatch(perimeter, /identité/i, 'a school is shown identity data');
    assert.match(await page.locator('#motif').textContent(), /Inscription scolaire/);

    // By number, as copied from a document: she consented to the school.
    await check(page, 'numero_ofpra', { numero_ofpra: `${account.numero.slice(0, 3)} ${account.numero.slice(3, 6)} ${account.numero.slice(6)} ` });
    await expectNoViolations(page, 'counter result');
    const shown = await page.locator('main').textContent();
    assert.match(shown, /Personne trouvée/);
    assert.ok(shown.includes(herRecord.nom_naissance), 'the result does not name whom it is about');
    assert.ok(shown.includes(herRecord.prenoms[0]));
    assert.equal(await page.locator('section#personne').count(), 1);
    assert.match(shown, /Protection/);
    assert.doesNotMatch(shown, /Identité établie|Famille/, 'a school received identity or family data');
    const receipt = await page.locator('#justificatif').textContent();
    assert.match(receipt, /Claire Martin/);
    assert.match(receipt, /Collège de démonstration/);
    assert.match(receipt, /agent-[0-9a-f]{16}/);
    const reference = (await page.locator('#reference').textContent()).trim();
    assert.match(reference, /^\d+$/);
    assert.ok(!page.url().includes(account.numero), 'personal data in the address');
    // The print view: the result and its receipt, not the site around them.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.fr-header').isVisible(), false);
    assert.equal(await page.locator('footer').isVisible(), false);
    assert.equal(await page.locator('form[action="/guichet/deconnexion"]').isVisible(), false);
    assert.equal(await page.locator('#justificatif').isVisible(), true);
    assert.equal(await page.locator('#personne').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });

    // Someone who consented to nobody: refused, with what to ask her for, the form kept.
    await check(page, 'numero_ofpra', { numero_ofpra: other.numero_ofpra });
    assert.match(await page.locator('#erreurs').textContent(), /code de partage/);
    assert.equal(await page.inputValue('#numero_ofpra'), other.numero_ofpra);
    await expectNoViolations(page, 'counter refusal');
    // A purpose outside the habilitation's list, sent by hand: refused at the field.
    const forged = await page.evaluate(async ([csrf, numero]) => {
      const r = await fetch('/guichet/verifier', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, par: 'numero_ofpra', numero_ofpra: numero, motif: 'Curiosité' }) });
      return { status: r.status, text: await r.text() };
    }, [await page.inputValue('form[action="/guichet/verifier"] input[name=csrf]'), account.numero]);
    assert.equal(forged.status, 400);
    assert.match(forged.text, /motif dans la liste/);
    // A situation "at" a day after today: nobody knows it yet.
    await check(page, 'numero_ofpra', { numero_ofpra: account.numero, date: '01/01/2999' });
    assert.match(await page.locator('#date-error').textContent(), /au plus tard aujourd'hui/);
    // Still signed in, the "signed out" page leads back to the desk rather than say otherwise.
    await page.goto(`${server.url}/guichet/deconnecte`);
    assert.equal(new URL(page.url()).pathname, '/guichet');
    // A number that is not one: at its field.
    await check(page, 'numero_ofpra', { numero_ofpra: '12ab' });
    assert.match(await page.locator('#numero_ofpra-error').textContent(), /9 chiffres/);

    // By identity, as typed at the desk (the date in French order).
    await check(page, 'identite', { nom_naissance: herRecord.nom_naissance.toLowerCase(), prenoms: herRecord.prenoms.join(' '),
      date_naissance: birthFr(herRecord.date_naissance) });
    assert.match(await page.locator('main').textContent(), /Personne trouvée|Plusieurs personnes correspondent/);

    // By share code: she creates one in her space and gives it with her birth date.
    const person = await browser.newContext({ locale: 'fr-FR' });
    const her = await person.newPage();
    await her.goto(`${server.url}/connexion`);
    await her.fill('#numero_ofpra', account.numero);
    await her.fill('#mot_de_passe', account.password);
    await her.click('main button[type=submit]');
    await her.goto(`${server.url}/espace/codes`);
    await her.selectOption('#motif', 'ecole');
    await her.fill('#jours', '10');
    await her.click('form[action="/espace/codes"] button[type=submit]');
    const code = (await her.locator('#code-cree').textContent()).trim();
    // She is told that whoever checks it sees her names and birth date.
    assert.match(await her.locator('main').textContent(), /vos nom, prénoms et date de naissance/);
    await check(page, 'code_partage', { code_partage: code.toLowerCase(), date_naissance: birthFr(herRecord.date_naissance) });
    assert.match(await page.locator('main').textContent(), /Personne trouvée/);
    const byCode = (await page.locator('#reference').textContent()).trim();
    // A wrong birth date: what to ask her for, the code kept.
    await check(page, 'code_partage', { code_partage: code, date_naissance: '01/01/1901' });
    assert.match(await page.locator('#code_partage-error').textContent(), /relire son code/);
    assert.equal(await page.inputValue('#code_partage'), code);

    // She sees the school's checks in her history: its name and the agent's reference, not her name.
    await her.goto(`${server.url}/espace/historique`);
    const history = await her.locator('main').textContent();
    assert.match(history, /Agent au guichet : Collège de démonstration/);
    assert.match(history, /Référence de l'agent : agent-[0-9a-f]{16}/);
    assert.ok(!history.includes('Claire') && !history.includes('example.gouv.fr'), 'the agent named in the history');
    assert.ok(history.includes(reference) && history.includes(byCode));
    await person.close();

    // Sign out, at the provider too; nothing of the results is shown again.
    await page.click('form[action="/guichet/deconnexion"] button');
    await page.waitForURL(new RegExp(`^${provider.issuer}`));
    await page.click('button[type=submit]');
    await page.waitForURL(new RegExp(`^${server.url}/guichet/deconnecte`));
    assert.match(await page.locator('main').textContent(), /session au guichet est fermée/);
    await expectNoViolations(page, 'counter signed out');
    await page.goto(`${server.url}/guichet`);
    assert.equal(await page.locator('a#proconnect').count(), 1);
    const replay = await page.request.post(`${server.url}/guichet/verifier`, { form: { par: 'numero_ofpra', numero_ofpra: account.numero } , maxRedirects: 0 });
    assert.equal(replay.status(), 303);
  } finally { await context.close(); }
});

test('a CAF agent at eidas2 sees identity and family; at eidas1, family is above her level', { timeout: 120000 }, async () => {
  for (const [login, family] of [['caf', true], ['caf-faible', false]]) {
    const { context, page } = await signedInAgent(login);
    try {
      if (!family) assert.match(await page.locator('main').textContent(), /niveau plus élevé[^]*famille/i);
      await check(page, 'numero_ofpra', { numero_ofpra: other.numero_ofpra });
      const shown = await page.locator('main').textContent();
      assert.match(shown, /Identité établie/, login);
      assert.equal(/<h2>Famille/.test(await page.locator('main').innerHTML()), family, login);
      await expectNoViolations(page, `CAF result ${login}`);
    } finally { await context.close(); }
  }
});

test('the counter fits a phone and 200 % zoom', { timeout: 120000 }, async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 640, height: 800 }]) {
    const { context, page } = await signedInAgent('ecole', { viewport });
    try {
      await check(page, 'identite', { nom_naissance: 'X', prenoms: '', date_naissance: '' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than ${viewport.width}`);
      await check(page, 'numero_ofpra', { numero_ofpra: account.numero });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(wide <= 0, `the result is ${wide} px wider than ${viewport.width}`);
    } finally { await context.close(); }
  }
});

test('an agent of an organisation that is not a partner is refused in words, with no session', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/guichet/connexion`);
    await signInAtProConnect(page, 'inconnu');
    await page.waitForURL(`${server.url}/guichet/refus?raison=partenaire`);
    assert.match(await page.locator('main').textContent(), /n'est pas partenaire/);
    await expectNoViolations(page, 'counter refusal page');
    await page.goto(`${server.url}/guichet`);
    assert.equal(await page.locator('a#proconnect').count(), 1);
  } finally { await context.close(); }
});
