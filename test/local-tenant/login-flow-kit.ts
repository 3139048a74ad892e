/**
 * The tenant and the client moves of the login flow's end-to-end test: the apps, API, roles, connections
 * and attack protection it declares through the Management API, and a headless browser's steps (follow
 * /authorize, read a page's hidden fields, post a form, exchange the code with openid-client).
 */
import { createRemoteJWKSet, customFetch as joseFetch, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { expect } from 'vitest';
import type { LocalTenant } from '../../scripts/local-tenant';
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import type { fetchTrusting } from '../../scripts/login/trusting-fetch';
import { httpClient } from './http-client';
import { completed, loginDoubles } from './login-doubles';

type TrustingFetch = ReturnType<typeof fetchTrusting>;

export const API = 'https://documents.example.com/';
export const SPA_CALLBACK = 'https://spa.example.com/callback';
export const WEB_CALLBACK = 'https://web.example.com/callback';
export const SPA_LOGOUT = 'https://spa.example.com/';
export const DATABASE = 'Username-Password-Authentication';
export const LEGACY = 'legacy-users';
export const PASSWORDS = Object.fromEntries(TEST_USERS.map((user) => [user.email, user.password]));
/** The password of the users the test adds beside the documented ones. */
export const PLAIN_PASSWORD = 'Plain-Pass-123';

export async function declareLoginTenant(tenant: LocalTenant, issuer: URL, trustingFetch: TrustingFetch) {
  const api = httpClient(tenant);
  const token = await api.token();
  const manage = async (method: string, route: string, body: unknown) => {
    const answer = await api.send(method, `/api/v2${route}`, body, { token });
    if (answer.status >= 300)
      throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Record<string, unknown>;
  };
  const spaClient = await manage('POST', '/clients', {
    name: 'Documents SPA',
    app_type: 'spa',
    token_endpoint_auth_method: 'none',
    callbacks: [SPA_CALLBACK],
    allowed_logout_urls: [SPA_LOGOUT],
    grant_types: ['authorization_code', 'refresh_token'],
  });
  const webClient = await manage('POST', '/clients', {
    name: 'Documents Web',
    app_type: 'regular_web',
    token_endpoint_auth_method: 'client_secret_post',
    callbacks: [WEB_CALLBACK],
    grant_types: ['authorization_code'],
    organization_usage: 'allow',
  });
  await manage('POST', '/resource-servers', {
    name: 'Documents',
    identifier: API,
    enforce_policies: true,
    token_dialect: 'access_token_authz',
    allow_offline_access: true,
    token_lifetime: 1200,
    scopes: ['read:documents', 'write:documents'].map((value) => ({ value, description: value })),
  });
  for (const [name, permissions] of [
    ['admin', ['read:documents', 'write:documents']],
    ['user', ['read:documents']],
    ['org-admin', ['write:documents']],
  ] as const) {
    const role = await manage('POST', '/roles', { name });
    await manage('POST', `/roles/${String(role.id)}/permissions`, {
      permissions: permissions.map((permission_name) => ({
        permission_name,
        resource_server_identifier: API,
      })),
    });
  }
  await manage('POST', '/connections', {
    name: DATABASE,
    strategy: 'auth0',
    enabled_clients: [spaClient.client_id, webClient.client_id],
    options: {
      brute_force_protection: true,
      passwordPolicy: 'fair',
      password_dictionary: { enable: true, dictionary: [] },
    },
  });
  await manage('POST', '/connections', {
    name: LEGACY,
    strategy: 'auth0',
    enabled_clients: [spaClient.client_id],
    options: {
      enabledDatabaseCustomization: true,
      import_mode: true,
      customScripts: { login: 'function login() {}' },
    },
  });
  await manage('POST', '/connections', {
    name: 'github',
    strategy: 'github',
    enabled_clients: [spaClient.client_id],
  });
  await manage('PATCH', '/attack-protection/brute-force-protection', {
    enabled: true,
    max_attempts: 3,
    shields: ['block'],
    mode: 'count_per_identifier_and_ip',
  });
  await manage('POST', '/organizations', { name: 'acme', display_name: 'Acme' });
  const fetchOption = { [oidc.customFetch]: trustingFetch };
  const spa = await oidc.discovery(issuer, String(spaClient.client_id), undefined, oidc.None(), fetchOption);
  const web = await oidc.discovery(
    issuer,
    String(webClient.client_id),
    String(webClient.client_secret),
    oidc.ClientSecretPost(String(webClient.client_secret)),
    fetchOption,
  );
  return { spa, web };
}

/**
 * The doubles as the test scripts them: a post-login that denies denied@, sends redirect@ out to a consent
 * page, asks admins for MFA and adds a roles claim; a legacy store knowing legacy@ and down for down@.
 */
export const scriptedDoubles = () =>
  loginDoubles(
    (input) => {
      const email = input.user.email;
      if (email === 'denied@example.com')
        return { kind: 'denied', reason: 'Access denied by policy', actionName: 'guard', actions: [] };
      if (email === 'redirect@example.com') {
        return {
          kind: 'paused',
          flowId: 'flow-1',
          redirect: { url: 'https://consent.example.com/ask', query: { step: '1' } },
          actions: [],
        };
      }
      const roles = { 'https://example.com/roles': input.user.roles };
      return completed(input, {
        idTokenClaims: roles,
        accessTokenClaims: roles,
        appMetadata: { ...input.user.app_metadata, last_client: String(input.client.name) },
        ...(input.user.roles.includes('admin') ? { mfa: { kind: 'enable' as const, factors: ['otp'] } } : {}),
      });
    },
    (email, password) => {
      if (email === 'down@example.com')
        return { kind: 'outage', message: 'connect ECONNREFUSED 127.0.0.1:8443' };
      if (email !== 'legacy@example.com') return { kind: 'not-found' };
      if (password !== 'Legacy-Pass-1')
        return { kind: 'wrong-credentials', message: 'Wrong email or password.' };
      return {
        kind: 'user',
        profile: { user_id: 'legacy-17', email, email_verified: true, name: 'Legacy Person' },
      };
    },
  );

/** The hidden fields and the secret a page shows, read as a headless client reads them. */
export async function readPage(response: Response) {
  const html = await response.text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return {
    html,
    state: value('state'),
    csrf: value('csrf'),
    secret: /data-totp-secret>([A-Z2-7]+)</.exec(html)?.[1],
  };
}

export interface Started {
  config: oidc.Configuration;
  redirectUri: string;
  verifier: string;
  state: string;
  nonce: string;
  page: Awaited<ReturnType<typeof readPage>>;
}

/** A headless client of the tenant at `issuer`. */
export function loginDriver(issuer: URL, trustingFetch: TrustingFetch) {
  const at = (location: string | null) => new URL(location ?? '', issuer).href;
  const get = (url: string) => trustingFetch(url);
  const post = (route: string, form: Record<string, string>) =>
    trustingFetch(new URL(route, issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  async function startLogin(
    config: oidc.Configuration,
    redirectUri: string,
    params: Record<string, string> = {},
  ): Promise<Started> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email offline_access read:documents write:documents',
      audience: API,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...params,
    });
    const authorize = await get(url.href);
    expect(authorize.status).toBe(302);
    const page = await readPage(await get(at(authorize.headers.get('location'))));
    return { config, redirectUri, verifier, state, nonce, page };
  }

  const submit = (started: Started, email: string, password = PASSWORDS[email] ?? PLAIN_PASSWORD) =>
    post('/u/login', { state: started.page.state, csrf: started.page.csrf, email, password });

  async function exchange(started: Started, callback: Response) {
    expect(callback.status).toBe(302);
    return oidc.authorizationCodeGrant(started.config, new URL(at(callback.headers.get('location'))), {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
  }

  const jwks = () =>
    createRemoteJWKSet(new URL('.well-known/jwks.json', issuer), { [joseFetch]: trustingFetch });
  const verifyAccess = async (token: string) =>
    (await jwtVerify(token, jwks(), { issuer: issuer.href, audience: API, algorithms: ['RS256'] })).payload;
  return { at, get, post, startLogin, submit, exchange, jwks, verifyAccess };
}
