/**
 * Features Auth0 enables per tenant answer 403 on a tenant without them, which deploy-cli swallows
 * (supplemental signals) or reports as a bare "ForbiddenError" (rate limit policies): the deploy must
 * fail saying what the tenant lacks. The fixtures deployed without the entitlements they name.
 */
import { describe, it } from 'vitest';
import { openLocalDeployment, runCli, targetEnv } from '../deploy/workspace';

const CASES = [
  {
    fixture: 'supplemental-signals',
    error:
      /supplementalSignals: the tenant refused the setting \(403: Please upgrade your subscription to enable Akamai Signals\.\)[\s\S]*ask Auth0 to enable it, or remove supplementalSignals/,
  },
  {
    fixture: 'rate-limit-policies',
    error:
      /rateLimitPolicies: the tenant refused the setting \(403: Insufficient scope, expected any of: create:rate_limit_policies\)[\s\S]*ask Auth0 to enable it, or remove rateLimitPolicies/,
  },
];

describe.concurrent('a deploy to a tenant without a feature it needs', () => {
  it.for(CASES)(
    'fails for $fixture, saying so',
    { timeout: 120_000 },
    async ({ fixture, error }, { expect }) => {
      const local = await openLocalDeployment({ tenantDir: `test/fixtures/resources/${fixture}` });
      try {
        const result = await runCli('deploy', local.flags, targetEnv(local.tenant));

        expect(result.code).not.toBe(0);
        expect(result.stdout + result.stderr).toMatch(error);
      } finally {
        await local.close();
      }
    },
  );
});
