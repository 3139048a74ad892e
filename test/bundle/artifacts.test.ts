import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeLegacyStore,
  JANE,
  STORE_TOKEN,
  startFakeLegacyStore,
} from '../../actions/custom-database/legacy-users/fake-legacy-store';
import type { PostLoginHandler } from '../../actions/types/post-login/v3';
import type { PreUserRegistrationHandler } from '../../actions/types/pre-user-registration/v2';
import { type FakeSyncServer, startFakeSyncServer } from '../../actions/user-sync/fake-sync-server';
import { postLogin, preUserRegistration, runCallbackScript, WrongUsernameOrPasswordError } from '../kit';
import { repoTenantDir } from '../tenant/fixture';
import { loadBuiltAction } from './auth0-loader';
import {
  type Build,
  buildToTemp,
  distAction,
  distScript,
  fixtureTenantDir,
  repoRoot,
  startStubApi,
} from './helpers';

/**
 * The unit tests test the sources; these test what the build wrote, loaded the way Auth0 loads it (module
 * wrapper, `require` limited to declared dependencies, custom-database globals), through the test kit.
 */
let fixture: Build;
let ours: Build;

beforeAll(async () => {
  [fixture, ours] = await Promise.all([
    buildToTemp({ dir: fixtureTenantDir, env: 'dev' }),
    buildToTemp({ dir: repoTenantDir, env: 'dev' }),
  ]);
  expect(fixture.result.ok).toBe(true);
  expect(ours.result.ok).toBe(true);
});
afterAll(() => {
  fixture.remove();
  ours.remove();
});

/** The built Action's exports, loaded as Auth0 loads them. */
function load(build: Build, name: string) {
  const action = distAction(build, name);
  const exports = loadBuiltAction(action.code, {
    filename: action.file,
    dependencies: action.dependencies,
    projectRoot: repoRoot,
  });
  return { exports, secrets: action.secrets };
}

const postLoginHandler = (build: Build, name: string) => {
  const { exports, secrets } = load(build, name);
  expect(typeof exports.onExecutePostLogin).toBe('function');
  return { handler: exports.onExecutePostLogin as PostLoginHandler<Record<string, string>>, secrets };
};

describe('the Auth0-like loader', () => {
  it('lets a built Action require only its declared dependencies and Node built-ins', () => {
    const action = distAction(fixture, 'notify-login');

    expect(() =>
      loadBuiltAction(action.code, { filename: action.file, dependencies: [], projectRoot: repoRoot }),
    ).toThrow("Cannot find module 'axios' (not a declared dependency of this Action)");
    expect(
      loadBuiltAction(action.code, { filename: action.file, dependencies: ['axios'], projectRoot: repoRoot }),
    ).toHaveProperty('onExecutePostLogin');
  });
});

describe('built fixture Actions and scripts', () => {
  it('tag-login: our inlined helper and node:crypto give the login a tag claim', async () => {
    const { handler, secrets } = postLoginHandler(fixture, 'tag-login');
    const login = postLogin({ secrets, user: { user_id: 'auth0|42' } });

    await login.run(handler);

    const expectedTag = createHash('sha256').update('auth0|42').digest('hex').slice(0, 12);
    expect(login.idToken.claims).toEqual({ 'https://example.com/claims/login_tag': expectedTag });
  });

  it('notify-login: the declared axios posts to the service with the token', async () => {
    const api = await startStubApi({ 'POST /notify': () => ({ status: 200, json: { id: 'n-1' } }) });
    try {
      const { handler } = postLoginHandler(fixture, 'notify-login');
      const login = postLogin({
        secrets: { NOTIFY_URL: `${api.url}/notify`, NOTIFY_TOKEN: 'notify-token-for-test' },
        user: { user_id: 'auth0|42' },
      });

      await login.run(handler);

      expect(api.requests).toEqual([
        {
          method: 'POST',
          url: '/notify',
          authorization: 'Bearer notify-token-for-test',
          body: { user_id: 'auth0|42' },
        },
      ]);
      expect(login.appMetadata).toEqual({ last_notified: 'n-1' });
    } finally {
      await api.close();
    }
  });

  it('legacy-users login: the single function, with Auth0 globals, calls the store and maps the user', async () => {
    const api = await startStubApi({
      'POST /legacy/login': () => ({ status: 200, json: { id: '7', email: 'sam@example.com' } }),
    });
    try {
      const result = await runCallbackScript(
        distScript(fixture, 'legacy-users', 'login'),
        ['sam@example.com', 'pw'],
        { configuration: { LEGACY_API_URL: `${api.url}/legacy`, LEGACY_API_TOKEN: 'legacy-token-for-test' } },
      );

      expect(result.error).toBeNull();
      expect(result.value).toEqual({ user_id: 'legacy|7', email: 'sam@example.com', email_verified: true });
      expect(api.requests[0]?.authorization).toBe('Bearer legacy-token-for-test');
    } finally {
      await api.close();
    }
  });
});

