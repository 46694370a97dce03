// Requests to OFPRA as their users meet them (issue 28): at the counter an ambiguous identity
// turns into a request; OFPRA's support, signed in with ProConnect, sees the candidates, takes
// and answers it through the door; the agent reads the answer; the CAF's information system
// reads its own request's answer through the API; the person sees the answer in her history and
// asks her own question in her portal; another request is closed with what to send. Then the
// public statistics, in French and Arabic, on a phone, with their JSON and CSV. Every page has
// no axe-core violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessToken, cli, tempDir, freePort, proconnectAgent, startServerWithProvider, stopJourney, testClient,
} from '../support/ofpra.mjs';
import { expectNoViolations, launch } from '../support/browser.mjs';
import { startProConnectProvider, signInAtProConnect } from '../../scripts/proconnect-provider.mjs';

let t;
let server;
let provider;
let browser;
let cafClient;
let account;

const caf = '99900003000018';
const ofpra = '99900000000010';
const tesfaye = { nom_naissance: 'TESFAYE', prenoms: 'Tsehaye', date_naissance: '1985', code_pays_naissance: '99317' };

before(async () => {
  t = tempDir();
  // The demo's namesakes, and its year of activity: a queue that already holds requests.
  const seeded = cli('seed', '--db', t.db('r.db'), '--persons', '300', '--demo-activity');
  assert.equal(seeded.status, 0, seeded.stderr);
  const m = seeded.stdout.match(/caf\s+(\d{14})\s+client_id=(\S+)\s+client_secret=(\S+)/);
  cafClient = { id: m[2], secret: m[3] };
  const a = seeded.stdout.match(/numero_ofpra=(\d{9})\s+password=(\S+)/);
  account = { numero: a[1], password: a[2] };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startProConnectProvider({
    ...testClient,
    publicUrl: url,
    agents: {
      caf: proconnectAgent('Karim', 'Benali', caf, 'eidas2'),
      support: { ...proconnectAgent('Samia', 'Support', ofpra), email: 'support@ofpra-demo.fr' },
      audit: { ...proconnectAgent('Arthur', 'Audit', ofpra), email: 'audit@ofpra-demo.fr' },
    },
  });
  server = await startServerWithProvider(t.db('r.db'), 'proconnect', provider, url, port, [
    '--outbox-dir', t.file('outbox'), '--statistics-period-s', '0']);
  browser = await launch();
});

after(() => stopJourney({ browser, server, provider, t }));

const submit = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

async function signedIn(path, login) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.click('a#proconnect');
  await signInAtProConnect(page, login);
  await page.waitForURL(`${server.url}${path}`);
  return { context, page };
}

async function askByIdentity(page) {
  await page.goto(`${server.url}/guichet?par=identite`);
  for (const [id, value] of Object.entries(tesfaye)) await page.fill(`#${id}`, value);
  await submit(page, 'form[action="/guichet/verifier"] button[type=submit]');
  await page.locator('#ambigu').waitFor();
}

async function fileFromCounter(page, note) {
  await askByIdentity(page);
  await page.fill('#note', note);
  await submit(page, '#demander-ofpra button[type=submit]');
  assert.match(page.url(), /\/guichet\/demande\?id=[2-9A-Z]{10}$/);
  return new URL(page.url()).searchParams.get('id');
}

function journal() {
  const r = cli('journal', 'export', '--db', t.db('r.db'));
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.seq !== undefined);
}

