/**
 * Each resource type's fixture tenant (test/fixtures/resources/<type>/) goes the whole way, as a user's
 * tenant would: deployed into a local tenant of its own, deployed again with nothing to write, and
 * exported back with no drift.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { openLocalDeployment, repoRoot, runCli, targetEnv, writeCalls } from '../deploy/workspace';

const FIXTURES = 'test/fixtures/resources';
const fixtures = readdirSync(path.join(repoRoot, FIXTURES), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// Concurrent: most of a run is deploy-cli keeping to Auth0's rate limits (8 calls a second), not work.
describe.concurrent('each fixture tenant', () => {
  it.for(fixtures)(
    '%s deploys, then deploys again with nothing to write, then exports with no drift',
    { timeout: 300_000 },
    async (fixture, { expect }) => {
      const local = await openLocalDeployment({ tenantDir: path.join(FIXTURES, fixture) });
      try {
        // A fixture of a paid feature names the entitlements its tenant needs.
        const entitlements = path.join(repoRoot, FIXTURES, fixture, 'entitlements.json');
        if (existsSync(entitlements)) {
          for (const feature of JSON.parse(readFileSync(entitlements, 'utf8')) as string[])
            local.tenant.entitle(feature);
        }
        const env = targetEnv(local.tenant);
        const run = async (command: 'deploy' | 'export') => {
          const result = await runCli(command, local.flags, env);
          // The fixtures' secrets are all `local-...-not-a-secret`: none may be printed.
          expect(result.stdout + result.stderr).not.toMatch(/not-a-secret/);
          return result;
        };

        const first = await run('deploy');
        expect(first.stderr).not.toMatch(/error/);
        expect(first.code).toBe(0);
        // Settings that always exist (pages, a singleton) are updated, not created.
        expect(first.stdout).toMatch(/deployed: (?:[1-9]\d* created|\d+ created, [1-9]\d* updated)/);

        local.tenant.resetRequests();
        const second = await run('deploy');
        expect(second.code).toBe(0);
        expect(second.stdout).toMatch(/: no changes\n/);
        expect(writeCalls(local.tenant.requests().byRoute)).toEqual({});

        const exported = await run('export');
        expect(exported.stdout, exported.stdout).toMatch(/no changes|no drift/);
        expect(exported.code).toBe(0);
      } finally {
        await local.close();
      }
      // Three commands through the real engine: about 10 s alone, more while the other end-to-end files run.
    },
  );
});
