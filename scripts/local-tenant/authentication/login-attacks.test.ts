/**
 * Attacks on the login flow, driven in-process through the routes (no server): what another browser can do
 * with a transaction it knows, and what the token endpoint accepts.
 */

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completed, loginDoubles, type PostLoginScript } from '../../../test/local-tenant/login-doubles';
import type { PublicReply, PublicRequest } from '../http/public-routes';
import type { TenantStore } from '../state/store';
import type { TenantState } from '../state/types';
import type { CustomDatabaseOutcome } from './contract';
import { LoginTraces } from './login-traces';
import { authenticationRoutes } from './routes';
import { newSigningKey } from './signing-key';
import { createUser } from './users';

const DOMAIN = '127.0.0.1:9443';
const CALLBACK = 'https://spa.example.com/callback';
const PASSWORD = 'Victim-Pass-123';
const VERIFIER = 'v'.repeat(43);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
/** One key for every tenant of this file: generating RSA keys is the slow part. */
const SIGNING_KEY = newSigningKey();

function tenant(
  script: PostLoginScript,
  legacyStore: (email: string) => CustomDatabaseOutcome = () => ({ kind: 'not-found' }),
) {
  const state = {
    tenantName: 'local',
    clients: [
      {
        client_id: 'spa',
        name: 'SPA',
        token_endpoint_auth_method: 'none',
        callbacks: [CALLBACK],
        grant_types: ['authorization_code', 'refresh_token'],
      },
      {
        client_id: 'web',
        name: 'Web',
        client_secret: 'web-secret',
        token_endpoint_auth_method: 'client_secret_post',
        callbacks: [CALLBACK],
        grant_types: ['authorization_code'],
      },
    ],
    connections: [
      { name: 'db', strategy: 'auth0', enabled_clients: ['spa', 'web'], options: {} },
      {
        name: 'legacy',
        strategy: 'auth0',
        enabled_clients: ['spa', 'web'],
        options: { enabledDatabaseCustomization: true, import_mode: true },
      },
    ],
    resourceServers: [],
    settings: { default_audience: '' },
    attackProtection: { 'brute-force-protection': {} },
    users: [],
    tokenSigningKey: SIGNING_KEY,
  } as unknown as TenantState;
  createUser(state, { connection: 'db', email: 'victim@example.com', password: PASSWORD });
  const store = { state, save: () => undefined } as unknown as TenantStore;
  const routes = authenticationRoutes(loginDoubles(script, legacyStore).services, new LoginTraces());
  const send = async (method: 'GET' | 'POST', target: string, body?: Record<string, string>) => {
    const route = routes.find(
      (candidate) =>
        candidate.method === method && candidate.path === new URL(target, `https://${DOMAIN}`).pathname,
    );
    if (!route) throw new Error(`no route ${method} ${target}`);
    const request: PublicRequest = {
      method,
      url: new URL(target, `https://${DOMAIN}`),
      headers: {},
      body,
      remoteAddress: '127.0.0.1',
      store,
      domain: DOMAIN,
    };
    return (await route.handle(request)) as PublicReply;
  };
  const hiddenField = (reply: PublicReply, name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(reply.html ?? '')?.[1] ?? '';
  /**
   * `/authorize` (a parameter given as '' is left out) then the login page, as a browser does it: the
   * transaction and its form's CSRF token.
   */
  const begin = async (query: Record<string, string> = {}) => {
    const params = Object.entries({
      client_id: 'spa',
      redirect_uri: CALLBACK,
      response_type: 'code',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...query,
    }).filter(([, value]) => value !== '');
    const authorize = await send('GET', `/authorize?${new URLSearchParams(params)}`);
    const page = await send('GET', authorize.headers?.location ?? '');
    return { state: hiddenField(page, 'state'), csrf: hiddenField(page, 'csrf') };
  };
  return { send, begin, hiddenField, state };
}

describe('a transaction fixed by another browser (its `state` sent to the victim)', () => {
  it('cannot be continued by the attacker once the victim signed in and an Action sent them away', async () => {
    const { send, begin } = tenant(() => ({
      kind: 'paused',
      flowId: 'flow-1',
      redirect: { url: 'https://consent.example.com/', query: {} },
      actions: [],
    }));
    const fixed = await begin();
    const victim = await send('POST', '/u/login', {
      ...fixed,
      email: 'victim@example.com',
      password: PASSWORD,
    });
    expect(victim.status).toBe(302);
    const victimState = new URL(victim.headers?.location ?? '').searchParams.get('state') ?? '';

    const attacker = await send('GET', `/continue?state=${encodeURIComponent(fixed.state)}`);
    expect(attacker.headers?.location).toBeUndefined();
    expect(attacker.status).toBe(400);

    const back = await send('GET', `/continue?state=${encodeURIComponent(victimState)}`);
    expect(new URL(back.headers?.location ?? '').searchParams.get('code')).toBeTruthy();
  });

  it('does not show the victim’s TOTP enrollment secret to the attacker', async () => {
    const { send, begin, hiddenField } = tenant((input) =>
      completed(input, { mfa: { kind: 'enable', factors: ['otp'] } }),
    );
    const fixed = await begin();
    const victim = await send('POST', '/u/login', {
      ...fixed,
      email: 'victim@example.com',
      password: PASSWORD,
    });
    const secret = /data-totp-secret>([A-Z2-7]+)</.exec(victim.html ?? '')?.[1];
    expect(secret).toBeTruthy();
    expect(hiddenField(victim, 'state')).not.toBe(fixed.state);

    const attacker = await send('POST', '/u/mfa-otp', { ...fixed, code: '000000' });
    expect(attacker.html ?? '').not.toContain(String(secret));
    expect(attacker.status).toBe(400);
  });
});

describe('the code grant', () => {
  /** A login of the victim through `client`, up to the code at the callback. */
  async function codeFor(client: 'spa' | 'web', query: Record<string, string> = {}) {
    const flow = tenant((input) => completed(input));
    const { state, csrf } = await flow.begin({ client_id: client, ...query });
    const callback = await flow.send('POST', '/u/login', {
      state,
      csrf,
      email: 'victim@example.com',
      password: PASSWORD,
    });
    const code = new URL(callback.headers?.location ?? '').searchParams.get('code') ?? '';
    const exchange = (body: Record<string, string>) =>
      flow.send('POST', '/oauth/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        ...body,
      });
    return { code, exchange };
  }
  const WEB = { client_id: 'web', client_secret: 'web-secret' };
  const withoutChallenge = { code_challenge: '', code_challenge_method: '' };

  it('refuses a code_verifier for a code whose authorization request made no challenge (PKCE downgrade)', async () => {
    const { exchange } = await codeFor('web', withoutChallenge);
    const answer = await exchange({ ...WEB, code_verifier: VERIFIER });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: 'invalid_grant' });
  });

  it('revokes the refresh token a code gave when the code is replayed (RFC 6749 section 4.1.2)', async () => {
    const { exchange } = await codeFor('spa', { scope: 'openid offline_access' });
    const first = await exchange({ client_id: 'spa', code_verifier: VERIFIER });
    const refreshToken = String((first.json as Record<string, unknown>).refresh_token);
    expect(refreshToken).toMatch(/^rt_/);
    expect((await exchange({ client_id: 'spa', code_verifier: VERIFIER })).status).toBe(403);
    // The refresh needs the same tenant as the code: exchange() posts to it.
    const refreshed = await exchange({
      grant_type: 'refresh_token',
      client_id: 'spa',
      refresh_token: refreshToken,
    });
    expect(refreshed.json).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a code once, to its client and with its verifier only', async () => {
    const plain = await codeFor('web', withoutChallenge);
    expect((await plain.exchange(WEB)).status).toBe(200);
    expect((await plain.exchange(WEB)).json).toMatchObject({ error: 'invalid_grant' });
    const spa = await codeFor('spa');
    expect((await spa.exchange({ client_id: 'spa' })).status).toBe(403);
    const stolen = await codeFor('spa');
    expect((await stolen.exchange({ ...WEB, code_verifier: VERIFIER })).status).toBe(403);
    expect((await (await codeFor('web', withoutChallenge)).exchange({ client_id: 'web' })).status).toBe(401);
  });
});

