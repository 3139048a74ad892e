/**
 * The fleet against three local tenants, the way deploy.yml rolls a change out: a development tenant,
 * then the production canary (wave 1), then a second production tenant (wave 2). Each tenant is planned,
 * then deployed with the digest of that plan (APPROVED_PLAN), by our own commands.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFleet } from '../../scripts/fleet/read';
import { deployFleet } from '../../scripts/fleet/run';
import { fleetWaves, type TenantResult } from '../../scripts/fleet/waves';
import type { LocalTenant } from '../../scripts/local-tenant/local-tenant';
import { byHand, makeWorkspace, runCli, startTestTenant, targetEnv, writeCalls } from '../deploy/workspace';

describe('the fleet', () => {
  it('deploys the development tenant, fails the wave whose tenant changed after its review, and deploys no wave after it', {
    timeout: 120_000,
  }, async () => {
    const [dev, eu, us] = await Promise.all([startTestTenant(), startTestTenant(), startTestTenant()]);
    const tenants: Record<string, LocalTenant> = { dev, eu, us };
    const workspace = await makeWorkspace(dev.domain, 'test/fixtures/fleet');
    try {
      for (const [env, tenant] of Object.entries(tenants)) {
        await workspace.edit(`environments/${env}.yaml`, (text) =>
          text.replace(/AUTH0_DOMAIN: .*/, `AUTH0_DOMAIN: ${tenant.domain}`),
        );
      }
      await mkdir(workspace.out, { recursive: true });
      const { environments, problems } = await readFleet(workspace.dir);
      const waves = fleetWaves(environments, 'all');
      const deployOutput: Record<string, string> = {};

      // One job of a wave. A production tenant: the plan its reviewers read, then the deploy of exactly
      // that plan. A development tenant: the deploy alone (it plans first, and needs no approval).
      const deployTenant = async (env: string): Promise<TenantResult> => {
        const tenant = tenants[env] as LocalTenant;
        const flags = ['--env', env, '--dir', workspace.dir, '--out', path.join(workspace.out, env)];
        const secrets = { TENANT_SECRET_DATADOG_API_KEY: `${env}-datadog-key-not-a-secret` };
        let approved: Record<string, string> = {};
        if (env !== 'dev') {
          const outputs = path.join(workspace.out, `${env}.github-output`);
          const plan = await runCli('plan', flags, targetEnv(tenant, { GITHUB_OUTPUT: outputs }));
          if (plan.code !== 0 && plan.code !== 2) return 'failed';
          approved = { APPROVED_PLAN: /^digest=(.+)$/m.exec(await readFile(outputs, 'utf8'))?.[1] ?? '' };
          // While eu's reviewers read its plan, someone renames the tenant in the dashboard.
          if (env === 'eu') {
            await byHand(tenant, 'PATCH', '/api/v2/tenants/settings', { friendly_name: 'Renamed by hand' });
          }
        }
        const deploy = await runCli('deploy', flags, targetEnv(tenant, { ...approved, ...secrets }));
        deployOutput[env] = deploy.stdout + deploy.stderr;
        return deploy.code === 0 ? 'deployed' : 'failed';
      };
      const { results, statuses } = await deployFleet(waves, deployTenant, { maxParallel: 2 });

      expect(problems).toEqual([]);
      expect(waves.map((wave) => [wave.id, wave.tenants])).toEqual([
        ['development', ['dev']],
        ['production-1', ['eu']],
        ['production-2', ['us']],
        ['production-3', []],
      ]);
      expect(statuses).toEqual([
        { id: 'development', status: 'deployed' },
        { id: 'production-1', status: 'failed' },
        { id: 'production-2', status: 'stopped' },
        { id: 'production-3', status: 'empty' },
      ]);
      expect(results).toEqual({ dev: 'deployed', eu: 'failed' });
      expect(writeCalls(dev.requests().byRoute)).toMatchObject({ 'POST /api/v2/log-streams': 1 });
      // eu refused before its first write: the only write is the hand's.
      expect(deployOutput.eu).toMatch(/is not the approved one/);
      expect(writeCalls(eu.requests().byRoute)).toEqual({ 'PATCH /api/v2/tenants/settings': 1 });
      // us was never even read.
      expect(us.requests().total).toBe(0);
      expect(Object.values(deployOutput).join('\n')).not.toMatch(/not-a-secret/);
    } finally {
      await Promise.all([...Object.values(tenants).map((tenant) => tenant.close()), workspace.remove()]);
    }
  });
});
