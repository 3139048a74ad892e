import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeLegacyStore,
  JANE,
  JANE_PROFILE,
  STORE_TOKEN,
  startFakeLegacyStore,
} from '../../actions/custom-database/legacy-users/fake-legacy-store';
import {
  createActionsRuntime,
  type LocalActionsRuntime,
  TIMEOUT_MESSAGE,
} from '../../scripts/local-tenant/actions-runtime';
import { createTlsMaterial, type TlsMaterial } from '../../scripts/local-tenant/cert';
import type { TenantStore } from '../../scripts/local-tenant/state/store';
import { bindInline, localUser, loginInput, request, storeWithOurActions } from './actions-runtime-fixture';

/**
 * The runtime runs OUR built Actions from a local tenant's state, in the Node 22 sandbox: the figures
 * (worker start, one flow of our three post-login Actions) are printed for the report.
 */
const FLOW_LIMIT_MS = 2000;
const SCRIPT_LIMIT_MS = 1000;
let dir: string;
let store: TenantStore;
let scripts: { login?: string; get_user?: string };
let runtime: LocalActionsRuntime;
let caFile: string;

/** A runtime whose limits are short enough for a test to wait out (the hanging-code stories). */
async function withShortLimits(story: (limited: LocalActionsRuntime) => Promise<void>): Promise<void> {
  const limited = createActionsRuntime({
    store,
    caFile,
    flowLimitMs: FLOW_LIMIT_MS,
    scriptLimitMs: SCRIPT_LIMIT_MS,
  });
  try {
    await story(limited);
  } finally {
    await limited.close();
  }
}
let legacy: FakeLegacyStore;

/** The user-sync backend's stand-in: HTTPS with a certificate of the local CA the sandbox trusts. */
let syncBackend: Server;
const syncPosts: { authorization?: string; body: unknown }[] = [];

