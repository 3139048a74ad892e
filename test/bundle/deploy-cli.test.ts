import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateWithDeployCli, YAMLContext } from '../tenant/deploy-cli';
import { repoTenantDir } from '../tenant/fixture';
import { type Build, buildToTemp } from './helpers';

/** `npm run build -- --env dev` writes a dist/dev/ that auth0-deploy-cli itself accepts as its input. */
let dev: Build;
beforeAll(async () => {
  dev = await buildToTemp({ dir: repoTenantDir, env: 'dev' });
  expect(dev.result.ok).toBe(true);
});
afterAll(() => dev.remove());

describe('auth0-deploy-cli reads the built dist/dev/', () => {
  it("passes deploy-cli's schema as written", () => {
    const valid = validateWithDeployCli(parse(dev.read('tenant.yaml')));

    expect(validateWithDeployCli.errors).toBeNull();
    expect(valid).toBe(true);
  });

  it('loads through its YAML context: code from the files beside tenant.yaml, secrets from the deploy mappings', async () => {
    const mappings = {
      USER_SYNC_TOKEN: 'sync-token-at-deploy',
      LEGACY_API_TOKEN: 'legacy-token-at-deploy',
      GOOGLE_CLIENT_SECRET: 'google-secret-at-deploy',
      GITHUB_CLIENT_SECRET: 'github-secret-at-deploy',
    };
    const context = new YAMLContext(
      { AUTH0_INPUT_FILE: path.join(dev.outDir, 'tenant.yaml'), AUTH0_KEYWORD_REPLACE_MAPPINGS: mappings },
      {},
    );

    await context.loadAssetsFromLocal();

    const byName = (list: { name: string }[], name: string): any => list.find((item) => item.name === name);
    const userSync = byName(context.assets.actions, 'user-sync');
    expect(userSync.code).toBe(dev.read('actions/user-sync.js'));
    expect(userSync.secrets).toContainEqual({ name: 'USER_SYNC_TOKEN', value: 'sync-token-at-deploy' });
    expect(userSync.dependencies).toEqual([{ name: 'axios', version: '1.21.1' }]);
    expect(context.assets.actions.map((action: { name: string }) => action.name)).toEqual([
      'risk-based-mfa',
      'custom-claims',
      'user-sync',
      'registration-guard',
    ]);
    const legacy = byName(context.assets.databases, 'legacy-users');
    expect(legacy.options.customScripts).toEqual({
      login: dev.read('databases/legacy-users/login.js'),
      get_user: dev.read('databases/legacy-users/get_user.js'),
    });
    expect(legacy.options.configuration.LEGACY_API_TOKEN).toBe('legacy-token-at-deploy');
    expect(byName(context.assets.connections, 'github').options.client_secret).toBe(
      'github-secret-at-deploy',
    );
  });
});
