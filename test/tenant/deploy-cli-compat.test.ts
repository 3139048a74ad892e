import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadTenant } from '../../scripts/tenant/load';
import { resolveKeywords } from '../../scripts/tenant/resolve';
import { ACTION_TRIGGERS } from '../../scripts/tenant/schema/actions';
import { GUARDIAN_FACTORS } from '../../scripts/tenant/schema/guardian';
import { DEPLOYED_TENANT_FLAGS } from '../../scripts/tenant/schema/tenant-settings';
import { allowedTenantFlags, constants, validateWithDeployCli, YAMLContext } from './deploy-cli';
import { CODE_FILES, repoTenantDir } from './fixture';

/**
 * What we write is what auth0-deploy-cli 8.44 accepts: its own schema and its own YAML loader take our
 * resolved tenant, and the lists we keep in our schema match the ones it enforces.
 */

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('auth0-deploy-cli accepts our tenant', () => {
  it.each(['dev', 'prod', 'local'])('passes deploy-cli schema validation for %s', async (env) => {
    const { tenant } = resolveKeywords(await loadTenant({ dir: repoTenantDir, env }));

    const valid = validateWithDeployCli(structuredClone(tenant));

    expect(validateWithDeployCli.errors).toBeNull();
    expect(valid).toBe(true);
  });

  it('loads through deploy-cli YAML context with the secrets supplied as keyword mappings', async () => {
    const loaded = await loadTenant({ dir: repoTenantDir, env: 'local' });
    const { tenant } = resolveKeywords(loaded);
    const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-yaml-'));
    roots.push(root);
    for (const file of CODE_FILES) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), `// ${file}\n`);
    }
    mkdirSync(path.join(root, 'tenant'));
    // The files tenant.yaml names (email bodies), where deploy-cli reads them: beside it.
    cpSync(path.join(repoTenantDir, 'emails'), path.join(root, 'tenant', 'emails'), { recursive: true });
    const file = path.join(root, 'tenant', 'tenant.yaml');
    writeFileSync(file, stringify(tenant));
    const mappings = Object.fromEntries(
      Object.entries(loaded.secrets).map(([key, source]) => [key, 'value' in source ? source.value : '']),
    );

    const context = new YAMLContext({ AUTH0_INPUT_FILE: file, AUTH0_KEYWORD_REPLACE_MAPPINGS: mappings }, {});
    await context.loadAssetsFromLocal();

    const userSync = context.assets.actions.find((action: { name: string }) => action.name === 'user-sync');
    expect(userSync.secrets).toContainEqual({
      name: 'USER_SYNC_TOKEN',
      value: 'local-user-sync-token-not-a-secret',
    });
    expect(userSync.code).toBe('// actions/user-sync/index.ts\n');
    const legacy = context.assets.databases.find((db: { name: string }) => db.name === 'legacy-users');
    expect(legacy.options.customScripts.login).toBe('// actions/custom-database/legacy-users/login.ts\n');
    expect(legacy.options.configuration.LEGACY_API_TOKEN).toBe('local-legacy-api-token-not-a-secret');
    const verify = context.assets.emailTemplates.find(
      (template: { template: string }) => template.template === 'verify_email',
    );
    expect(verify.body).toContain('{{ url }}');
    expect(context.assets.clientGrants[0].audience).toBe('https://127.0.0.1:8443/api/v2/');
    expect(
      context.assets.triggers['post-login'].map((binding: { action_name: string }) => binding.action_name),
    ).toEqual(['risk-based-mfa', 'custom-claims', 'user-sync']);
  });

  it('knows the same trigger ids and Guardian factors as deploy-cli', () => {
    expect([...ACTION_TRIGGERS].sort()).toEqual([...constants.ACTIONS_TRIGGERS].sort());
    expect([...GUARDIAN_FACTORS].sort()).toEqual([...constants.GUARDIAN_FACTORS].sort());
  });

  it('warns about exactly the tenant flags deploy-cli does not deploy', () => {
    expect([...DEPLOYED_TENANT_FLAGS].sort()).toEqual([...allowedTenantFlags].sort());
  });
});
