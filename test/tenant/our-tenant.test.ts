import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTenantWithWaivers } from '../../scripts/tenant/check';
import { loadTenant } from '../../scripts/tenant/load';
import { resolveKeywords } from '../../scripts/tenant/resolve';
import { CODE_FILES, copyOurTenant, repoRoot, repoTenantDir, type TenantCopy } from './fixture';

/**
 * Our own tenant, as committed, passes every check in every environment. The copy differs from the
 * repository only in stand-in files for the Action and custom-database sources, which other work adds.
 */
let copy: TenantCopy;
beforeAll(() => {
  copy = copyOurTenant();
});
afterAll(() => copy.remove());

describe('our tenant', () => {
  it.each(['dev', 'prod', 'local'])('passes the check for %s with no problem at all', async (env) => {
    const loaded = await loadTenant({ dir: copy.tenantDir, env });

    const { problems, waived } = checkTenantWithWaivers(loaded);

    expect(problems).toEqual([]);
    expect(waived).toEqual([]);
  });

  it.each(['dev', 'prod'])(
    'leaves the loaded tenant as read, so a second check of it finds the same (%s)',
    async (env) => {
      const loaded = await loadTenant({ dir: copy.tenantDir, env });
      const asRead = structuredClone(loaded.tenant);

      const first = checkTenantWithWaivers(loaded);
      const second = checkTenantWithWaivers(loaded);

      expect(loaded.tenant).toEqual(asRead);
      expect(second.resolved?.tenant).toEqual(first.resolved?.tenant);
      expect(second.problems).toEqual(first.problems);
    },
  );

  it('references exactly the code files the check stands in for, relative to tenant.yaml', async () => {
    const loaded = await loadTenant({ dir: repoTenantDir, env: 'prod' });
    const { tenant } = resolveKeywords(loaded);
    const actions = (tenant.actions as { code: string }[]).map((action) => action.code);
    const scripts = (tenant.databases as { options?: { customScripts?: Record<string, string> } }[]).flatMap(
      (db) => Object.values(db.options?.customScripts ?? {}),
    );

    const referenced = [...actions, ...scripts].map((file) =>
      path.relative(repoRoot, path.resolve(repoTenantDir, file)),
    );

    expect(referenced.sort()).toEqual([...CODE_FILES].sort());
  });

  it('binds the post-login Actions in the order MFA, claims, sync', async () => {
    const loaded = await loadTenant({ dir: repoTenantDir, env: 'prod' });
    const triggers = resolveKeywords(loaded).tenant.triggers as Record<string, { action_name: string }[]>;

    expect(triggers['post-login']?.map((binding) => binding.action_name)).toEqual([
      'risk-based-mfa',
      'custom-claims',
      'user-sync',
    ]);
    expect(triggers['pre-user-registration']?.map((binding) => binding.action_name)).toEqual([
      'registration-guard',
    ]);
  });

  it('pins the axios version of the lockfile for user-sync', async () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const loaded = await loadTenant({ dir: repoTenantDir, env: 'prod' });
    const actions = resolveKeywords(loaded).tenant.actions as { name: string; dependencies: unknown[] }[];

    expect(actions.find((action) => action.name === 'user-sync')?.dependencies).toEqual([
      { name: 'axios', version: lock.packages['node_modules/axios']?.version },
    ]);
  });

  it('keeps every secret out of the dev and prod files: each names an environment variable', async () => {
    for (const env of ['dev', 'prod']) {
      const loaded = await loadTenant({ dir: repoTenantDir, env });
      for (const source of Object.values(loaded.secrets))
        expect(source).toEqual({ env: expect.stringMatching(/^TENANT_SECRET_/) });
    }
  });

  it('leaves each secret a placeholder after keyword resolution, and says where it sits', async () => {
    const loaded = await loadTenant({ dir: repoTenantDir, env: 'prod' });

    const { secretPlaceholders, tenant } = resolveKeywords(loaded);

    expect(secretPlaceholders.map((secret) => [secret.key, secret.path])).toEqual([
      ['LEGACY_API_TOKEN', 'databases[legacy-users].options.configuration.LEGACY_API_TOKEN'],
      ['GOOGLE_CLIENT_SECRET', 'connections[google-oauth2].options.client_secret'],
      ['GITHUB_CLIENT_SECRET', 'connections[github].options.client_secret'],
      ['GUARDIAN_SNS_ACCESS_KEY_ID', 'guardianFactorProviders[push-notification].aws_access_key_id'],
      ['GUARDIAN_SNS_SECRET_ACCESS_KEY', 'guardianFactorProviders[push-notification].aws_secret_access_key'],
      ['SENDGRID_API_KEY', 'emailProvider.credentials.api_key'],
      ['DATADOG_API_KEY', 'logStreams[SIEM].sink.datadogApiKey'],
      ['USER_SYNC_TOKEN', 'actions[user-sync].secrets[USER_SYNC_TOKEN].value'],
    ]);
    expect(secretPlaceholders.every((secret) => secret.whole)).toBe(true);
    // The log stream's sink differs per environment: its placeholder sits in the environment file.
    const inEnvironmentFile = secretPlaceholders.filter(
      (secret) => path.basename(secret.file) === 'prod.yaml',
    );
    expect(inEnvironmentFile.map((secret) => secret.key)).toEqual(['DATADOG_API_KEY']);
    expect(JSON.stringify(tenant)).toContain('"value":"##USER_SYNC_TOKEN##"');
  });
});
