import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JANE,
  STORE_TOKEN,
  startFakeLegacyStore,
} from '../../actions/custom-database/legacy-users/fake-legacy-store';
import { startFakeSyncServer } from '../../actions/user-sync/fake-sync-server';
import { buildPostLoginEvent, buildPreUserRegistrationEvent } from '../kit';
import { repoTenantDir } from '../tenant/fixture';
import { type Build, buildToTemp, distAction, distScript, repoRoot } from './helpers';
import { haveNode22, NODE22, type RunnerOutput, runOnNode22 } from './node22';

if (!haveNode22) {
  console.warn(`skipping the Node 22 artifact tests: ${NODE22} is missing (run npm install to get it)`);
}

/** Our built Actions and scripts, loaded as Auth0 loads them, on Node 22 (node22.ts); each story checks the outcome. */
describe.skipIf(!haveNode22)('our built Actions and scripts on Node 22', () => {
  let build: Build;
  let output: RunnerOutput;
  const result = (id: string) => output.results.find((item) => item.id === id);

  beforeAll(async () => {
    build = await buildToTemp({ dir: repoTenantDir, env: 'dev' });
    expect(build.result.ok).toBe(true);
    const [store, sync] = await Promise.all([startFakeLegacyStore(), startFakeSyncServer([{ status: 204 }])]);
    try {
      const action = (name: string, handler: string, event: object) => {
        const built = distAction(build, name);
        return {
          id: name,
          kind: 'action',
          file: built.file,
          dependencies: built.dependencies,
          handler,
          event,
        };
      };
      const secretsOf = (name: string) => distAction(build, name).secrets;
      const configuration = { LEGACY_API_URL: store.url, LEGACY_API_TOKEN: STORE_TOKEN };
      output = await runOnNode22(
        {
          projectRoot: repoRoot,
          cases: [
            action(
              'risk-based-mfa',
              'onExecutePostLogin',
              buildPostLoginEvent({
                secrets: secretsOf('risk-based-mfa'),
                authorization: { roles: ['admin'] },
              }),
            ),
            action(
              'custom-claims',
              'onExecutePostLogin',
              buildPostLoginEvent({
                secrets: secretsOf('custom-claims'),
                authorization: { roles: ['editor'] },
                user: { app_metadata: {} },
              }),
            ),
            action(
              'user-sync',
              'onExecutePostLogin',
              buildPostLoginEvent({
                secrets: {
                  ...secretsOf('user-sync'),
                  USER_SYNC_URL: sync.url,
                  USER_SYNC_TOKEN: 'sync-token-node22',
                },
                user: { user_id: 'auth0|node22', app_metadata: {} },
              }),
            ),
            action(
              'registration-guard',
              'onExecutePreUserRegistration',
              buildPreUserRegistrationEvent({
                secrets: secretsOf('registration-guard'),
                user: { email: 'someone@guerrillamail.com' },
              }),
            ),
            {
              id: 'login',
              kind: 'script',
              file: path.join(build.outDir, 'databases/legacy-users/login.js'),
              args: [JANE.email, JANE.password],
              configuration,
            },
            {
              id: 'login-wrong-password',
              kind: 'script',
              file: distScript(build, 'legacy-users', 'login').filename,
              args: [JANE.email, 'not her password'],
              configuration,
            },
            {
              id: 'get_user',
              kind: 'script',
              file: distScript(build, 'legacy-users', 'get_user').filename,
              args: ['nobody@example.com'],
              configuration,
            },
          ],
        },
        path.dirname(build.outDir),
      );
      expect(sync.requests.map((request) => request.headers.authorization)).toEqual([
        'Bearer sync-token-node22',
      ]);
    } finally {
      await Promise.all([store.close(), sync.close()]);
    }
  });
  afterAll(() => build?.remove());

  it('ran on Node 22, every case without a crash', () => {
    expect(output.node).toMatch(/^v22\./);
    expect(output.results.filter((item) => 'failure' in item)).toEqual([]);
  });

  it('risk-based-mfa asks an admin for MFA', () => {
    expect(result('risk-based-mfa')?.calls).toEqual([
      { call: 'multifactor.enable', args: ['any', { allowRememberBrowser: true }] },
    ]);
  });

  it('custom-claims sets the namespaced roles claim', () => {
    expect(result('custom-claims')?.calls).toContainEqual({
      call: 'idToken.setCustomClaim',
      args: ['https://example.com/claims/roles', ['editor']],
    });
  });

  it('user-sync posts with its declared axios and stores the hash', () => {
    expect(result('user-sync')?.calls).toEqual([
      { call: 'user.setAppMetadata', args: ['sync_hash', expect.any(String)] },
    ]);
  });

  it('registration-guard refuses a disposable address', () => {
    expect(result('registration-guard')?.calls).toEqual([
      { call: 'access.deny', args: [expect.stringContaining('guerrillamail.com'), expect.any(String)] },
    ]);
  });

  it('the legacy-users scripts migrate Jane, reject a wrong password, and find nobody else', () => {
    expect(result('login')?.callback).toMatchObject({
      error: null,
      results: [{ user_id: 'legacy|1001', email: JANE.email }],
    });
    expect(result('login-wrong-password')?.callback.error).toMatchObject({
      name: 'WrongUsernameOrPasswordError',
    });
    expect(result('get_user')?.callback).toEqual({ error: null, results: [] });
  });
});