test('an ambiguous answer at the counter goes to OFPRA, whose support answers; the agent and the person see it', { timeout: 240000 }, async () => {
  const agent = await signedIn('/guichet', 'caf');
  const support = await signedIn('/admin', 'support');
  try {
    const { page } = agent;
    const before = journal().length;
    await askByIdentity(page);
    assert.ok(await page.locator('#demander-ofpra').isVisible());
    await expectNoViolations(page, 'counter: ambiguous answer with the request form');
    // An empty note is refused and the question kept.
    await submit(page, '#demander-ofpra button[type=submit]');
    assert.match(await page.locator('#note-erreur').textContent(), /Ofpra/);
    assert.equal(await page.inputValue('input[name=nom_naissance]'), 'TESFAYE');
    await expectNoViolations(page, 'counter: request form refused');
    await page.fill('#note', "Né à Asmara ; sa carte de résident porte l'orthographe TESFAYE.");
    await submit(page, '#demander-ofpra button[type=submit]');
    const id = new URL(page.url()).searchParams.get('id');
    assert.match(id, /^[2-9A-Z]{10}$/);
    assert.match(await page.locator('#etat').textContent(), /Transmise/);
    await expectNoViolations(page, 'counter: request filed');

    // The support's queue, the request with its candidates.
    const office = support.page;
    assert.ok(await office.locator('nav a[href="/admin/file"]').isVisible());
    await office.goto(`${server.url}/admin/file`);
    await expectNoViolations(office, 'back office: queue');
    assert.match(await office.locator('#en-attente').textContent(), new RegExp(id));
    await office.goto(`${server.url}/admin/file/demande?id=${id}`);
    assert.equal(await office.locator('#candidats tbody tr').count(), 2);
    assert.match(await office.locator('#question').textContent(), /TESFAYE/);
    assert.match(await office.locator('#note').textContent(), /Asmara/);
    await expectNoViolations(office, 'back office: request with candidates');
    await submit(office, 'form input[value=prendre] ~ button');
    assert.match(await office.locator('#prise-en-charge').textContent(), /support@ofpra-demo\.fr/);
    // Answering without choosing is refused; then the person born in Asmara.
    await submit(office, 'form[action="/admin/file/demande"] button:has-text("Répondre")');
    assert.match(await office.locator('#numero_ofpra-erreur').textContent(), /Choisissez/);
    await expectNoViolations(office, 'back office: answer refused');
    await office.click('label[for="candidat-999000001"]');
    await submit(office, 'form[action="/admin/file/demande"] button:has-text("Répondre")');
    assert.match(await office.locator('#traitement').textContent(), /Répondue.*999000001/s);

    // The agent reads the answer: her name and birth year, and what the CAF may see.
    await page.goto(`${server.url}/guichet/demande?id=${id}`);
    assert.match(await page.locator('#etat').textContent(), /Répondue/);
    assert.ok(await page.locator('#reponse').isVisible());
    assert.match(await page.locator('main').textContent(), /999000001/);
    await expectNoViolations(page, 'counter: the answer');
    await page.goto(`${server.url}/guichet/demandes`);
    assert.match(await page.locator('#demandes').textContent(), new RegExp(`${id}.*Répondue`, 's'));
    await expectNoViolations(page, 'counter: my requests');

    // The journal: the filing names nobody; OFPRA's answer names her, for the CAF.
    const entries = journal().slice(before);
    const filed = entries.filter((e) => e.result === 'demande');
    assert.equal(filed.length, 1);
    assert.equal(filed[0].person, '');
    const answered = entries.filter((e) => e.channel === 'ofpra' && e.person === '999000001');
    assert.equal(answered.length, 1);
    assert.equal(answered[0].result, 'trouve');
    assert.equal(answered[0].partner_siret, caf);
    assert.ok(entries.every((e) => !(e.person === '999000002' && e.result === 'trouve')), 'her namesake disclosed');

    // A second request, closed with what to send.
    const second = await fileFromCounter(page, 'Autre dossier, même nom.');
    await office.goto(`${server.url}/admin/file/demande?id=${second}`);
    await office.click('label[for="raison-informations_insuffisantes"]');
    await office.fill('#message', 'Envoyez son numéro AGDREF, sur son titre de séjour.');
    await submit(office, 'form[action="/admin/file/demande"] button:has-text("Clore")');
    assert.match(await office.locator('#traitement').textContent(), /Close/);
    await page.goto(`${server.url}/guichet/demande?id=${second}`);
    assert.match(await page.locator('#message-ofpra').textContent(), /AGDREF/);
    await expectNoViolations(page, 'counter: closed request');
  } finally {
    await agent.context.close();
    await support.context.close();
  }
  // Staff without the support role are refused the queue.
  const auditor = await signedIn('/admin', 'audit');
  try {
    const r = await auditor.page.goto(`${server.url}/admin/file`);
    assert.equal(r.status(), 403);
  } finally {
    await auditor.context.close();
  }
});

