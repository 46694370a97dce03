// The back office (/admin) and the habilitation workflow as their users meet them (issue 27): an
// organisation requests access with the public form, an instructor signed in with ProConnect (a
// real OpenID provider, npm oidc-provider) asks for changes, the organisation amends, a second
// instructor validates and issues credentials that work at /oauth/token, a rotation keeps both
// secrets valid then only the new one, a revocation refuses the next request; staff without the
// audit role are refused the journal (403, recorded); every page has no axe-core violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cli, tempDir, freePort, startServerWithProvider, stopJourney, testClient } from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';
import { startProConnectProvider, signInAtProConnect } from '../../scripts/proconnect-provider.mjs';

let t;
let server;
let provider;
let browser;
let person; // a registered person, to see her accesses in the journal

const ofpra = '99900000000010';
const staff = (login) => ({
  given_name: login, usual_name: 'Ofpra', email: `${login}@ofpra-demo.fr`, uid: login, siret: ofpra, idp_id: 'idp-test',
  acr: 'eidas1',
});
const siret = '35600000000048';

before(async () => {
  t = tempDir();
  const seeded = cli('seed', '--db', t.db('r.db'), '--persons', '40');
  assert.equal(seeded.status, 0, seeded.stderr);
  person = cli('export', '--db', t.db('r.db')).stdout.trim().split('\n').map((l) => JSON.parse(l))[0];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startProConnectProvider({
    ...testClient,
    publicUrl: url,
    agents: Object.fromEntries(['admin', 'instructeur', 'instructrice', 'support', 'audit', 'intrus']
      .map((login) => [login, staff(login)])),
  });
  server = await startServerWithProvider(t.db('r.db'), 'proconnect', provider, url, port, [
    '--outbox-dir', t.file('outbox'), '--alert-period-ms', '200']);
  browser = await launch();
});

after(() => stopJourney({ browser, server, provider, t }));

