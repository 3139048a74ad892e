import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKey, syncHash, syncPayload } from '../../actions/user-sync/payload';
import { bundleScript } from '../../scripts/bundle/custom-db-script';
import { readLockfile } from '../../scripts/bundle/lockfile';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { LEGACY_SEED_USERS } from '../../scripts/local-tenant/stand-ins/legacy-store';
import { fetchTrusting } from '../../scripts/login/trusting-fetch';
import { repoLockfile, repoRoot } from '../bundle/helpers';
import { haveNode22, runOnNode22 } from '../bundle/node22';
import { httpClient } from './http-client';

/**
 * The stand-ins for what our tenant calls (the legacy store, the user-sync backend, a social identity
 * provider) served by a local tenant, checked against what was deployed into it through the Management API.
 */
const LEGACY_TOKEN = 'deployed-legacy-token';
const SYNC_TOKEN = 'deployed-sync-token';
const GOOGLE = { client_id: 'local-google-client-id', client_secret: 'deployed-google-secret' };

let dir: string;
let tenant: LocalTenant;
let base: string;
let call: ReturnType<typeof fetchTrusting>;
let managementToken: string;
let api: ReturnType<typeof httpClient>;

const manage = async (method: string, route: string, body: unknown) => {
  const answer = await api.send(method, `/api/v2${route}`, body, { token: managementToken });
  if (answer.status >= 300)
    throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
};

