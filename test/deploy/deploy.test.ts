import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { LocalTenant } from '../../scripts/local-tenant/local-tenant';
import {
  byHand,
  type CliRun,
  makeWorkspace,
  runCli,
  startTestTenant,
  targetEnv,
  type Workspace,
} from './workspace';

const ROTATED_TOKEN = 'rotated-user-sync-token-0042';

/** Writes by route, without the reads: what a deploy changed in the tenant. */
function writes(tenant: LocalTenant): Record<string, number> {
  return Object.fromEntries(
    Object.entries(tenant.requests().byRoute).filter(
      ([route]) => !/^(GET|HEAD) /.test(route) && !route.includes('/oauth/'),
    ),
  );
}

describe('plan and deploy against the local tenant, with the real engine', () => {
  let tenant: LocalTenant;
  let workspace: Workspace;
  const printed: string[] = [];
  const run = async (
    command: 'plan' | 'deploy' | 'export',
    args: string[] = [],
    extraEnv: Record<string, string> = {},
  ) => {
    const result = await runCli(
      command,
      ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out, ...args],
      targetEnv(tenant, extraEnv),
    );
    printed.push(result.stdout, result.stderr);
    return result;
  };
  const deploy = async (args: string[] = []): Promise<CliRun> => {
    tenant.resetRequests();
    const result = await run('deploy', args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result;
  };

  beforeAll(async () => {
    tenant = await startTestTenant();
    workspace = await makeWorkspace(tenant.domain);
  });

  afterAll(async () => {
    await tenant?.close();
    await workspace?.remove();
  });

  it('plans every resource as a create on an empty tenant, with exit code 2', async () => {
    const plan = await run('plan');

    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/^Plan for local \(.*\): \d+ to create, \d+ to update, 0 to delete\n/);
    expect(plan.stdout).toContain('+ actions user-sync');
    expect(plan.stdout).toContain('    secrets.USER_SYNC_TOKEN: "(secret)"');
    expect(tenant.requests().writes).toBe(0);
  }, 120_000);

  it('creates everything on the first deploy, after which the plan is empty (exit code 0)', async () => {
    const first = await deploy();

    expect(first.stdout).toContain('created clients "Documents SPA"');
    expect(first.stdout).toContain('deployed actions "user-sync"');
    expect(writes(tenant)['POST /api/v2/actions/actions']).toBe(4);
    const plan = await run('plan');
    expect(plan.stdout).toMatch(/: no changes\n$/);
    expect(plan.code).toBe(0);
  }, 120_000);

  it('makes no write call at all when nothing changed, and says so in the GitHub job summary', async () => {
    const summary = path.join(workspace.out, '..', 'step-summary.md');
    tenant.resetRequests();
    const second = await run('deploy', [], { GITHUB_STEP_SUMMARY: summary });

    expect(second.code).toBe(0);
    expect(second.stdout).toContain('no changes: nothing deployed, 0 write calls');
    expect(tenant.requests().writes).toBe(0);
    expect(await readFile(summary, 'utf8')).toMatch(
      /^### Auth0 plan: `local` \(.*\)\n\n\*\*no changes\*\*\n\n### Auth0 deploy: `local` .*\n\n\*\*no changes: nothing deployed, 0 write calls\*\*\n/,
    );
  }, 120_000);

  it('prints one JSON document, the plan and what the deploy did, with --format json', async () => {
    const deploy = await run('deploy', ['--format', 'json']);

    expect(deploy.code).toBe(0);
    expect(JSON.parse(deploy.stdout)).toMatchObject({
      plan: { mode: 'plan', env: 'local', changes: [] },
      deploy: { created: 0, updated: 0, deleted: 0, writeCalls: 0 },
    });
  }, 120_000);

  it('writes only the client whose one field changed', async () => {
    await workspace.edit('tenant.yaml', (text) =>
      text.replace(
        'description: Server-rendered web app for documents',
        'description: Server-rendered web app, v2',
      ),
    );

    const result = await deploy();

    expect(result.stdout).toContain(
      '~ clients "Documents Web"\n    description: "Server-rendered web app for documents" -> "Server-rendered web app, v2"\n',
    );
    expect(result.stdout).toContain('updated clients "Documents Web"');
    expect(writes(tenant)).toEqual({ 'PATCH /api/v2/clients/:id': 1 });
  }, 120_000);

  it('redeploys only the action whose secret changed, and never prints the secret', async () => {
    await workspace.edit('environments/local.yaml', (text) =>
      text.replace('local-user-sync-token-not-a-secret', ROTATED_TOKEN),
    );

    const result = await deploy();

    expect(result.stdout).toContain(
      '~ actions user-sync\n    secrets.USER_SYNC_TOKEN: "(secret)" -> "(new secret value)"\n',
    );
    // One action changed, then deployed (deploy-cli asks again while Auth0 is still building it).
    expect(Object.keys(writes(tenant))).toEqual([
      'PATCH /api/v2/actions/actions/:id',
      'POST /api/v2/actions/actions/:id/deploy',
    ]);
    expect(writes(tenant)['PATCH /api/v2/actions/actions/:id']).toBe(1);
  }, 120_000);

  it('keeps an action removed from the file unless --allow-delete is given, then deletes it', async () => {
    await workspace.edit('tenant.yaml', (text) => {
      const tenantFile = parse(text);
      tenantFile.actions = tenantFile.actions.filter(
        (action: { name: string }) => action.name !== 'registration-guard',
      );
      tenantFile.triggers['pre-user-registration'] = [];
      return stringify(tenantFile);
    });

    const kept = await deploy();
    expect(kept.stdout).toContain('- actions registration-guard  (kept: needs --allow-delete)');
    expect(kept.stdout).toContain('1 delete(s) not applied: pass --allow-delete to apply them');
    expect(writes(tenant)).toEqual({ 'PATCH /api/v2/actions/triggers/:triggerId/bindings': 1 });

    const deleted = await deploy(['--allow-delete']);
    expect(deleted.stdout).toContain('deleted actions');
    expect(writes(tenant)).toEqual({ 'DELETE /api/v2/actions/actions/:id': 1 });
    expect((await run('plan', ['--allow-delete'])).code).toBe(0);
  }, 180_000);

  it('stops before any call when the variable a secret is read from is missing, and uses it when set', async () => {
    await workspace.edit('environments/local.yaml', (text) =>
      text.replace(
        `USER_SYNC_TOKEN: { value: ${ROTATED_TOKEN} }`,
        'USER_SYNC_TOKEN: { env: TEST_USER_SYNC_TOKEN }',
      ),
    );

    tenant.resetRequests();
    const missing = await run('deploy');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error: missing secret values: USER_SYNC_TOKEN (from TEST_USER_SYNC_TOKEN): set them in the environment before deploying; nothing was changed\n',
    );
    expect(tenant.requests().total).toBe(0);

    // The same value as deployed before, now from the environment: nothing to do.
    tenant.resetRequests();
    const present = await run('deploy', [], { TEST_USER_SYNC_TOKEN: ROTATED_TOKEN });
    expect(present.stdout).toContain('no changes: nothing deployed, 0 write calls');
    expect(tenant.requests().writes).toBe(0);
  }, 120_000);

  it('exports no drift right after a deploy, and reports a change made by hand as drift (exit code 2)', async () => {
    const withToken = { TEST_USER_SYNC_TOKEN: ROTATED_TOKEN };
    const exported = await run('export', [], withToken);
    expect(exported.stdout).toMatch(/^Drift for local \(.*\): no drift\n$/);
    expect(exported.code).toBe(0);

    const clients = (await byHand(tenant, 'GET', '/api/v2/clients')) as { client_id: string; name: string }[];
    const spa = clients.find((client) => client.name === 'Documents SPA');
    await byHand(tenant, 'PATCH', `/api/v2/clients/${spa?.client_id}`, {
      description: 'changed in the dashboard',
    });
    const drifted = await run('export', [], withToken);

    expect(drifted.stdout).toContain(
      '~ clients "Documents SPA"\n    description: "changed in the dashboard" -> "Browser app for documents and profiles"\n',
    );
    expect(drifted.code).toBe(2);
  }, 120_000);

  it('stops before anything runs, with one line and exit code 1, when the credentials are incomplete', async () => {
    tenant.resetRequests();
    const result = await runCli('plan', ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out], {
      AUTH0_DOMAIN: tenant.domain,
    });
    printed.push(result.stdout, result.stderr);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: AUTH0_DOMAIN is set but AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are not: set all three to use a real tenant, or none to use the local tenant\n',
    );
    expect(tenant.requests().total).toBe(0);
  }, 60_000);

  it('printed no secret value in anything captured above', async () => {
    const local = parse(await readFile(path.join(workspace.dir, 'environments', 'local.yaml'), 'utf8'));
    const secrets = [
      ...Object.values(local.secrets as Record<string, { value?: string }>).flatMap(
        (source) => source.value ?? [],
      ),
      'local-user-sync-token-not-a-secret',
      ROTATED_TOKEN,
      tenant.clientSecret,
    ];
    const everything = printed.join('\n');

    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
