#!/usr/bin/env node
// The demo's FranceConnect: a real OpenID provider (npm oidc-provider) on the demo machine,
// whose development login page signs in as "demo" (a person of the demo registry, whom the
// matcher names with certainty) or "inconnue" (nobody in it). Usage:
//   scripts/demo-franceconnect.mjs REGISTRY_JSONL PORT REDIRECT_URI INFO_FILE
// Writes what to type into INFO_FILE once it listens.
import { readFileSync, writeFileSync } from 'node:fs';
import { startOidcProvider } from './oidc-provider.mjs';

const [registryFile, port, redirectUri, infoFile] = process.argv.slice(2);
const records = readFileSync(registryFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const person = records.find((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date_naissance) && r.code_pays_naissance &&
  records.filter((o) => o.nom_naissance === r.nom_naissance && o.date_naissance === r.date_naissance).length === 1);
const pivot = {
  family_name: person.nom_naissance,
  given_name: person.prenoms.join(' '),
  birthdate: person.date_naissance,
  gender: person.sexe === 'F' ? 'female' : 'male',
  birthplace: '',
  birthcountry: person.code_pays_naissance,
};
const provider = await startOidcProvider({
  clientId: 'ofpra-connect-demo',
  clientSecret: process.env.OFPRA_CONNECT_FRANCECONNECT_SECRET,
  redirectUri,
  port: Number(port),
  accounts: { demo: pivot, inconnue: { ...pivot, family_name: 'INCONNUE', given_name: 'Nadia', birthdate: '1901-01-01' } },
});
writeFileSync(infoFile, [
  `  FranceConnect (demo provider at ${provider.issuer}): on /connexion, "S'identifier avec FranceConnect",`,
  `    login "demo" = ${pivot.given_name} ${pivot.family_name}, born ${pivot.birthdate}: confirm once with OFPRA number ${person.numero_ofpra};`,
  '    login "inconnue" = nobody in the registry (any password).',
  '',
].join('\n'));
