#!/usr/bin/env node
// The demo's ProConnect: a real OpenID provider (npm oidc-provider, scripts/proconnect-provider.mjs)
// on the demo machine, with an agent of each demo partner (the SIRETs `seed` gives them) and one
// of an organisation that is not a partner. Usage:
//   scripts/demo-proconnect.mjs PORT PUBLIC_URL INFO_FILE
// Writes how to sign in into INFO_FILE once it listens.
import { writeFileSync } from 'node:fs';
import { startProConnectProvider } from './proconnect-provider.mjs';
import { completeSiret as siret } from './siret.mjs';

const [port, publicUrl, infoFile] = process.argv.slice(2);

const agent = (given, usual, domain, prefix, acr = 'eidas1') => ({
  given_name: given, usual_name: usual, email: `${given.toLowerCase()}.${usual.toLowerCase()}@${domain}`,
  uid: `${given[0].toLowerCase()}${usual.toLowerCase()}`, siret: siret(prefix), idp_id: 'demo-idp', acr,
});
const agents = {
  ecole: agent('Claire', 'Martin', 'college-demo.fr', '9990000200001'),
  caf: agent('Karim', 'Benali', 'caf-demo.fr', '9990000300001', 'eidas2'),
  mairie: agent('Sophie', 'Durand', 'mairie-demo.fr', '9990000700001'),
  transport: agent('Paul', 'Leroy', 'transports-demo.fr', '9990000100001'),
  inconnu: agent('Marc', 'Petit', 'ailleurs-demo.fr', '1234567800001'),
  // OFPRA's staff, known to the back office by these e-mails (`seed` adds them).
  ...Object.fromEntries(['admin', 'instructeur', 'instructrice', 'support', 'audit'].map((login) => [login, {
    given_name: login[0].toUpperCase() + login.slice(1), usual_name: 'Ofpra', email: `${login}@ofpra-demo.fr`,
    uid: login, siret: siret('9990000000001'), idp_id: 'demo-idp', acr: 'eidas1',
  }])),
};
const provider = await startProConnectProvider({
  clientId: 'ofpra-connect-demo',
  clientSecret: process.env.OFPRA_CONNECT_PROCONNECT_SECRET,
  publicUrl,
  port: Number(port),
  agents,
});
writeFileSync(infoFile, [
  `  Counter for partner agents (${publicUrl}/guichet, demo ProConnect at ${provider.issuer}), any password:`,
  '    login "ecole" = Claire Martin, Collège de démonstration (protection and civil-status progress, with consent);',
  '    login "caf" = Karim Benali, CAF (everything, eidas2); "mairie", "transport" = other partners;',
  '    login "inconnu" = an organisation that is not a partner (refused).',
  `  Back office for OFPRA staff (${publicUrl}/admin, same demo ProConnect), any password:`,
  '    login "admin" (team), "instructeur" and "instructrice" (habilitation requests, credentials),',
  '    "audit" (the journal), "support". Organisations request access at /habilitation.',
  '',
].join('\n'));