test("the CAF's information system reads OFPRA's answer to its own request", { timeout: 180000 }, async () => {
  const tok = await accessToken(server.url, cafClient.id, cafClient.secret);
  const call = (path, body) => fetch(`${server.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const question = { recipient: caf, motif: 'Ouverture de droits', scopes: ['protection', 'etat_civil.identite'],
    identite: { nom_naissance: 'TESFAYE', prenoms: ['Tsehaye'], date_naissance: '1985', code_pays_naissance: '99317' } };
  const automatic = await (await call('/api/v1/verifications', question)).json();
  assert.equal(automatic.data.resultat, 'ambigu');
  const filed = await (await call('/api/v1/demandes', { ...question, note: 'Né à Keren.', reference: automatic.meta.reference })).json();
  const id = filed.data.id;
  const support = await signedIn('/admin', 'support');
  try {
    await support.page.goto(`${server.url}/admin/file/demande?id=${id}`);
    await support.page.fill('#autre_numero', '999000002');
    await submit(support.page, 'form[action="/admin/file/demande"] button:has-text("Répondre")');
    assert.match(await support.page.locator('#traitement').textContent(), /999000002/);
  } finally {
    await support.context.close();
  }
  const read = await (await call(`/api/v1/demandes/${id}`)).json();
  assert.equal(read.data.statut, 'repondue');
  assert.equal(read.data.reponse.resultat, 'trouve');
  assert.equal(read.data.reponse.etat_civil_identite.numero_ofpra, '999000002');
  assert.equal(read.data.reponse.protection.protege, true);
  assert.equal(read.data.reponse.designation, undefined);
  // The technical contact is told, without personal data.
  const answeredEntry = journal().find((e) => e.seq === Number(read.data.reference_reponse));
  assert.equal(answeredEntry.person, '999000002');
});

test('the person asks OFPRA a question from her portal and reads the reply', { timeout: 180000 }, async () => {
  let question;
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/connexion`);
    await page.fill('#numero_ofpra', account.numero);
    await page.fill('#mot_de_passe', account.password);
    await submit(page, 'main button[type=submit]');
    await page.goto(`${server.url}/espace/questions`);
    assert.ok(await page.locator('nav a[href="/espace/questions"]').first().isVisible(), `${page.url()}: ${await page.locator('main').textContent()}`);
    await expectNoViolations(page, 'portal: questions');
    await submit(page, 'form[action="/espace/questions"] button[type=submit]');
    assert.ok(await page.locator('#sujet-error').isVisible());
    await expectNoViolations(page, 'portal: question refused');
    await page.click('label[for="sujet-etat_civil"]');
    await page.fill('#note', "Quand mon acte de naissance sera-t-il prêt ?");
    await submit(page, 'form[action="/espace/questions"] button[type=submit]');
    question = new URL(page.url()).searchParams.get('envoyee');
    assert.match(await page.locator('#question-envoyee').textContent(), /au plus tard/);
    assert.match(await page.locator('#mes-questions').textContent(), /acte de naissance/);
  } finally {
    await context.close();
  }
  const support = await signedIn('/admin', 'support');
  try {
    await support.page.goto(`${server.url}/admin/file`);
    await Promise.all([support.page.waitForNavigation(), support.page.click(`#en-attente a:text("${question}")`)]);
    assert.match(await support.page.locator('#personne').textContent(), new RegExp(account.numero));
    await support.page.fill('#message', 'Votre acte sera établi dans les trois mois.');
    await submit(support.page, 'form[action="/admin/file/demande"] button:has-text("Envoyer la réponse")');
    assert.match(await support.page.locator('#traitement').textContent(), /réponse écrite/i);
  } finally {
    await support.context.close();
  }
  // In Arabic, on a phone: her reply, right to left.
  const phone = await browser.newContext({ locale: 'ar', viewport: { width: 390, height: 844 } });
  const p = await phone.newPage();
  try {
    await p.goto(`${server.url}/langue?choix=ar&retour=/connexion`);
    await p.goto(`${server.url}/connexion`);
    await p.fill('#numero_ofpra', account.numero);
    await p.fill('#mot_de_passe', account.password);
    await submit(p, 'main button[type=submit]');
    await p.goto(`${server.url}/espace/questions`);
    assert.equal(await p.getAttribute('html', 'dir'), 'rtl');
    assert.match(await p.locator('#mes-questions').textContent(), /trois mois/);
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page scrolls sideways (${width} px)`);
    await expectNoViolations(p, 'portal: questions in Arabic on a phone');
  } finally {
    await phone.close();
  }
});

test('the public statistics show the demo\'s year as charts and tables, and the same as data', { timeout: 240000 }, async () => {
  const stats = server;
  const json = await (await fetch(`${stats.url}/api/v1/statistiques`)).json();
  const csv = await (await fetch(`${stats.url}/statistiques.csv`)).text();
  assert.equal(json.data.seuil_de_publication, 10);
  assert.equal(json.data.mois.length, 12);
  assert.ok(json.data.reponses_automatiques.trouve >= 10, JSON.stringify(json.data.reponses_automatiques));
  assert.ok(json.data.demandes_a_l_ofpra.deposees >= 10, JSON.stringify(json.data.demandes_a_l_ofpra));
  assert.match(csv.split('\n')[0], /^indicateur,mois,categorie,valeur,secret_statistique$/);
  // Small counts: never published, in JSON nor CSV.
  for (const m of json.data.mois)
    for (const v of [...Object.values(m.reponses_automatiques), ...Object.values(m.reponses_par_niveau)])
      assert.ok(v === null || v >= 10, JSON.stringify(m));
  const counts = csv.trim().split('\n').slice(1).filter((l) => !/pourcent|jours|delai/.test(l));
  for (const line of counts) {
    const [, , , value, secret] = line.split(',');
    assert.ok(secret === 'oui' ? value === '' : Number(value) >= 10, line);
  }
  // The CSV says what the JSON says.
  const last = json.data.mois.at(-2);
  const trouve = counts.find((l) => l.startsWith(`reponses_automatiques,${last.mois},trouve,`));
  assert.equal(trouve.split(',')[3], last.reponses_automatiques.trouve === null ? '' : String(last.reponses_automatiques.trouve));
  for (const [locale, lang, viewport] of [['fr-FR', 'fr', { width: 1280, height: 900 }], ['ar', 'ar', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ locale, viewport });
    const page = await context.newPage();
    try {
      await page.goto(`${stats.url}/langue?choix=${lang}&retour=/statistiques`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      const charts = page.locator('svg.ofpra-chart[role=img]');
      assert.ok(await charts.count() >= 3);
      const labelled = await charts.first().getAttribute('aria-labelledby');
      assert.equal(await page.locator(`[id="${labelled.split(' ')[0]}"]`).count(), 1);
      assert.ok(await charts.first().locator('rect').count() > 0, 'a chart without bars');
      // Every label and value stays inside its chart, whatever the page's direction.
      const outside = await page.evaluate(() => [...document.querySelectorAll('svg.ofpra-chart text')]
        .filter((t) => {
          const box = t.getBBox();
          const width = t.ownerSVGElement.viewBox.baseVal.width;
          return box.x < -1 || box.x + box.width > width + 1;
        }).map((t) => t.textContent));
      assert.deepEqual(outside, [], `labels outside their chart (${lang})`);
      assert.equal(await page.locator('#tableau-niveaux tbody tr').count(), 12);
      await expectNoViolations(page, `statistics (${lang})`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `the page scrolls sideways (${width} px)`);
    } finally {
      await context.close();
    }
  }
});
