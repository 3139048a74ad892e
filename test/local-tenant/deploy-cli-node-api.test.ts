import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenant, type RequestCounts, startLocalTenant } from '../../scripts/local-tenant';
import { engineConfig, exportDifferences, type ProcessResult, readExport, repoRoot, runNode } from './engine';
import { type DeployableTenant, writeOurTenant } from './our-tenant';

// One engine run for the whole file: deploy our tenant with deploy-cli's Node API, then dump it back.
describe("deploy-cli's Node API against the local tenant", () => {
  let dir: string;
  let tenant: LocalTenant;
  let ours: DeployableTenant;
  let run: ProcessResult;
  let engineRequests: RequestCounts;
  let deployClientBefore: unknown;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-node-api-'));
    tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state', 'state.json') });
    ours = await writeOurTenant(path.join(dir, 'deploy'), tenant.domain);
    deployClientBefore = await deployClient();
    tenant.resetRequests();
    const job = {
      inputFile: ours.file,
      outputFolder: path.join(dir, 'export'),
      config: engineConfig(tenant, ours.secrets),
    };
    run = await runNode(
      [path.join(repoRoot, 'test/local-tenant/run-deploy-cli.mjs'), JSON.stringify(job)],
      tenant,
    );
    engineRequests = tenant.requests();
  }, 180_000);

  afterAll(async () => {
    await tenant?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function deployClient() {
    const { httpClient } = await import('./http-client');
    const api = httpClient(tenant);
    const answer = await api.send('GET', `/api/v2/clients/${tenant.clientId}`, undefined, {
      token: await api.token(),
    });
    return answer.body;
  }

  it('deploys our tenant and exports it without an error', () => {
    expect(stripVTControlCharacters(run.output)).not.toMatch(/ - error:/);
    expect(run.code).toBe(0);
  });

  it('exports what was deployed, ids and secrets aside', async () => {
    const exported = await readExport(path.join(dir, 'export'));
    expect(await exportDifferences(path.dirname(ours.file), ours.document, exported)).toEqual([]);
  });

  it("deploys each action (a version each) and binds them to their triggers in tenant.yaml's order", async () => {
    const exported = await readExport(path.join(dir, 'export'));
    expect(exported.document.actions.map((action: any) => [action.name, action.deployed])).toEqual(
      expect.arrayContaining([
        ['risk-based-mfa', true],
        ['custom-claims', true],
        ['user-sync', true],
        ['registration-guard', true],
      ]),
    );
    expect(exported.document.triggers['post-login'].map((binding: any) => binding.action_name)).toEqual([
      'risk-based-mfa',
      'custom-claims',
      'user-sync',
    ]);
    // One version each: a deploy asked for while the build still runs is refused and asked again.
    const { httpClient } = await import('./http-client');
    const api = httpClient(tenant);
    const listed = await api.send('GET', '/api/v2/actions/actions', undefined, { token: await api.token() });
    const versions = (listed.body.actions as any[]).map((action) => [
      action.name,
      action.deployed_version?.number,
    ]);
    expect(versions).toEqual(
      expect.arrayContaining([
        ['risk-based-mfa', 1],
        ['custom-claims', 1],
        ['user-sync', 1],
        ['registration-guard', 1],
      ]),
    );
  });

  it('counts the reads and writes the engine made', () => {
    const counts = engineRequests;
    expect(counts.byRoute['POST /oauth/token']).toBe(2);
    expect(counts.byRoute['POST /api/v2/clients']).toBe(3);
    expect(counts.writes).toBeGreaterThan(30);
    expect(counts.reads + counts.writes + 2).toBe(counts.total);
  });

  it("keeps the custom database's configuration, and answers it only encrypted", async () => {
    const { httpClient } = await import('./http-client');
    const api = httpClient(tenant);
    const answer = await api.send('GET', '/api/v2/connections?strategy=auth0&name=legacy-users', undefined, {
      token: await api.token(),
    });
    const configuration = answer.body[0].options.configuration;
    expect(Object.keys(configuration).sort()).toEqual(['LEGACY_API_TOKEN', 'LEGACY_API_URL']);
    expect(configuration.LEGACY_API_TOKEN).toMatch(/^2\.0\$[0-9a-f]{64}$/);
  });

  it("never touches the engine's own client", async () => {
    expect(await deployClient()).toEqual(deployClientBefore);
  });
});
