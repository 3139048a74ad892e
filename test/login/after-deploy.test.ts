/**
 * The proof of issue 14: our tenant (tenant/, env local) deployed once by the real deploy command into a
 * fresh local tenant, then real logins through its pages, driven by openid-client (the headless login of
 * scripts/login), against what was deployed: our Actions with their secrets, the legacy database scripts,
 * the stand-ins our tenant calls, the log stream. Each test makes its own logins and reads only what they
 * did, so any one runs alone with `-t`.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { USER_MESSAGES } from '../../actions/registration-guard/decision';
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { LEGACY_SEED_USERS } from '../../scripts/local-tenant/stand-ins/legacy-store';
import {
  type DeployedTenant,
  deployForLogins,
  type LoginOptions,
  type Tokens,
  tokensOf,
} from './deployed-tenant';

const SPA = 'Documents SPA';
const WEB = 'Documents Web';
const API = 'https://api.local.example.com/documents';
/** CLAIMS_NAMESPACE of environments/local.yaml, as custom-claims normalises it (a trailing '/'). */
const CLAIMS = 'https://example.com/claims/';
const ALL_DOCUMENT_SCOPES = 'read:documents write:documents delete:documents read:profile write:profile';
const PASSWORD = Object.fromEntries(TEST_USERS.map((user) => [user.email, user.password]));
const [LEGACY] = LEGACY_SEED_USERS;
/** A password of the database's `fair` policy for the users the tests sign up. */
const NEW_PASSWORD = 'Copper-Kettle-58';

let deployed: DeployedTenant;
/** The admin's TOTP secret once a login enrolled it: the next admin login answers the challenge with it. */
let adminTotp: string | undefined;

beforeAll(async () => {
  deployed = await deployForLogins();
  console.log(`deploy of tenant/ into a fresh local tenant: ${Math.round(deployed.deployMs)} ms`);
}, 120_000);

afterAll(async () => {
  await deployed?.close();
});

const login = (clientName: string, options: LoginOptions) => deployed.login(clientName, options);

/** The admin through MFA: enrolling on its first login, answering the challenge with that secret after. */
async function adminLogin(clientName: string, options: Partial<LoginOptions> = {}): Promise<Tokens> {
  const email = 'admin@example.com';
  const result = tokensOf(
    await login(clientName, {
      email,
      password: String(PASSWORD[email]),
      ...(adminTotp ? { totpSecret: adminTotp } : {}),
      ...options,
    }),
  );
  adminTotp ??= result.totpSecret;
  return result;
}

const signupEmail = (domain: string) => `signup-${randomUUID().slice(0, 8)}@${domain}`;