const json = (body: unknown, token?: string) => ({
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
const control = (method: string, route: string, body?: unknown) =>
  call(`${base}/__local/${route}`, {
    method,
    headers: { authorization: `Bearer ${tenant.controlToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Our `login` script as the build bundles it for Auth0: what a deploy writes into the connection. */
async function builtLoginScript(): Promise<string> {
  const entry = path.join(repoRoot, 'actions/custom-database/legacy-users/login.ts');
  const built = await bundleScript(
    { database: 'legacy-users', key: 'login', entry, at: { file: 'tenant.yaml', line: 1, column: 1 } },
    { lockfile: readLockfile(repoLockfile), displayPath: (file) => file },
  );
  if (built.code === undefined) throw new Error(JSON.stringify(built.problems));
  return built.code;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-stand-ins-'));
  tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state.json') });
  base = `https://${tenant.domain}`;
  call = fetchTrusting(tenant.caFile);
  api = httpClient(tenant);
  managementToken = await api.token();
  await manage('POST', '/connections', {
    name: 'legacy-users',
    strategy: 'auth0',
    options: {
      import_mode: true,
      enabledDatabaseCustomization: true,
      customScripts: { login: await builtLoginScript() },
      configuration: {
        LEGACY_API_URL: `${base}/legacy`,
        LEGACY_API_TOKEN: LEGACY_TOKEN,
        LEGACY_API_TIMEOUT_MS: '200',
      },
    },
  });
  await manage('POST', '/actions/actions', {
    name: 'user-sync',
    code: 'exports.onExecutePostLogin = async () => {};',
    runtime: 'node22',
    supported_triggers: [{ id: 'post-login', version: 'v3' }],
    secrets: [
      { name: 'USER_SYNC_URL', value: `${base}/user-sync` },
      { name: 'USER_SYNC_TOKEN', value: SYNC_TOKEN },
    ],
    deploy: true,
  });
  await manage('POST', '/connections', { name: 'google-oauth2', strategy: 'google-oauth2', options: GOOGLE });
});

afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the legacy user store', () => {
  const authenticate = (password: string, token = LEGACY_TOKEN) =>
    call(`${base}/legacy/authenticate`, {
      method: 'POST',
      ...json({ email: 'legacy@example.com', password }, token),
    });

  it('answers the contract with the deployed token, and 403 to any other', async () => {
    const right = await authenticate('Migrate2Auth0');
    expect(right.status).toBe(200);
    const record = await right.json();
    expect(record).toMatchObject({ id: 'L-1001', email: 'legacy@example.com', email_verified: true });
    expect(record).not.toHaveProperty('password');
    expect((await authenticate('wrong')).status).toBe(401);
    const lookup = await call(`${base}/legacy/users?email=nobody%40example.com`, {
      headers: { authorization: `Bearer ${LEGACY_TOKEN}` },
    });
    expect([lookup.status, await lookup.json()]).toEqual([404, { error: 'not_found' }]);

    const wrongToken = await authenticate('Migrate2Auth0', 'local-legacy-api-token-not-a-secret');
    expect([wrongToken.status, await wrongToken.json()]).toEqual([403, { error: 'forbidden' }]);

    const log = (await (await control('GET', 'legacy-store/requests')).json()) as any[];
    expect(log[0]).toMatchObject({
      method: 'POST',
      path: '/legacy/authenticate',
      email: 'legacy@example.com',
      status: 200,
    });
    expect(JSON.stringify(log)).not.toMatch(/Migrate2Auth0|deployed-legacy-token|not-a-secret/);
  });

  it('is down (503) or slower than the scripts wait, as the control says, and takes new users', async () => {
    expect((await control('PUT', 'legacy-store', { outage: 'down' })).status).toBe(200);
    expect((await authenticate('Migrate2Auth0')).status).toBe(503);

    await control('PUT', 'legacy-store', { outage: 'slow' });
    // The connection's scripts give up after 200 ms; the store answers after 1.2 s.
    const started = performance.now();
    const late = await authenticate('Migrate2Auth0');
    expect([late.status, performance.now() - started > 1000]).toEqual([200, true]);

    await control('PUT', 'legacy-store', {
      outage: null,
      users: [{ id: 7, email: 'new@example.com', password: 'Pass1234' }],
    });
    expect((await authenticate('Migrate2Auth0')).status).toBe(404);
    const refused = await control('PUT', 'legacy-store', { users: [{ email: 'x@example.com' }] });
    expect([refused.status, ((await refused.json()) as { message: string }).message]).toEqual([
      400,
      'users[0].id must be a string or a whole number',
    ]);
  });
});

describe('the user-sync backend', () => {
  const user = {
    user_id: 'auth0|0123456789abcdef01234567',
    email: 'alice@example.com',
    email_verified: true,
    name: 'Alice',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
  const payload = syncPayload(user as Parameters<typeof syncPayload>[0]);
  const key = idempotencyKey(payload.auth0Id, syncHash(payload));
  const post = (token: string) =>
    call(`${base}/user-sync`, {
      method: 'POST',
      headers: { ...json(payload, token).headers, 'idempotency-key': key },
      body: JSON.stringify(payload),
    });

  it('takes what the Action posts with its deployed token, records it without the token, refuses others', async () => {
    await control('DELETE', 'user-sync/requests');
    expect((await post(SYNC_TOKEN)).status).toBe(204);
    expect((await post(SYNC_TOKEN)).status).toBe(204);
    expect((await post('local-user-sync-token-not-a-secret')).status).toBe(401);

    const received = (await (await control('GET', 'user-sync/requests')).json()) as any[];
    expect(received.map((r: any) => [r.status, r.replay])).toEqual([
      [204, false],
      [204, true],
      [401, false],
    ]);
    expect(received[0]).toMatchObject({
      method: 'POST',
      path: '/user-sync',
      idempotencyKey: key,
      body: payload,
    });
    expect(JSON.stringify(received)).not.toContain('token');
    await control('DELETE', 'user-sync/requests');
    expect(await (await control('GET', 'user-sync/requests')).json()).toEqual([]);
  });

  it('answers 503, or never, in an outage', async () => {
    await control('PUT', 'user-sync', { outage: 'down' });
    expect((await post(SYNC_TOKEN)).status).toBe(503);
    await control('PUT', 'user-sync', { outage: 'hang' });
    const hung = call(`${base}/user-sync`, {
      method: 'POST',
      ...json(payload, SYNC_TOKEN),
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow('aborted');
    await control('PUT', 'user-sync', { outage: null });
    expect((await post(SYNC_TOKEN)).status).toBe(204);
  });
});

describe('the social identity provider', () => {
  const connection = {
    name: 'google-oauth2',
    strategy: 'google-oauth2',
    options: { ...GOOGLE, scope: ['email', 'profile'] },
  };
  const callbackUrl = () => `${base}/login/callback`;

  /** Opens the provider's page and posts its form as a browser would (the CSRF cookie included). */
  async function signIn(fields: Record<string, string>) {
    const url = tenant.social.authorizeUrl(connection, callbackUrl(), 'st<at>e');
    const page = await call(url);
    const html = await page.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const post = (withCookie: string) =>
      call(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: withCookie },
        body: new URLSearchParams({ csrf, ...fields }).toString(),
      });
    return { page, html, post: () => post(cookie), postWithoutCookie: () => post('') };
  }

  it('shows its page for the deployed client id, and redirects back with a code and the state', async () => {
    const { page, html, post, postWithoutCookie } = await signIn({
      email: 'Bob@Example.com',
      name: 'Bob <b>',
    });
    expect(page.status).toBe(200);
    expect(html).toContain('Sign in with Google (local stand-in)');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await postWithoutCookie()).status).toBe(403);

    const back = await post();

    expect(back.status).toBe(302);
    const location = new URL(back.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(callbackUrl());
    expect(location.searchParams.get('state')).toBe('st<at>e');
    const code = location.searchParams.get('code') ?? '';
    expect(await tenant.social.redeem(connection, code, callbackUrl())).toEqual({
      kind: 'profile',
      id: expect.stringMatching(/^\d{21}$/),
      email: 'bob@example.com',
      emailVerified: true,
      name: 'Bob <b>',
    });
    expect(await tenant.social.redeem(connection, code, callbackUrl())).toMatchObject({ kind: 'error' });
  });

  it('refuses another client id on its page, and a code redeemed with a secret that was never set', async () => {
    const wrongClient = tenant.social.authorizeUrl(
      { ...connection, options: { ...GOOGLE, client_id: 'someone-else' } },
      callbackUrl(),
      's',
    );
    const refusal = await call(wrongClient);
    expect([refusal.status, await refusal.text()]).toEqual([401, expect.stringContaining('invalid_client')]);

    const back = await (await signIn({ email: 'carol@example.com' })).post();
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const unset = { ...connection, options: { ...GOOGLE, client_secret: '##GOOGLE_CLIENT_SECRET##' } };
    expect(await tenant.social.redeem(unset, code, callbackUrl())).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('invalid_client'),
    });
  });
});

