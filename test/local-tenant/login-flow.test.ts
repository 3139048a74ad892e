import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { base32Decode, totp } from '../../scripts/local-tenant/authentication/totp';
import { fetchTrusting } from '../../scripts/login/trusting-fetch';
import {
  API,
  DATABASE,
  declareLoginTenant,
  LEGACY,
  loginDriver,
  PASSWORDS,
  PLAIN_PASSWORD,
  readPage,
  SPA_CALLBACK,
  SPA_LOGOUT,
  scriptedDoubles,
  WEB_CALLBACK,
} from './login-flow-kit';

/**
 * The login flow end to end against the local tenant, with test doubles for the Actions runtime, the
 * refresh tokens and the log events: an OpenID Connect client (openid-client) runs the authorization
 * code flow with PKCE, the login form is posted as a headless client would, tokens are verified with jose.
 */
const doubles = scriptedDoubles();

let dir: string;
let tenant: LocalTenant;
let issuer: URL;
let trustingFetch: ReturnType<typeof fetchTrusting>;
let spa: oidc.Configuration;
let web: oidc.Configuration;
let { at, get, post, startLogin, submit, exchange, jwks, verifyAccess } = {} as ReturnType<
  typeof loginDriver
>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-login-'));
  const extra = ['denied@example.com', 'redirect@example.com', 'victim@example.com'].map((email) => ({
    email,
    password: PLAIN_PASSWORD,
    roles: ['user'],
  }));
  tenant = await startLocalTenant({
    port: 0,
    stateFile: path.join(dir, 'state.json'),
    loginServices: doubles.services,
    seedUsers: [...TEST_USERS, ...extra],
  });
  issuer = new URL(`https://${tenant.domain}/`);
  trustingFetch = fetchTrusting(tenant.caFile);
  ({ spa, web } = await declareLoginTenant(tenant, issuer, trustingFetch));
  ({ at, get, post, startLogin, submit, exchange, jwks, verifyAccess } = loginDriver(issuer, trustingFetch));
});

afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the login flow', () => {
  it('signs a user in with PKCE: tokens with RBAC-filtered scopes and permissions, userinfo, refresh rotation, logout', async () => {
    const started = await startLogin(spa, SPA_CALLBACK);
    const tokens = await exchange(started, await submit(started, 'user@example.com'));
    const access = await verifyAccess(tokens.access_token);
    expect(access).toMatchObject({
      aud: [API, `${issuer.href}userinfo`],
      scope: 'openid profile email offline_access read:documents',
      permissions: ['read:documents'],
      'https://example.com/roles': ['user'],
    });
    const id = (
      await jwtVerify(String(tokens.id_token), jwks(), {
        issuer: issuer.href,
        audience: spa.clientMetadata().client_id,
      })
    ).payload;
    expect(id).toMatchObject({
      email: 'user@example.com',
      email_verified: true,
      name: 'Local User',
      nonce: started.nonce,
      'https://example.com/roles': ['user'],
    });
    const input = doubles.actions.postLoginInputs.at(-1);
    expect(input?.authenticationMethods.map((method) => method.name)).toEqual(['pwd']);
    expect(input).toMatchObject({
      resourceServer: { identifier: API },
      connection: { name: DATABASE },
      request: { ip: '127.0.0.1' },
    });

    const info = await oidc.fetchUserInfo(spa, tokens.access_token, String(id.sub));
    expect(info).toMatchObject({ email: 'user@example.com', name: 'Local User' });
    expect(JSON.stringify(info)).not.toMatch(/password|salt/);

    const refreshed = await oidc.refreshTokenGrant(spa, String(tokens.refresh_token));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(await verifyAccess(refreshed.access_token)).toMatchObject({
      sub: id.sub,
      permissions: ['read:documents'],
    });
    await expect(oidc.refreshTokenGrant(spa, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
    await expect(oidc.refreshTokenGrant(spa, String(refreshed.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    const logout = await get(
      new URL(
        `/v2/logout?client_id=${spa.clientMetadata().client_id}&returnTo=${encodeURIComponent(SPA_LOGOUT)}`,
        issuer,
      ).href,
    );
    expect([logout.status, logout.headers.get('location')]).toEqual([302, SPA_LOGOUT]);
    const elsewhere = await get(
      new URL(
        `/v2/logout?client_id=${spa.clientMetadata().client_id}&returnTo=https://evil.example.com/`,
        issuer,
      ).href,
    );
    expect([elsewhere.status, elsewhere.headers.get('location')]).toEqual([400, null]);
    expect(doubles.logs.types()).toEqual(expect.arrayContaining(['s', 'slo']));
    tenant.saveState();
    const stored = await readFile(tenant.stateFile, 'utf8');
    expect(stored).toContain('"salt"');
    expect(stored).not.toContain(PASSWORDS['user@example.com']);
  });

  it('serves pages that frame nothing, run no script and escape what they echo', async () => {
    const started = await startLogin(spa, SPA_CALLBACK);
    const answer = await post('/u/login', {
      state: started.page.state,
      csrf: started.page.csrf,
      email: '"><script>alert(1)</script>@x.com',
      password: 'wrong',
    });
    const html = await answer.text();
    expect(answer.status).toBe(401);
    expect(answer.headers.get('x-frame-options')).toBe('deny');
    expect(answer.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*frame-ancestors 'none'/,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const forged = await post('/u/login', {
      state: started.page.state,
      csrf: 'forged',
      email: 'user@example.com',
      password: PASSWORDS['user@example.com'] ?? '',
    });
    expect(forged.status).toBe(403);
  });

  it('refuses a wrong password and an unknown user, and blocks the account at the brute-force limit', async () => {
    const started = await startLogin(spa, SPA_CALLBACK);
    expect((await submit(started, 'victim@example.com', 'Wrong-Pass-1')).status).toBe(401);
    expect((await submit(started, 'nobody@example.com', 'Wrong-Pass-1')).status).toBe(401);
    expect(doubles.logs.types()).toEqual(expect.arrayContaining(['fp', 'fu']));
    await submit(started, 'victim@example.com', 'Wrong-Pass-2');
    await submit(started, 'victim@example.com', 'Wrong-Pass-3');
    expect(doubles.logs.types()).toContain('limit_wc');
    const blocked = await submit(started, 'victim@example.com');
    expect(blocked.status).toBe(429);
    const fromElsewhere = await post('/u/login', {
      state: started.page.state,
      csrf: started.page.csrf,
      email: 'victim@example.com',
      password: 'Plain-Pass-123',
    });
    expect(fromElsewhere.status).toBe(429);
  });

  it('sends a blocked user and a denial by the Actions back to the app with access_denied', async () => {
    for (const [email, description] of [
      ['suspended@example.com', 'user is blocked'],
      ['denied@example.com', 'Access denied by policy'],
    ]) {
      const started = await startLogin(spa, SPA_CALLBACK);
      const callback = new URL(at((await submit(started, String(email))).headers.get('location')));
      expect(callback.origin + callback.pathname).toBe(SPA_CALLBACK);
      expect(Object.fromEntries(callback.searchParams)).toEqual({
        error: 'access_denied',
        error_description: description,
        state: started.state,
      });
    }
  });

  it('shows the error page for a redirect_uri the client does not list, and never redirects there', async () => {
    const url = oidc.buildAuthorizationUrl(spa, {
      redirect_uri: 'https://evil.example.com/cb',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const answer = await get(url.href);
    expect([answer.status, answer.headers.get('location')]).toEqual([400, null]);
    expect(await answer.text()).toContain('Callback URL mismatch');
  });

  it('enrolls an admin in TOTP, then challenges with a fresh code, through an organization login', async () => {
    const first = await startLogin(web, WEB_CALLBACK, { organization: 'acme' });
    const enroll = await readPage(await submit(first, 'admin@example.com'));
    expect(enroll.secret).toMatch(/^[A-Z2-7]{32}$/);
    const secret = base32Decode(String(enroll.secret));
    const now = Math.floor(Date.now() / 1000);
    const tokens = await exchange(
      first,
      await post('/u/mfa-otp', { state: enroll.state, csrf: enroll.csrf, code: totp(secret, now) }),
    );
    const access = await verifyAccess(tokens.access_token);
    expect(access).toMatchObject({
      org_id: expect.stringMatching(/^org_/),
      permissions: ['write:documents'],
    });
    expect(String(access.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'write:documents']));
    expect(String(access.scope)).not.toContain('read:documents');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.claims()).toMatchObject({ org_name: 'acme', 'https://example.com/roles': ['admin'] });

    const second = await startLogin(web, WEB_CALLBACK, { organization: 'acme' });
    const challenge = await readPage(await submit(second, 'admin@example.com'));
    expect(challenge.secret).toBeUndefined();
    const reused = await post('/u/mfa-otp', {
      state: challenge.state,
      csrf: challenge.csrf,
      code: totp(secret, now),
    });
    expect(reused.status).toBe(400);
    await exchange(
      second,
      await post('/u/mfa-otp', {
        state: challenge.state,
        csrf: challenge.csrf,
        code: totp(secret, now + 30),
      }),
    );
    expect(doubles.logs.types()).toEqual(
      expect.arrayContaining(['gd_enrollment_complete', 'gd_auth_failed', 'gd_auth_succeed']),
    );
  });

  it('refuses an organization login of a user who is not a member', async () => {
    const started = await startLogin(web, WEB_CALLBACK, { organization: 'acme' });
    const callback = new URL(at((await submit(started, 'user@example.com')).headers.get('location')));
    expect(callback.searchParams.get('error')).toBe('access_denied');
  });

  it('follows an Action redirect out and back through /continue', async () => {
    const started = await startLogin(spa, SPA_CALLBACK);
    const away = new URL(at((await submit(started, 'redirect@example.com')).headers.get('location')));
    expect(away.origin + away.pathname).toBe('https://consent.example.com/ask');
    const back = await get(
      new URL(`/continue?state=${away.searchParams.get('state')}&consent=yes`, issuer).href,
    );
    const tokens = await exchange(started, back);
    expect(tokens.claims()).toMatchObject({ 'https://example.com/resumed': true });
    expect(doubles.actions.resumed.at(-1)).toMatchObject({
      flowId: 'flow-1',
      query: { consent: 'yes' },
      methods: ['pwd'],
    });
  });

  it('signs up through the policy and the pre-user-registration double, and revokes a refresh token', async () => {
    const started = await startLogin(spa, SPA_CALLBACK, { screen_hint: 'signup' });
    expect(started.page.html).toContain('action="/u/signup"');
    const form = (email: string, password: string) =>
      post('/u/signup', { state: started.page.state, csrf: started.page.csrf, email, password });
    const weak = await form('new@example.com', 'password1');
    expect([weak.status, await weak.text()]).toEqual([
      400,
      expect.stringContaining('does not meet the policy'),
    ]);
    const disposable = await form('temp@mailinator.com', 'Strong-Pass-77');
    expect([disposable.status, await disposable.text()]).toEqual([
      403,
      expect.stringContaining('Disposable &lt;addresses&gt; are not accepted'),
    ]);
    expect(doubles.logs.types()).toContain('fs');
    const tokens = await exchange(started, await form('new@example.com', 'Strong-Pass-77'));
    expect(doubles.logs.types()).toContain('ss');
    // What pre-user-registration set, and what post-login added after it, both stored on the user.
    expect(doubles.actions.postLoginInputs.at(-1)?.user.app_metadata).toEqual({
      plan: 'free',
      last_client: 'Documents SPA',
    });
    const revoke = await post('/oauth/revoke', {
      client_id: spa.clientMetadata().client_id,
      token: String(tokens.refresh_token),
    });
    expect(revoke.status).toBe(200);
    await expect(oidc.refreshTokenGrant(spa, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('migrates a custom-database user on the first login, and tells an outage from a wrong password', async () => {
    const legacyLogin = async (email: string, password: string) => {
      const started = await startLogin(spa, SPA_CALLBACK);
      return {
        started,
        answer: await post('/u/login', {
          state: started.page.state,
          csrf: started.page.csrf,
          connection: LEGACY,
          email,
          password,
        }),
      };
    };
    expect((await legacyLogin('legacy@example.com', 'wrong')).answer.status).toBe(401);
    const first = await legacyLogin('legacy@example.com', 'Legacy-Pass-1');
    const tokens = await exchange(first.started, first.answer);
    expect(tokens.claims()?.sub).toBe('auth0|legacy-17');
    const calls = doubles.actions.customDatabaseCalls.length;
    const second = await legacyLogin('legacy@example.com', 'Legacy-Pass-1');
    await exchange(second.started, second.answer);
    expect(doubles.actions.customDatabaseCalls.length).toBe(calls);
    const outage = await legacyLogin('down@example.com', 'Any-Pass-1');
    expect(outage.answer.status).toBe(503);
    expect(await outage.answer.text()).toContain('not a wrong password');
  });

  it('signs in through a social connection button and the provider stand-in', async () => {
    const started = await startLogin(spa, SPA_CALLBACK);
    expect(started.page.html).toContain('Continue with github');
    const button = /href="(\/u\/social\?[^"]+)"/.exec(started.page.html)?.[1]?.replaceAll('&amp;', '&');
    const provider = await get(at(String(button)));
    const back = await get(at(provider.headers.get('location')));
    const tokens = await exchange(started, back);
    expect(tokens.claims()).toMatchObject({ sub: 'github|4242', email: 'octo@example.com' });
    expect(
      doubles.actions.postLoginInputs.at(-1)?.authenticationMethods.map((method) => method.name),
    ).toEqual(['federated']);
  });
});