describe('sign-up on a custom database in import mode', () => {
  const signUp = async (legacyStore: (email: string) => CustomDatabaseOutcome) => {
    const flow = tenant((input) => completed(input), legacyStore);
    const started = await flow.begin({ screen_hint: 'signup' });
    const reply = await flow.send('POST', '/u/signup', {
      ...started,
      connection: 'legacy',
      email: 'legacy@example.com',
      password: 'Attacker-Pass-123!',
    });
    return { reply, users: flow.state.users ?? [] };
  };

  it('refuses an email the legacy store already has (its get_user script), so nobody takes that account over', async () => {
    const { reply, users } = await signUp((email) =>
      email === 'legacy@example.com'
        ? { kind: 'user', profile: { user_id: '17', email } }
        : { kind: 'not-found' },
    );
    expect(reply.headers?.location).toBeUndefined();
    expect(reply.html).toContain('already exists');
    expect(users.map((user) => user.email)).not.toContain('legacy@example.com');
  });

  it('shows an outage of the legacy store as an outage, and creates no user', async () => {
    const { reply, users } = await signUp(() => ({ kind: 'outage', message: 'ECONNREFUSED' }));
    expect(reply.status).toBe(503);
    expect(users.map((user) => user.email)).not.toContain('legacy@example.com');
  });
});
