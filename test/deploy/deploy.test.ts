import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { deliverToSink } from '../../scripts/local-tenant';
import { it, LOCAL_TOKEN, ROTATED_TOKEN, writes } from './local-commands';
import { byHand, pointServicesAt } from './workspace';

describe.concurrent('plan and deploy against the local tenant, with the real engine', () => {
  it('plans every resource as a create on an empty tenant, with exit code 2', async ({ local }) => {
    const plan = await local.run('plan');

    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/^Plan for local \(.*\): \d+ to create, \d+ to update, 0 to delete\n/);
    expect(plan.stdout).toContain('+ actions user-sync');
    expect(plan.stdout).toContain('    secrets.USER_SYNC_TOKEN: "(secret)"');
    expect(local.tenant.requests().writes).toBe(0);
  }, 300_000);

  it('creates everything on the first deploy, after which the plan is empty (exit code 0)', async ({
    local,
  }) => {
    const first = await local.deploy();

    expect(first.stdout).toContain('created clients "Documents SPA"');
    expect(first.stdout).toContain('deployed actions "user-sync"');
    expect(first.stdout).toContain('created organizations "acme"');
    expect(writes(local.tenant)['POST /api/v2/organizations/:id/connections']).toBe(3);
    expect(writes(local.tenant)['POST /api/v2/actions/actions']).toBe(4);
    // The tenant enforces rate limits (local-commands.ts): the deploy paced itself, met no 429 and says
    // how many calls each endpoint group took and how long it waited for budget.
    expect(local.tenant.requests().byStatus['429'] ?? 0).toBe(0);
    expect(first.stdout).toMatch(
      /\d+ Management API call\(s\) \(.*organizations: write \d+.*\); waited \d+\.\d s/,
    );
    const organizations = writes(local.tenant)['POST /api/v2/organizations'];
    local.tenant.resetRequests();
    const plan = await local.run('plan');
    expect(plan.stdout).toMatch(/: no changes\n(?:\nNotes:\n(?: {2}.*\n)+)?$/);
    expect(plan.stderr).toMatch(/the plan made \d+ Management API call\(s\) \(.*organizations: list \d+/);
    expect(plan.code).toBe(0);
    // The plan reads each organization's connections in one call, and not the parts it does not manage.
    const reads = Object.keys(local.tenant.requests().byRoute).filter((route) =>
      route.startsWith('GET /api/v2/organizations/'),
    );
    expect(reads).toEqual(['GET /api/v2/organizations/:id/connections']);
    expect(local.tenant.requests().byRoute['GET /api/v2/organizations/:id/connections']).toBe(organizations);
    expect(local.tenant.requests().byStatus['429'] ?? 0).toBe(0);
  }, 300_000);

  it("streams the local environment's logs to the local tenant's receiver, with the stream's authorization", async ({
    local,
  }) => {
    await pointServicesAt(local.workspace, local.tenant);
    await local.deploy();
    const streams = (await byHand(local.tenant, 'GET', '/api/v2/log-streams')) as Record<string, unknown>[];
    const siem = streams.find((stream) => stream.name === 'SIEM') ?? {};
    const login = { log_id: '90020260601000000000000000000000000000000000000000000002', data: { type: 's' } };

    expect(await deliverToSink(siem, [login])).toEqual({ sent: true, statuses: [200] });
    expect(local.tenant.logStream.events()).toEqual([
      { stream: 'SIEM', receivedAt: expect.any(String), event: login },
    ]);
  }, 300_000);

  it('makes no write call at all when nothing changed, and says so in the GitHub job summary', async ({
    deployed,
  }) => {
    const summary = path.join(deployed.workspace.out, '..', 'step-summary.md');
    const second = await deployed.run('deploy', [], { GITHUB_STEP_SUMMARY: summary });

    expect(second.code).toBe(0);
    expect(second.stdout).toContain('no changes: nothing deployed, 0 write calls');
    expect(deployed.tenant.requests().writes).toBe(0);
    expect(await readFile(summary, 'utf8')).toMatch(
      /^### Auth0 plan: `local` \(.*\)\n\n\*\*no changes\*\*\n\n(?:[^#][\s\S]*?\n)?### Auth0 deploy: `local` .*\n\n\*\*no changes: nothing deployed, 0 write calls\*\*\n/,
    );
  }, 300_000);

  it('prints one JSON document, the plan and what the deploy did, with --format json', async ({
    deployed,
  }) => {
    const deploy = await deployed.run('deploy', ['--format', 'json']);

    expect(deploy.code).toBe(0);
    expect(JSON.parse(deploy.stdout)).toMatchObject({
      plan: { mode: 'plan', env: 'local', changes: [] },
      deploy: { created: 0, updated: 0, deleted: 0, writeCalls: 0 },
    });
  }, 300_000);

  it('writes only the client whose one field changed', async ({ deployed }) => {
    await deployed.workspace.edit('tenant.yaml', (text) =>
      text.replace(
        'description: Server-rendered web app for documents',
        'description: Server-rendered web app, v2',
      ),
    );

    const result = await deployed.deploy();

    expect(result.stdout).toContain(
      '~ clients "Documents Web"\n    description: "Server-rendered web app for documents" -> "Server-rendered web app, v2"\n',
    );
    expect(result.stdout).toContain('updated clients "Documents Web"');
    expect(writes(deployed.tenant)).toEqual({ 'PATCH /api/v2/clients/:id': 1 });
  }, 300_000);

  it('updates an organization and keeps the client grant associated with it by hand', async ({
    deployed,
  }) => {
    const [acme] = (await byHand(deployed.tenant, 'GET', '/api/v2/organizations?name=acme')) as {
      id: string;
    }[];
    const grants = (await byHand(deployed.tenant, 'GET', '/api/v2/client-grants')) as { id: string }[];
    const grant = grants.at(-1)?.id;
    await byHand(deployed.tenant, 'POST', `/api/v2/organizations/${acme?.id}/client-grants`, {
      grant_id: grant,
    });
    await deployed.workspace.edit('environments/local.yaml', (text) =>
      text.replace('display_name: Acme Corporation', 'display_name: Acme Corp'),
    );

    const result = await deployed.deploy();

    expect(result.stdout).toContain('updated organizations "acme"');
    expect(result.stdout).not.toMatch(/should be (removed|deleted)/);
    expect(writes(deployed.tenant)).toEqual({ 'PATCH /api/v2/organizations/:id': 1 });
    const associated = (await byHand(
      deployed.tenant,
      'GET',
      `/api/v2/organizations/${acme?.id}/client-grants`,
    )) as { id: string }[];
    expect(associated.map((item) => item.id)).toEqual([grant]);
  }, 300_000);

  it('redeploys only the action whose secret changed, and never prints the secret', async ({ deployed }) => {
    await deployed.workspace.edit('environments/local.yaml', (text) =>
      text.replace(LOCAL_TOKEN, ROTATED_TOKEN),
    );

    const result = await deployed.deploy();

    expect(result.stdout).toContain(
      '~ actions user-sync\n    secrets.USER_SYNC_TOKEN: "(secret)" -> "(new secret value)"\n',
    );
    // One action changed, then deployed (deploy-cli asks again while Auth0 is still building it).
    expect(Object.keys(writes(deployed.tenant))).toEqual([
      'PATCH /api/v2/actions/actions/:id',
      'POST /api/v2/actions/actions/:id/deploy',
    ]);
    expect(writes(deployed.tenant)['PATCH /api/v2/actions/actions/:id']).toBe(1);
  }, 300_000);

  it('keeps an action removed from the file unless --allow-delete is given, then deletes it', async ({
    deployed,
  }) => {
    await deployed.workspace.edit('tenant.yaml', (text) => {
      const tenantFile = parse(text);
      tenantFile.actions = tenantFile.actions.filter(
        (action: { name: string }) => action.name !== 'registration-guard',
      );
      tenantFile.triggers['pre-user-registration'] = [];
      return stringify(tenantFile);
    });

    const kept = await deployed.deploy();
    expect(kept.stdout).toContain('- actions registration-guard  (kept: needs --allow-delete)');
    expect(kept.stdout).toContain('1 delete(s) not applied: pass --allow-delete to apply them');
    expect(writes(deployed.tenant)).toEqual({ 'PATCH /api/v2/actions/triggers/:triggerId/bindings': 1 });

    const deleted = await deployed.deploy(['--allow-delete']);
    expect(deleted.stdout).toContain('deleted actions');
    expect(writes(deployed.tenant)).toEqual({ 'DELETE /api/v2/actions/actions/:id': 1 });
    expect((await deployed.run('plan', ['--allow-delete'])).code).toBe(0);
  }, 180_000);

  it('stops before any call when the variable a secret is read from is missing, and uses it when set', async ({
    deployed,
  }) => {
    await deployed.workspace.edit('environments/local.yaml', (text) =>
      text.replace(
        `USER_SYNC_TOKEN: { value: ${LOCAL_TOKEN} }`,
        'USER_SYNC_TOKEN: { env: TEST_USER_SYNC_TOKEN }',
      ),
    );

    const missing = await deployed.run('deploy');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error: missing secret values: USER_SYNC_TOKEN (from TEST_USER_SYNC_TOKEN): set them in the environment before deploying; nothing was changed\n',
    );
    expect(deployed.tenant.requests().total).toBe(0);

    // The same value as deployed before, now from the environment: nothing to do.
    deployed.tenant.resetRequests();
    const present = await deployed.run('deploy', [], { TEST_USER_SYNC_TOKEN: LOCAL_TOKEN });
    expect(present.stdout).toContain('no changes: nothing deployed, 0 write calls');
    expect(deployed.tenant.requests().writes).toBe(0);
  }, 300_000);

  it('deploys a rotated email provider key, which Auth0 never returns, only when asked to rewrite such secrets', async ({
    deployed,
  }) => {
    await deployed.workspace.edit('environments/local.yaml', (text) =>
      text.replace('local-sendgrid-api-key-not-a-secret', 'local-sendgrid-api-key-2-not-a-secret'),
    );
    const storedKey = async () => {
      deployed.tenant.saveState();
      const state = JSON.parse(await readFile(deployed.tenant.stateFile, 'utf8'));
      return state.emailProvider?.provider?.credentials?.api_key ?? state.emailProvider?.credentials?.api_key;
    };

    const plain = await deployed.deploy();
    expect(plain.stdout).toContain('no changes: nothing deployed, 0 write calls');
    expect(plain.stdout).toMatch(
      /emailProvider emailProvider: credentials\.api_key not compared .*--rewrite-secrets/,
    );
    expect(await storedKey()).toBe('local-sendgrid-api-key-not-a-secret');

    const rewritten = await deployed.deploy(['--rewrite-secrets']);
    expect(rewritten.stdout).toContain('    credentials.api_key: "(secret)" -> "(new secret value)"');
    // Every secret of the kind is written: which one was rotated cannot be told from the tenant.
    expect(writes(deployed.tenant)).toEqual({
      'PATCH /api/v2/emails/provider': 1,
      'PUT /api/v2/guardian/factors/push-notification/providers/sns': 1,
    });
    expect(await storedKey()).toBe('local-sendgrid-api-key-2-not-a-secret');
    expect(rewritten.stdout + rewritten.stderr).not.toContain('api-key-2');
  }, 300_000);

  it('exports no drift right after a deploy, and reports a change made by hand as drift (exit code 2)', async ({
    deployed,
  }) => {
    const exported = await deployed.run('export');
    expect(exported.stdout).toMatch(/^Drift for local \(.*\): no drift\n(?:\nNotes:\n(?: {2}.*\n)+)?$/);
    expect(exported.code).toBe(0);

    const clients = (await byHand(deployed.tenant, 'GET', '/api/v2/clients')) as {
      client_id: string;
      name: string;
    }[];
    const spa = clients.find((client) => client.name === 'Documents SPA');
    await byHand(deployed.tenant, 'PATCH', `/api/v2/clients/${spa?.client_id}`, {
      description: 'changed in the dashboard',
    });
    const drifted = await deployed.run('export');

    expect(drifted.stdout).toContain(
      '~ clients "Documents SPA"\n    description: "changed in the dashboard" -> "Browser app for documents and profiles"\n',
    );
    expect(drifted.code).toBe(2);
  }, 300_000);

  it("shows a value changed by hand whole, and an Action's code changed by hand as its diff, with no secret in it", async ({
    deployed,
  }) => {
    await byHand(deployed.tenant, 'PATCH', '/api/v2/tenants/settings', {
      support_url: 'https://evil.example.net/\nsupport',
    });
    const actions = (await byHand(deployed.tenant, 'GET', '/api/v2/actions/actions')) as {
      actions: { id: string; name: string; code: string }[];
    };
    const sync = actions.actions.find((action) => action.name === 'user-sync');
    await byHand(deployed.tenant, 'PATCH', `/api/v2/actions/actions/${sync?.id}`, {
      code: `// changed by hand\n${sync?.code}`,
    });

    const text = await deployed.run('plan');
    const markdown = await deployed.run('plan', ['--format', 'markdown']);

    expect(text.stdout).toContain(
      '~ tenant tenant\n    support_url: "https://evil.example.net/\\nsupport" -> "https://example.com/support"\n',
    );
    // An edit in the dashboard leaves the Action undeployed until someone deploys it.
    expect(text.stdout).toMatch(
      /\n~ actions user-sync\n {4}deployed: false -> true\n {4}code: 0 lines added, 1 removed \(\d+ -> \d+ lines\)\n/,
    );
    expect(markdown.stdout).toContain(
      '<details><summary>actions user-sync: code, 0 lines added, 1 removed</summary>',
    );
    expect(markdown.stdout).toMatch(/\n@@ -1,4 \+1,3 @@\n-\/\/ changed by hand\n /);
    // The fingerprints of the Action's secrets, which its code carries, are no part of the diff.
    expect(markdown.stdout).not.toContain('tenant-as-code secrets');
  }, 300_000);

  it('stops before anything runs, with one line and exit code 1, when the credentials are incomplete', async ({
    local,
  }) => {
    const result = await local.runWithEnv('plan', local.flags, { AUTH0_DOMAIN: local.tenant.domain });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: AUTH0_DOMAIN is set but AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are not: set all three to use a real tenant, or none to use the local tenant\n',
    );
    expect(local.tenant.requests().total).toBe(0);
  }, 60_000);
});