describe('logins through our tenant, deployed into a fresh local tenant', () => {
  it('gives an admin MFA (TOTP) and the role claims and permissions for the Documents API', async () => {
    const result = await adminLogin(SPA, {
      audience: API,
      scope: `openid profile email offline_access ${ALL_DOCUMENT_SCOPES}`,
    });

    expect(result.steps.some((step) => step.method === 'POST' && step.path.startsWith('/u/mfa-otp'))).toBe(
      true,
    );
    expect(result.accessTokenClaims).toMatchObject({
      aud: expect.arrayContaining([API]),
      [`${CLAIMS}roles`]: ['admin'],
      [`${CLAIMS}email`]: 'admin@example.com',
      permissions: expect.arrayContaining(ALL_DOCUMENT_SCOPES.split(' ')),
    });
    expect(result.accessTokenClaims?.permissions).toHaveLength(5);
    // What an app checks to know the login passed MFA.
    expect(result.idTokenClaims).toMatchObject({
      email: 'admin@example.com',
      amr: ['mfa'],
      [`${CLAIMS}roles`]: ['admin'],
    });
  });

  it('denies the suspended user, back at the callback', async () => {
    const result = await login(SPA, {
      email: 'suspended@example.com',
      password: String(PASSWORD['suspended@example.com']),
    });

    expect(result).toMatchObject({ kind: 'denied', error: 'access_denied', description: 'user is blocked' });
  });

  it("refuses a sign-up from a disposable address with registration-guard's message, and signs up a good one", async () => {
    const refused = await login(SPA, {
      email: signupEmail('mailinator.com'),
      password: NEW_PASSWORD,
      screenHint: 'signup',
    });
    expect(refused).toMatchObject({ kind: 'refused' });
    expect(refused.kind === 'refused' && refused.message).toContain(USER_MESSAGES.disposableDomain);

    const email = signupEmail('example.org');
    const signedUp = tokensOf(await login(SPA, { email, password: NEW_PASSWORD, screenHint: 'signup' }));
    // registration-guard's default role, which custom-claims then puts in the tokens.
    expect(signedUp.idTokenClaims).toMatchObject({ email, [`${CLAIMS}roles`]: ['user'] });
    const users = (await deployed.state()).users ?? [];
    expect(users.find((user) => user.email === email)).toMatchObject({
      connection: 'Username-Password-Authentication',
      user_id: signedUp.idTokenClaims.sub,
      app_metadata: { roles: ['user'] },
    });
    const again = tokensOf(await login(SPA, { email, password: NEW_PASSWORD }));
    expect(again.idTokenClaims.sub).toBe(signedUp.idTokenClaims.sub);
  });

  it('logs the legacy user in with the legacy password and migrates them: the second login asks the store nothing', async () => {
    type Asked = { method: string; path: string; email?: string; status: number };
    const asked = async () =>
      ((await deployed.control('GET', '/__local/legacy-store/requests')) as Asked[]).filter(
        (request) => request.email === LEGACY?.email,
      );
    const options = {
      email: String(LEGACY?.email),
      password: String(LEGACY?.password),
      connection: 'legacy-users',
    };
    const before = (await asked()).length;

    const first = tokensOf(await login(SPA, options));
    // The deployed login script's profile (`legacy|<id>`), which Auth0 keeps under `auth0|`.
    expect(first.idTokenClaims).toMatchObject({ email: LEGACY?.email, sub: `auth0|legacy|${LEGACY?.id}` });
    const afterFirst = await asked();
    expect(afterFirst.slice(before)).toEqual([
      expect.objectContaining({ method: 'POST', path: '/legacy/authenticate', status: 200 }),
    ]);

    const second = tokensOf(await login(SPA, options));
    expect(second.idTokenClaims.sub).toBe(first.idTokenClaims.sub);
    expect(await asked()).toHaveLength(afterFirst.length);
  });

  it('logs in "with Google" through the stand-in provider, straight from connection=google-oauth2', async () => {
    const options = {
      email: 'grace@gmail.example',
      password: '',
      name: 'Grace',
      connection: 'google-oauth2',
    };

    const first = tokensOf(await login(SPA, options));
    // The provider's profile becomes a google-oauth2 user; the login skipped our login page.
    expect(first.idTokenClaims).toMatchObject({ email: 'grace@gmail.example', name: 'Grace' });
    expect(String(first.idTokenClaims.sub)).toMatch(/^google-oauth2\|\d+$/);
    expect(first.steps.map((step) => step.path)).not.toContain('/u/login');
    const again = tokensOf(await login(SPA, options));
    expect(again.idTokenClaims.sub).toBe(first.idTokenClaims.sub);
  });

  it('posts a login to the user-sync backend once, and not again on the next unchanged login', async () => {
    const postsFor = async (userId: unknown) =>
      (
        (await deployed.control('GET', '/__local/user-sync/requests')) as {
          body: { auth0Id?: string; email?: string };
          status: number;
        }[]
      ).filter((request) => request.body.auth0Id === userId);
    const email = signupEmail('example.org');
    const first = tokensOf(await login(SPA, { email, password: NEW_PASSWORD, screenHint: 'signup' }));
    const posts = await postsFor(first.idTokenClaims.sub);
    expect(posts).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 204,
        replay: false,
        body: expect.objectContaining({ email }),
      }),
    ]);

    tokensOf(await login(SPA, { email, password: NEW_PASSWORD }));
    expect(await postsFor(first.idTokenClaims.sub)).toHaveLength(1);
  });

  it('revokes the whole family when a rotated refresh token is presented again', async () => {
    const email = 'user@example.com';
    const first = tokensOf(
      await login(SPA, {
        email,
        password: String(PASSWORD[email]),
        audience: API,
        scope: 'openid offline_access',
      }),
    );
    const spa = await deployed.client(SPA);
    const rotated = await oidc.refreshTokenGrant(spa, String(first.refreshToken));
    expect(rotated.refresh_token).toBeDefined();
    expect(rotated.refresh_token).not.toBe(first.refreshToken);
    const renewed = await jwtVerify(rotated.access_token, deployed.jwks(), {
      issuer: deployed.issuer.href,
      audience: API,
      algorithms: ['RS256'],
    });
    expect(renewed.payload).toMatchObject({ sub: first.idTokenClaims.sub, gty: 'refresh_token' });
    expect(first.accessTokenClaims?.permissions).toContain('read:documents');
    expect(renewed.payload.permissions).toEqual(first.accessTokenClaims?.permissions);

    // Our clients' leeway is 0 (tenant.yaml): the old token is spent the moment it rotated.
    await expect(oidc.refreshTokenGrant(spa, String(first.refreshToken))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(oidc.refreshTokenGrant(spa, String(rotated.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it("gives the User Sync Backend's client credentials exactly their granted Management API scopes", async () => {
    const management = `https://${deployed.tenant.domain}/api/v2/`;
    const backend = await deployed.client('User Sync Backend');
    const grant = await oidc.clientCredentialsGrant(backend, { audience: management });
    const jwks = deployed.jwks();
    const { payload } = await jwtVerify(grant.access_token, jwks, {
      issuer: deployed.issuer.href,
      audience: management,
      algorithms: ['RS256'],
    });

    const granted = ['read:users', 'update:users', 'read:user_idp_tokens'];
    expect(String(payload.scope).split(' ').sort()).toEqual([...granted].sort());
    expect(grant.scope?.split(' ').sort()).toEqual([...granted].sort());
    await expect(oidc.clientCredentialsGrant(backend, { audience: API })).rejects.toMatchObject({
      error: 'access_denied',
    });
  });

  it("carries org_id and only that membership's roles on a login through an organization", async () => {
    const organizations = (await deployed.manage('GET', '/organizations')) as { id: string; name: string }[];
    const acme = organizations.find((organization) => organization.name === 'acme');
    const result = await adminLogin(WEB, {
      organization: String(acme?.id),
      audience: API,
      scope: `openid profile email ${ALL_DOCUMENT_SCOPES}`,
    });

    expect(result.idTokenClaims).toMatchObject({
      org_id: acme?.id,
      amr: ['mfa'],
      [`${CLAIMS}roles`]: ['org-admin'],
      [`${CLAIMS}org`]: { id: acme?.id, name: 'acme' },
    });
    expect(result.accessTokenClaims).toMatchObject({ org_id: acme?.id, [`${CLAIMS}roles`]: ['org-admin'] });
  });

  it('signs tokens with RS256 and a key of the served JWKS, for the issuer and the audience', async () => {
    const email = 'user@example.com';
    const result = tokensOf(await login(SPA, { email, password: String(PASSWORD[email]), audience: API }));
    const jwks = deployed.jwks();
    const spaId = (await deployed.client(SPA)).clientMetadata().client_id;
    const access = await jwtVerify(result.tokens.access_token, jwks, {
      issuer: deployed.issuer.href,
      audience: API,
      algorithms: ['RS256'],
    });
    const id = await jwtVerify(String(result.tokens.id_token), jwks, {
      issuer: deployed.issuer.href,
      audience: spaId,
      algorithms: ['RS256'],
    });
    expect(access.protectedHeader.alg).toBe('RS256');
    expect(id.payload).toMatchObject({ email, aud: spaId });
    // No MFA for a plain user (risk-based-mfa asks it of admin and org-admin only): no amr.
    expect(id.payload).not.toHaveProperty('amr');
    const served = (await (
      await deployed.trustingFetch(new URL('.well-known/jwks.json', deployed.issuer).href)
    ).json()) as {
      keys: { kid: string }[];
    };
    expect(served.keys.map((key) => key.kid)).toContain(
      decodeProtectedHeader(result.tokens.access_token).kid,
    );
    // A token whose payload was changed no longer verifies.
    const [header, payload, signature] = result.tokens.access_token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...access.payload, permissions: ['delete:documents'] }),
    ).toString('base64url');
    expect(payload).not.toBe(forged);
    await expect(jwtVerify(`${header}.${forged}.${signature}`, jwks)).rejects.toThrow();
  });

  it('streams Auth0-shaped events of a success (s), a wrong password (fp) and a failed sign-up (fs)', async () => {
    // This test's own address (X-Forwarded-For from loopback): its events are told apart by it.
    const ip = '203.0.113.21';
    const email = 'user@example.com';
    const password = String(PASSWORD[email]);
    const refusedSignup = signupEmail('mailinator.com');
    expect((await login(SPA, { email, password, ip })).kind).toBe('tokens');
    expect(await login(SPA, { email, password: `${password}-wrong`, ip })).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('Wrong email or password'),
    });
    expect(
      (await login(SPA, { email: refusedSignup, password: NEW_PASSWORD, ip, screenHint: 'signup' })).kind,
    ).toBe('refused');

    const ours = () => deployed.streamedEvents().filter((event) => event.data.ip === ip);
    // Events leave in batches (a 1 s window, authentication/login-logs.ts): wait for this test's three.
    await vi.waitFor(
      () => expect(ours().map((event) => event.data.type)).toEqual(expect.arrayContaining(['s', 'fp', 'fs'])),
      { timeout: 5000, interval: 100 },
    );
    const byType = (type: string) => ours().find((event) => event.data.type === type);
    const shape = {
      stream: 'SIEM',
      log_id: expect.stringMatching(/^\d{56}$/),
      data: expect.objectContaining({
        date: expect.any(String),
        client_name: SPA,
        connection: 'Username-Password-Authentication',
        strategy: 'auth0',
        strategy_type: 'database',
        ip,
        environment_name: 'local',
      }),
    };
    expect(byType('s')).toMatchObject({ ...shape, data: expect.objectContaining({ user_name: email }) });
    expect(byType('fp')).toMatchObject({
      ...shape,
      data: expect.objectContaining({ description: 'Wrong email or password.', details: { email } }),
    });
    expect(byType('fs')).toMatchObject({
      ...shape,
      data: expect.objectContaining({ details: { email: refusedSignup } }),
    });
    expect(byType('s')?.log_id).toBe(byType('s')?.data.log_id);
    expect(JSON.stringify(ours())).not.toContain(password);
  });
});
