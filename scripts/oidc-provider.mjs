// A real OpenID provider (the npm oidc-provider) for the relying party's tests and the demo:
// FranceConnect-like scopes and claims (given_name, family_name, birthdate, gender,
// birthplace, birthcountry), one confidential client, and its development login pages, where
// any login names the account of that id.
import http from 'node:http';
import Provider from 'oidc-provider';

const claimScopes = ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry'];

// An HTTP server listening on host:port (0: any free port), the issuer it serves, and how to
// close it.
export async function listenAsIssuer(port, host) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(port, host, resolve));
  const close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); });
  return { server, issuer: `http://${host}:${server.address().port}`, close };
}

// Fills the provider's login page (any password) and submits it.
export async function fillProviderLogin(page, login) {
  await page.waitForSelector('input[name="login"]');
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'anything');
  await page.click('button[type="submit"]');
}

export async function startOidcProvider({ clientId, clientSecret, redirectUri, accounts, port = 0, host = '127.0.0.1' }) {
  const { server, issuer, close } = await listenAsIssuer(port, host);
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: Object.fromEntries([['openid', ['sub']], ...claimScopes.map((c) => [c, [c]])]),
    scopes: ['openid', ...claimScopes],
    findAccount: (ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
    pkce: { required: () => true },
    cookies: { keys: ['a development-only key, not a secret'] },
    features: { devInteractions: { enabled: true } },
  });
  // Its warnings about development-only settings are for people running it, not for tests.
  provider.on('server_error', (ctx, err) => console.error('oidc-provider:', err));
  server.on('request', provider.callback());
  return { issuer, close };
}

// Signs in on its development pages as `login` and grants what is asked.
export async function signInAtProvider(page, login) {
  await fillProviderLogin(page, login);
  const consent = page.locator('button[type="submit"]');
  if (await page.locator('input[name="login"]').count() === 0 && await consent.count() > 0) await consent.first().click();
}