async function startSyncBackend(tls: TlsMaterial): Promise<string> {
  syncBackend = createServer({ cert: tls.cert, key: tls.key }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    syncPosts.push({
      authorization: req.headers.authorization,
      body: JSON.parse(Buffer.concat(chunks).toString()),
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => syncBackend.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(syncBackend.address() as AddressInfo).port}/user-sync`;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'actions-runtime-'));
  const tls = createTlsMaterial(dir);
  ({ store, scripts } = await storeWithOurActions(dir, {
    USER_SYNC_TOKEN: 'sync-token-for-the-test',
    USER_SYNC_URL: await startSyncBackend(tls),
  }));
  caFile = tls.caFile;
  // Auth0's own limits: a busy CI machine must not turn a slow first load into a timeout.
  runtime = createActionsRuntime({ store, caFile });
  legacy = await startFakeLegacyStore();
}, 30_000);

afterAll(async () => {
  await runtime?.close();
  await legacy?.close();
  syncBackend?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('post-login', () => {
  it('asks an admin for MFA and puts the role claims on the tokens', async () => {
    const outcome = await runtime.postLogin(loginInput(localUser({ roles: ['admin'] })));
    expect(outcome.kind).toBe('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.mfa).toMatchObject({ kind: 'enable', factors: ['any'] });
    expect(outcome.idTokenClaims['https://example.com/claims/roles']).toEqual(['admin']);
    expect(outcome.actions.map((action) => action.actionName)).toEqual([
      'risk-based-mfa',
      'custom-claims',
      'user-sync',
    ]);
    expect(outcome.actions[0]?.runtime).toBe('node22');
    expect(outcome.actions[1]?.calls).toContain('idToken.setCustomClaim');
  });

  it('asks for MFA on a login from an IP the risk profile puts on a deny list', async () => {
    runtime.riskProfiles.replace({ '198.51.100.7': { UntrustedIP: 'found_on_deny_list' } });
    const risky = await runtime.postLogin(loginInput(localUser({}), '198.51.100.7'));
    const usual = await runtime.postLogin(loginInput(localUser({}), '127.0.0.1'));
    expect(risky.kind === 'complete' && risky.mfa?.kind).toBe('enable');
    expect(usual).toMatchObject({ kind: 'complete' });
    expect(usual.kind === 'complete' && usual.mfa).toBeUndefined();
    expect(risky.actions[0]?.logs[0]?.message).toMatch(/untrusted_ip/);
  });

  it('fails a flow whose Action never returns within the limit, and the next flow works', async () => {
    const restore = bindInline(store, 'post-login', [
      { name: 'hangs', code: 'exports.onExecutePostLogin = () => { for (;;) {} };' },
    ]);
    await withShortLimits(async (limited) => {
      const hung = await limited.postLogin(loginInput(localUser({})));
      expect(hung).toMatchObject({ kind: 'failed', error: `hangs: ${TIMEOUT_MESSAGE}` });
      restore();
      // The killed worker's successor serves the next flow (one small Action: a cold start of the
      // worker must fit the short limit on a busy machine too).
      const restoreQuick = bindInline(store, 'post-login', [
        { name: 'quick', code: 'exports.onExecutePostLogin = async () => {};' },
      ]);
      try {
        expect((await limited.postLogin(loginInput(localUser({})))).kind).toBe('complete');
      } finally {
        restoreQuick();
      }
    });
  });

  it("runs a segment in one go: each Action sees the earlier ones' writes; a later hang keeps their traces", async () => {
    const restore = bindInline(store, 'post-login', [
      {
        name: 'writes',
        secrets: { TOKEN: 'tok-0123456789abcdef' },
        code: `exports.onExecutePostLogin = async (event, api) => {
          console.log('token', event.secrets.TOKEN);
          api.user.setAppMetadata('seen', 'yes');
          api.transaction.setMetadata('from', 'writes');
        };`,
      },
      {
        name: 'reads',
        code: `exports.onExecutePostLogin = async (event, api) => {
          api.idToken.setCustomClaim('https://example.com/seen', event.user.app_metadata.seen + '/' + event.transaction.metadata.from + '/' + Object.keys(event.secrets).length);
        };`,
      },
      { name: 'hangs', code: 'exports.onExecutePostLogin = () => { for (;;) {} };' },
    ]);
    try {
      await withShortLimits(async (limited) => {
        const hung = await limited.postLogin(loginInput(localUser({})));
        expect(hung).toMatchObject({ kind: 'failed', error: `hangs: ${TIMEOUT_MESSAGE}` });
        expect(hung.actions.map((action) => [action.actionName, action.error])).toEqual([
          ['writes', undefined],
          ['reads', undefined],
          ['hangs', TIMEOUT_MESSAGE],
        ]);
        expect(hung.actions[0]?.logs).toEqual([{ level: 'log', message: 'token [redacted]' }]);
        store.state.bindings['post-login'] = store.state.bindings['post-login']?.slice(0, 2) ?? [];
        const done = await limited.postLogin(loginInput(localUser({})));
        expect(done).toMatchObject({
          kind: 'complete',
          appMetadata: { seen: 'yes' },
          idTokenClaims: { 'https://example.com/seen': 'yes/writes/0' },
        });
      });
    } finally {
      restore();
    }
  });

  it('pauses for a redirect and for a challenge, and resumes with the query, then the rest with the methods', async () => {
    const restore = bindInline(store, 'post-login', [
      {
        name: 'consent',
        code: `exports.onExecutePostLogin = async (event, api) => {
          api.transaction.setMetadata('step', 'consent');
          api.redirect.sendUserTo('https://consent.example/ask', { query: { who: event.user.user_id } });
        };
        exports.onContinuePostLogin = async (event, api) => {
          api.user.setUserMetadata('consent', event.request.query.answer);
        };`,
      },
      {
        name: 'step-up',
        code: `exports.onExecutePostLogin = async (event, api) => {
          api.authentication.challengeWith({ type: 'otp' });
        };`,
      },
      {
        name: 'after-mfa',
        code: `exports.onExecutePostLogin = async (event, api) => {
          const mfa = event.authentication.methods.some((m) => m.name === 'mfa');
          api.idToken.setCustomClaim('https://example.com/step', event.transaction.metadata.step + (mfa ? '+mfa' : ''));
        };`,
      },
    ]);
    try {
      const first = await runtime.postLogin(loginInput(localUser({})));
      expect(first).toMatchObject({
        kind: 'paused',
        redirect: { url: expect.stringMatching(/^https:\/\/consent\.example\/ask\?who=auth0/) },
      });
      if (first.kind !== 'paused') return;
      const methods = [{ name: 'pwd', timestamp: new Date().toISOString() }];
      const second = await runtime.resumePostLogin(first.flowId, {
        query: { answer: 'yes' },
        authenticationMethods: methods,
      });
      expect(second).toMatchObject({ kind: 'paused', mfa: { kind: 'challenge', factors: ['otp'] } });
      if (second.kind !== 'paused') return;
      const done = await runtime.resumePostLogin(second.flowId, {
        authenticationMethods: [...methods, { name: 'mfa', timestamp: new Date().toISOString() }],
      });
      expect(done).toMatchObject({
        kind: 'complete',
        userMetadata: { consent: 'yes' },
        idTokenClaims: { 'https://example.com/step': 'consent+mfa' },
      });
      expect((await runtime.resumePostLogin(second.flowId, { authenticationMethods: methods })).kind).toBe(
        'failed',
      );
    } finally {
      restore();
    }
  });

  it('keeps the cache across logins, redacts secrets, and refuses undeclared or missing packages', async () => {
    const restore = bindInline(store, 'post-login', [
      {
        name: 'cached',
        secrets: { API_KEY: 'sk-live-0123456789' },
        code: `exports.onExecutePostLogin = async (event, api) => {
          console.log('key is', event.secrets.API_KEY, 'cached', api.cache.get('n')?.value ?? 'nothing');
          api.cache.set('n', String(Number(api.cache.get('n')?.value ?? 0) + 1));
        };`,
      },
    ]);
    try {
      await runtime.postLogin(loginInput(localUser({})));
      const second = await runtime.postLogin(loginInput(localUser({})));
      expect(second.actions[0]?.logs).toEqual([{ level: 'log', message: 'key is [redacted] cached 1' }]);
      expect(second.actions[0]?.calls).toEqual(['cache.get', 'cache.get', 'cache.set']);
      expect(second.actions[0]?.violations).toEqual([
        expect.stringMatching(/^\[secret-in-logs\] the value of secret API_KEY/),
      ]);
    } finally {
      restore();
    }
    const undeclared = bindInline(store, 'post-login', [
      { name: 'sneaky', code: `exports.onExecutePostLogin = async () => { require('yaml'); };` },
    ]);
    const refused = await runtime.postLogin(loginInput(localUser({})));
    undeclared();
    expect(refused).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/Cannot find module 'yaml'.*not a declared/),
    });
    const missing = bindInline(store, 'post-login', [
      {
        name: 'old-axios',
        dependencies: [{ name: 'axios', version: '0.27.2' }],
        code: 'exports.onExecutePostLogin = async () => {};',
      },
    ]);
    const notInstalled = await runtime.postLogin(loginInput(localUser({})));
    missing();
    expect(notInstalled).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/axios@0\.27\.2 is not installed/),
    });
  });
});

describe('user-sync', () => {
  it('posts to the backend over HTTPS trusting the local CA once, and not on the next unchanged login', async () => {
    syncPosts.length = 0;
    const user = localUser({ user_id: 'auth0|sync0000000000000000001', email: 'sync@example.com' });
    const first = await runtime.postLogin(loginInput(user));
    expect(syncPosts).toHaveLength(1);
    expect(syncPosts[0]).toMatchObject({
      authorization: 'Bearer sync-token-for-the-test',
      body: { auth0Id: user.user_id },
    });
    if (first.kind !== 'complete') throw new Error(`the login did not complete: ${JSON.stringify(first)}`);
    expect(first.appMetadata.sync_hash).toEqual(expect.any(String));
    await runtime.postLogin(loginInput({ ...user, app_metadata: first.appMetadata }));
    expect(syncPosts).toHaveLength(1);
  });
});

describe('pre-user-registration', () => {
  it('refuses a mailinator.com sign-up with the user message of registration-guard', async () => {
    const outcome = await runtime.preUserRegistration({
      user: { email: 'someone@mailinator.com', app_metadata: {}, user_metadata: {} },
      client: { client_id: 'spa-client', name: 'Documents SPA' },
      connection: { id: 'con_db', name: 'Username-Password-Authentication', strategy: 'auth0' },
      request: request('127.0.0.1'),
      now: Date.now(),
    });
    expect(outcome).toMatchObject({ kind: 'denied', actionName: 'registration-guard' });
    expect(outcome.kind === 'denied' && outcome.userMessage.length).toBeGreaterThan(0);
  });
});

describe('custom database', () => {
  const connection = () => ({
    name: 'legacy-users',
    options: {
      customScripts: scripts,
      configuration: { LEGACY_API_URL: legacy.url, LEGACY_API_TOKEN: STORE_TOKEN },
    },
  });

  it('logs a legacy user in, refuses a wrong password, and reports an outage when the store is down', async () => {
    expect(await runtime.customDatabase(connection(), 'login', [JANE.email, JANE.password])).toEqual({
      kind: 'user',
      profile: JANE_PROFILE,
    });
    expect((await runtime.customDatabase(connection(), 'login', [JANE.email, 'wrong'])).kind).toBe(
      'wrong-credentials',
    );
    legacy.answer({ status: 503, json: { error: 'down' } });
    expect((await runtime.customDatabase(connection(), 'login', [JANE.email, JANE.password])).kind).toBe(
      'outage',
    );
    legacy.reset();
  });

  it('reports an outage for a script that never calls back or never yields, and runs the next one', async () => {
    const hanging = (body: string) => ({
      name: 'hangs',
      options: { customScripts: { login: `function login(email, password, callback) { ${body} }` } },
    });
    await withShortLimits(async (limited) => {
      expect(await limited.customDatabase(hanging(''), 'login', ['a@example.com', 'pw'])).toEqual({
        kind: 'outage',
        message: `Error: the script did not call back within ${SCRIPT_LIMIT_MS} ms`,
      });
      expect(await limited.customDatabase(hanging('for (;;) {}'), 'login', ['a@example.com', 'pw'])).toEqual({
        kind: 'outage',
        message: TIMEOUT_MESSAGE,
      });
      expect(
        await limited.customDatabase(hanging('callback(null);'), 'login', ['a@example.com', 'pw']),
      ).toEqual({ kind: 'not-found' });
    });
  });
});