async function signedIn(login) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin`);
  await page.click('a#proconnect');
  await signInAtProConnect(page, login);
  await page.waitForURL(`${server.url}/admin`);
  return { context, page };
}

// Clicks a form's button and waits for the page it answers with (the old page may hold the same
// ids: reading before the new one arrives would read the old).
const submit = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

async function decide(page, number, action, comment) {
  await page.goto(`${server.url}/admin/demande?numero=${number}`);
  await page.click(`label[for="action-${action}"]`);
  await page.fill('#commentaire', comment);
  await submit(page, 'form[action="/admin/demande"] button[type=submit]');
}

function token(client) {
  return fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
}

async function credentials(page, operation, motif, overlap) {
  if (operation === 'creer') {
    await page.fill('#motif_creation', motif);
    await submit(page, '#creer-client button[type=submit]');
  } else {
    await page.selectOption('#operation', operation);
    if (overlap !== undefined) await page.fill('#recouvrement', String(overlap));
    await page.fill('#motif_identifiants', motif);
    await submit(page, '#gerer-client button[type=submit]');
  }
}

test('a request goes from the public form to credentials that work, rotate and are revoked', { timeout: 240000 }, async () => {
  // The organisation: the public form, no account needed.
  const org = await browser.newContext({ locale: 'fr-FR' });
  const form = await org.newPage();
  await form.goto(`${server.url}/habilitation`);
  await expectNoViolations(form, 'habilitation form');
  assert.equal(await form.getAttribute('html', 'lang'), 'fr');
  await form.fill('#siret', '356 000 000 00049'); // a wrong Luhn key
  await form.fill('#organisation', 'Régie des transports de test');
  await form.selectOption('#type', 'transport');
  await form.click('label[for="scope_protection"]');
  // Without the person's consent: beyond a transport's default policy, so two validators.
  await form.click('label[for="sans_consentement"]');
  await form.fill('#base_legale', 'Code des transports, art. L. 1113-1');
  await form.fill('#reference', 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023086525');
  await form.fill('#motif', 'Tarification solidaire');
  await form.fill('#volume', '1200');
  await form.fill('#email_dpd', 'dpd@regie-test.fr');
  await form.fill('#email_technique', 'api@regie-test.fr');
  await form.click('#demande button[value=soumettre]');
  assert.match(await form.locator('#erreurs').textContent(), /SIRET/);
  assert.equal(await form.inputValue('#organisation'), 'Régie des transports de test', 'the form lost what was typed');
  await expectNoViolations(form, 'habilitation form with an error');
  await form.fill('#siret', '356 000 000 00048');
  await form.click('#demande button[value=soumettre]');
  const number = (await form.locator('#numero').textContent()).trim();
  const key = (await form.locator('#cle').textContent()).trim();
  assert.match(number, /^\d+$/);
  assert.ok(key.length >= 20);
  assert.ok(!form.url().includes(key), 'the key in an address');
  await expectNoViolations(form, 'request created');

  // A first instructor asks for changes, from the link of the e-mail she was sent.
  const hugo = await signedIn('instructeur');
  await expectNoViolations(hugo.page, 'dashboard');
  // The outbox sends on its own thread: the message comes shortly after the page.
  let told;
  for (let waited = 0; !told && waited < 15000; waited += 100) {
    const outbox = t.file('outbox');
    told = (existsSync(outbox) ? readdirSync(outbox) : []).map((f) => readFileSync(`${outbox}/${f}`, 'utf8'))
      .find((m) => m.includes('instructeur@ofpra-demo.fr') && m.includes(`n° ${number} de Régie`));
    if (!told) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(told, 'the instructors were not told of the new request');
  assert.ok(!told.includes(key), 'the follow-up key sent to staff');
  const link = told.match(/https?:\/\/\S+\/admin\/demande\?numero=\d+/)[0];
  assert.equal((await hugo.page.goto(link)).status(), 200);
  assert.match(await hugo.page.locator('#organisme').textContent(), /Régie des transports de test/);
  await hugo.page.goto(`${server.url}/admin/demandes?etat=soumise`);
  await expectNoViolations(hugo.page, 'requests list');
  assert.match(await hugo.page.locator('#demandes').textContent(), /Régie des transports de test/);
  await decide(hugo.page, number, 'demander_modifications', '');
  assert.match(await hugo.page.locator('#erreurs').textContent(), /Dites pourquoi/);
  await expectNoViolations(hugo.page, 'decision refused');
  await decide(hugo.page, number, 'demander_modifications', 'Précisez le volume mensuel attendu.');
  assert.match(await hugo.page.locator('#etat').textContent(), /Modifications demandées/);
  await expectNoViolations(hugo.page, 'request page');

  // The organisation reads why, amends and submits again.
  await form.goto(`${server.url}/habilitation/suivi`);
  await form.fill('#numero', number);
  await form.fill('#cle', key);
  await form.click('#suivi button[type=submit]');
  assert.match(await form.locator('#etat').textContent(), /Modifications demandées/);
  assert.match(await form.locator('#historique').textContent(), /Précisez le volume mensuel attendu/);
  assert.doesNotMatch(await form.locator('main').textContent(), /ofpra-demo\.fr/, 'a staff address shown to the organisation');
  await expectNoViolations(form, 'follow-up page');
  await form.fill('#volume', '900');
  await submit(form, '#demande button[value=soumettre]');
  assert.match(await form.locator('#etat').textContent(), /Soumise/);

  // A second instructor validates first; she cannot validate twice; the first one validates
  // second; then she issues a secret that works at /oauth/token.
  const ines = await signedIn('instructrice');
  await decide(ines.page, number, 'valider', 'Base légale vérifiée.');
  assert.match(await ines.page.locator('#etat').textContent(), /Soumise/);
  assert.match(await ines.page.locator('main').textContent(), /Première validation par instructrice@ofpra-demo\.fr/);
  assert.equal(await ines.page.locator('#action-valider').count(), 0, 'the first validator is offered to validate again');
  await decide(hugo.page, number, 'valider', 'Seconde validation : conforme.');
  assert.match(await hugo.page.locator('#etat').textContent(), /Validée/);
  await ines.page.goto(`${server.url}/admin/demande?numero=${number}`);
  await credentials(ines.page, 'creer', 'Mise en service');
  const first = { id: (await ines.page.locator('#client-id').textContent()).trim(),
    secret: (await ines.page.locator('#client-secret').textContent()).trim() };
  await expectNoViolations(ines.page, 'credentials issued');
  const granted = await token(first);
  assert.equal(granted.status, 200);
  const access = (await granted.json()).access_token;
  const verify = (tok) => fetch(`${server.url}/api/v1/verifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ recipient: siret, motif: 'Tarification solidaire', numero_ofpra: person.numero_ofpra, scopes: ['protection'] }),
  });
  assert.notEqual((await verify(access)).status, 401);
  // The new partner goes fishing: numbers nobody holds, until the alert rules notice.
  for (let i = 0; i < 24; i++) {
    const r = await fetch(`${server.url}/api/v1/verifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ recipient: siret, motif: 'Tarification solidaire', numero_ofpra: String(900000000 + i), scopes: ['protection'] }),
    });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).data.resultat, 'non_trouve');
  }

  // Rotation with a week's overlap: both secrets work; then one without overlap: only the newest.
  await ines.page.goto(`${server.url}/admin/demande?numero=${number}`);
  await credentials(ines.page, 'rotation', 'Rotation annuelle', 7);
  const second = { id: first.id, secret: (await ines.page.locator('#client-secret').textContent()).trim() };
  assert.notEqual(second.secret, first.secret);
  assert.equal((await token(first)).status, 200);
  assert.equal((await token(second)).status, 200);
  assert.match(await ines.page.locator('#clients').textContent(), /ancien secret valable jusqu/);
  await ines.page.goto(`${server.url}/admin/demande?numero=${number}`);
  await credentials(ines.page, 'rotation', 'Secret exposé', 0);
  const third = { id: first.id, secret: (await ines.page.locator('#client-secret').textContent()).trim() };
  assert.equal((await token(first)).status, 401);
  assert.equal((await token(second)).status, 401);
  const fresh = await token(third);
  assert.equal(fresh.status, 200);
  const live = (await fresh.json()).access_token;

  // Revoked: the next request is refused, a token already held too.
  await ines.page.goto(`${server.url}/admin/demande?numero=${number}`);
  await credentials(ines.page, 'revoquer', 'Fin du marché');
  assert.match(await ines.page.locator('#clients').textContent(), /révoqué/);
  assert.equal((await token(third)).status, 401);
  assert.equal((await verify(live)).status, 401);
  for (const c of [org, hugo.context, ines.context]) await c.close();
});

test('the journal is for the audit role: others are refused and recorded, auditors search and export', { timeout: 180000 }, async () => {
  const sam = await signedIn('support');
  const refused = await sam.page.goto(`${server.url}/admin/journal`);
  assert.equal(refused.status(), 403);
  await expectNoViolations(sam.page, 'refused page');
  assert.doesNotMatch(await sam.page.locator('nav[aria-label="Back-office"]').textContent(), /Journal/);

  const arthur = await signedIn('audit');
  await arthur.page.goto(`${server.url}/admin/journal`);
  await expectNoViolations(arthur.page, 'journal search');
  await arthur.page.fill('#numero_ofpra', person.numero_ofpra);
  await arthur.page.click('#recherche button[type=submit]:not([formaction])');
  assert.match(await arthur.page.locator('#erreurs').textContent(), /motif/);
  await arthur.page.fill('#motif', "Demande d'accès RGPD n° 2026-118");
  await arthur.page.click('#recherche button[type=submit]:not([formaction])');
  assert.match(await arthur.page.locator('#resultats').textContent(), /entrée/);
  assert.ok(!arthur.page.url().includes(person.numero_ofpra), 'personal data in the address');
  await expectNoViolations(arthur.page, 'journal results');
  const [download] = await Promise.all([
    arthur.page.waitForEvent('download'),
    arthur.page.click('#recherche button[value=csv]'),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\r\n')[0], /^reference,date,canal,partenaire/);
  assert.ok(!download.suggestedFilename().includes(person.numero_ofpra));
  // The printable page prints every column within the page.
  await arthur.page.setViewportSize({ width: 700, height: 900 });
  await arthur.page.fill('#numero_ofpra', person.numero_ofpra);
  await arthur.page.fill('#motif', "Demande d'accès RGPD n° 2026-118");
  await arthur.page.click('#recherche button[value=page]');
  await expectNoViolations(arthur.page, 'printable accesses');
  await arthur.page.emulateMedia({ media: 'print' });
  const last = await arthur.page.locator('#acces thead th').last().boundingBox();
  assert.ok(last && last.x + last.width <= 700, `the last column prints outside the page: ${JSON.stringify(last)}`);
  await arthur.page.emulateMedia({ media: 'screen' });
  await arthur.page.setViewportSize({ width: 1280, height: 720 });
  await arthur.page.goto(`${server.url}/admin/journal`);
  await arthur.page.click('form[action="/admin/journal/verification"] button');
  assert.match(await arthur.page.locator('#verification').textContent(), /Chaîne intacte/);

  // The admin sees both: the refusal and the search with its purpose.
  const alice = await signedIn('admin');
  await alice.page.goto(`${server.url}/admin/actions`);
  const actions = await alice.page.locator('#actions').textContent();
  assert.match(actions, /support@ofpra-demo\.fr\s*refus\.audit/);
  assert.match(actions, /journal\.recherche.*Demande d'accès RGPD n° 2026-118/s);
  await expectNoViolations(alice.page, 'staff actions');
  // The fishing partner of the first journey raised an alert, which she acknowledges.
  await alice.page.goto(`${server.url}/admin/alertes`);
  await expectNoViolations(alice.page, 'alerts');
  const fishing = alice.page.locator('.fr-callout', { hasText: `pêche — ${siret} —` });
  assert.match(await fishing.textContent(), /n'ont trouvé personne/);
  await fishing.locator('input[name=constat]').fill('Partenaire appelé : erreur de saisie en masse.');
  await Promise.all([alice.page.waitForNavigation(), fishing.locator('button[type=submit]').click()]);
  assert.match(await alice.page.locator('.fr-callout', { hasText: `pêche — ${siret} —` }).textContent(),
    /Acquittée le .* par admin@ofpra-demo\.fr : Partenaire appelé/);
  // Someone ProConnect knows but the back office does not: refused.
  const intruder = await browser.newContext({ locale: 'fr-FR' });
  const page = await intruder.newPage();
  await page.goto(`${server.url}/admin`);
  await page.click('a#proconnect');
  await signInAtProConnect(page, 'intrus');
  await page.waitForURL(/\/admin\/refus/);
  assert.match(await page.locator('#refus').textContent(), /administrateur du back-office vous ajoute/);
  await expectNoViolations(page, 'sign-in refused');
  // The admin adds her; she signs in.
  await alice.page.goto(`${server.url}/admin/equipe`);
  await expectNoViolations(alice.page, 'team');
  await alice.page.fill('#email', 'intrus@ofpra-demo.fr');
  await alice.page.fill('#nom', 'Iris Nouvelle');
  await alice.page.click('label[for="role_support"]');
  await alice.page.fill('#commentaire', 'Arrivée au support');
  await submit(alice.page, 'form[action="/admin/equipe"] button[type=submit]');
  assert.match(await alice.page.locator('#equipe').textContent(), /Iris Nouvelle/);
  await page.goto(`${server.url}/admin/connexion`);
  await signInAtProConnect(page, 'intrus');
  await page.waitForURL(`${server.url}/admin`);
  assert.match(await page.locator('#personnel-connecte').textContent(), /Iris Nouvelle/);
  for (const c of [sam.context, arthur.context, alice.context, intruder]) await c.close();
});

test('follow-up keys cannot be guessed: wrong ones are refused alike, and an address is soon stopped', async () => {
  const form = await fetch(`${server.url}/habilitation/suivi`);
  const cookie = form.headers.get('set-cookie').split(';')[0];
  const csrf = (await form.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const statuses = [];
  for (let i = 0; i < 25 && !statuses.includes(429); i++) {
    const r = await fetch(`${server.url}/habilitation/suivi`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, numero: String(1 + (i % 3)), cle: `cle-au-hasard-${i}` }),
    });
    statuses.push(r.status);
    if (r.status === 429) assert.ok(Number(r.headers.get('retry-after')) > 0);
    else assert.match(await r.text(), /ne correspondent à aucune demande/);
  }
  assert.equal(statuses.at(-1), 429, `never limited: ${statuses}`);
  assert.ok(statuses.slice(0, -1).every((s) => s === 403));
});