describe('our built tenant (tenant/, environment dev)', () => {
  let store: FakeLegacyStore;
  let sync: FakeSyncServer;
  beforeAll(async () => {
    [store, sync] = await Promise.all([startFakeLegacyStore(), startFakeSyncServer([{ status: 204 }])]);
  });
  afterAll(async () => {
    await Promise.all([store.close(), sync.close()]);
  });
  const configuration = () => ({ LEGACY_API_URL: store.url, LEGACY_API_TOKEN: STORE_TOKEN });

  it('risk-based-mfa: asks an admin for MFA, with the roles from the built secrets', async () => {
    const { handler, secrets } = postLoginHandler(ours, 'risk-based-mfa');
    const login = postLogin({ secrets, authorization: { roles: ['admin'] } });

    await login.run(handler);

    expect(login.mfa).toEqual({ provider: 'any', allowRememberBrowser: true });
  });

  it('risk-based-mfa: denies a login from a deny-listed IP that also travelled impossibly', async () => {
    const { handler, secrets } = postLoginHandler(ours, 'risk-based-mfa');
    const login = postLogin({
      secrets,
      risk: { UntrustedIP: 'found_on_deny_list', ImpossibleTravel: 'anonymous_proxy' },
    });

    await login.run(handler);

    expect(login.denied).toEqual({ reason: 'login blocked' });
  });

  it('custom-claims: puts the roles under the namespace from the built secrets', async () => {
    const { handler, secrets } = postLoginHandler(ours, 'custom-claims');
    const login = postLogin({ secrets, authorization: { roles: ['editor'] }, user: { app_metadata: {} } });

    await login.run(handler);

    expect(login.idToken.claims['https://example.com/claims/roles']).toEqual(['editor']);
    expect(login.denied).toBe(false);
  });

  it('user-sync: posts the user with its declared axios and remembers the hash', async () => {
    const { handler, secrets } = postLoginHandler(ours, 'user-sync');
    expect(secrets.USER_SYNC_TOKEN).toBe('##USER_SYNC_TOKEN##');
    const login = postLogin({
      secrets: { ...secrets, USER_SYNC_URL: sync.url, USER_SYNC_TOKEN: 'sync-token-for-artifact-test' },
      user: { user_id: 'auth0|artifact-1', email: 'ada@example.com' },
    });

    await login.run(handler);

    expect(sync.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: expect.objectContaining({ auth0Id: 'auth0|artifact-1', email: 'ada@example.com' }),
      }),
    ]);
    expect(sync.requests[0]?.headers.authorization).toBe('Bearer sync-token-for-artifact-test');
    expect(login.appMetadata.sync_hash).toEqual(expect.any(String));
  });

  it('registration-guard: refuses a disposable address listed in the built code', async () => {
    const { exports, secrets } = load(ours, 'registration-guard');
    const handler = exports.onExecutePreUserRegistration as PreUserRegistrationHandler<
      Record<string, string>
    >;
    const signup = preUserRegistration({ secrets, user: { email: 'someone@guerrillamail.com' } });

    await signup.run(handler);

    expect(signup.denied).toMatchObject({ reason: expect.stringContaining('guerrillamail.com') });
  });

  it('legacy-users login: migrates Jane from the store, and calls a wrong password what it is', async () => {
    const script = distScript(ours, 'legacy-users', 'login');

    const migrated = await runCallbackScript(script, [JANE.email, JANE.password], {
      configuration: configuration(),
    });
    const wrong = await runCallbackScript(script, [JANE.email, 'not her password'], {
      configuration: configuration(),
    });

    expect(migrated.error).toBeNull();
    expect(migrated.value).toMatchObject({ user_id: 'legacy|1001', email: JANE.email });
    expect(migrated.value).not.toHaveProperty('password_hash');
    expect(wrong.error).toBeInstanceOf(WrongUsernameOrPasswordError);
  });

  it('legacy-users get_user: finds Jane, and answers "no such user" for anyone else', async () => {
    const script = distScript(ours, 'legacy-users', 'get_user');

    const found = await runCallbackScript(script, [JANE.email], { configuration: configuration() });
    const missing = await runCallbackScript(script, ['nobody@example.com'], {
      configuration: configuration(),
    });

    expect(found.value).toMatchObject({ user_id: 'legacy|1001' });
    expect(missing).toMatchObject({ error: null, results: [] });
  });
});
