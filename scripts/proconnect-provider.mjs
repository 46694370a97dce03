// A real OpenID provider (the npm oidc-provider) configured like ProConnect, for the counter's
// tests and the demo: ProConnect's scopes and claims (given_name, usual_name, email, uid,
// siret, idp_id), levels of assurance eidas1 to eidas3 (each demo agent signs in at hers), an ID
// token signed ES256 and a userinfo answer signed RS256 (application/jwt), PKCE, and
// RP-initiated logout. Its login page takes any password: the login names the agent.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import { fillProviderLogin, listenAsIssuer } from './oidc-provider.mjs';

const claimScopes = ['given_name', 'usual_name', 'email', 'uid', 'siret', 'idp_id'];

function keys() {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return { keys: [{ ...ec, kid: 'es256', use: 'sig', alg: 'ES256' }, { ...rsa, kid: 'rs256', use: 'sig', alg: 'RS256' }] };
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, agents, error = '') {
  const list = Object.entries(agents).map(([login, a]) =>
    `<li><code>${escape(login)}</code>: ${escape(a.given_name)} ${escape(a.usual_name)}, SIRET ${escape(a.siret)}, ${escape(a.acr ?? 'eidas1')}</li>`).join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>ProConnect (démo)</title></head><body>
<main><h1>ProConnect (fournisseur de démonstration)</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Agent</label> <input id="login" name="login" autofocus>
<label for="password">Mot de passe (n'importe lequel)</label> <input id="password" name="password" type="password">
<button type="submit">Se connecter</button></form>
<p>Agents de démonstration :</p><ul>${list}</ul></main></body></html>`;
}

async function formBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

// agents: { login: { given_name, usual_name, email, uid, siret, idp_id, acr } }. publicUrl: the
// relying party's, whose counter (/guichet) and back office (/admin) both sign in here.
export async function startProConnectProvider({ clientId, clientSecret, publicUrl, agents, port = 0, host = '127.0.0.1' }) {
  const { server, issuer, close } = await listenAsIssuer(port, host);
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${publicUrl}/guichet/retour`, `${publicUrl}/admin/retour`],
      post_logout_redirect_uris: [`${publicUrl}/guichet/deconnecte`, `${publicUrl}/admin/deconnecte`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
      userinfo_signed_response_alg: 'RS256',
    }],
    jwks: keys(),
    acrValues: ['eidas1', 'eidas2', 'eidas3'],
    claims: Object.fromEntries([['openid', ['sub']], ...claimScopes.map((c) => [c, [c]])]),
    scopes: ['openid', ...claimScopes],
    findAccount: (ctx, id) => {
      const a = agents[id];
      if (!a) return undefined;
      const { acr, ...claims } = a;
      return { accountId: id, claims: () => ({ sub: `sub-${id}`, ...claims }) };
    },
    // ProConnect asks the agent nothing more once signed in: every scope asked is granted.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['a development-only key, not a secret'] },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Déconnexion ProConnect (démo)</title></head>
<body><main><h1>Se déconnecter de ProConnect ?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button></main></body></html>`;
        },
      },
    },
  });
  provider.on('server_error', (ctx, err) => console.error('oidc-provider:', err));
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const m = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!m) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginPage(details.uid, agents));
      }
      const { login } = await formBody(req);
      const agent = agents[login];
      if (!agent) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginPage(details.uid, agents, 'Agent inconnu.'));
      }
      await provider.interactionFinished(req, res, { login: { accountId: login, acr: agent.acr ?? 'eidas1' } }, { mergeWithLastSubmission: false });
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err.message));
    }
  });
  return { issuer, close };
}

// Signs in on its login page as `login`: nothing more is asked.
export const signInAtProConnect = fillProviderLogin;