describe.skipIf(!haveNode22)('the deployed login script against the store, on Node 22', () => {
  it('migrates the legacy-only user, refuses a wrong password, and reads a wrong token as an outage', async () => {
    await control('PUT', 'legacy-store', { users: LEGACY_SEED_USERS, outage: null });
    const [connection] = (await manage('GET', '/connections?name=legacy-users', undefined)) as unknown as {
      options: { customScripts: { login: string } };
    }[];
    const file = path.join(dir, 'login.js');
    await writeFile(file, connection?.options.customScripts.login ?? '');
    const configuration = (token: string) => ({
      LEGACY_API_URL: `${base}/legacy`,
      LEGACY_API_TOKEN: token,
      LEGACY_API_TIMEOUT_MS: '5000',
    });
    const login = (id: string, password: string, token = LEGACY_TOKEN) => ({
      id,
      kind: 'script',
      file,
      args: ['legacy@example.com', password],
      configuration: configuration(token),
    });
    const { results } = await runOnNode22(
      {
        projectRoot: repoRoot,
        cases: [
          login('right', 'Migrate2Auth0'),
          login('wrong', 'nope'),
          login('token', 'Migrate2Auth0', 'old'),
        ],
      },
      dir,
      { NODE_EXTRA_CA_CERTS: tenant.caFile },
    );
    const callback = (id: string) => results.find((result) => result.id === id)?.callback;

    expect(callback('right')).toMatchObject({
      error: null,
      results: [
        { user_id: 'legacy|L-1001', email: 'legacy@example.com', app_metadata: { legacy_id: 'L-1001' } },
      ],
    });
    expect(callback('wrong').error).toMatchObject({ name: 'WrongUsernameOrPasswordError' });
    expect(callback('token').error).toEqual({
      name: 'Error',
      message: expect.stringContaining('legacy user store unavailable'),
    });
  });
});
