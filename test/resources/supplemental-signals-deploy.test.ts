/**
 * A tenant without Akamai signals (a paid feature) answers their write 403, which deploy-cli swallows:
 * the deploy must fail instead, saying what the tenant lacks.
 */
import { expect, it } from 'vitest';
import { openLocalDeployment, runCli, targetEnv } from '../deploy/workspace';

it('fails a deploy of supplemental signals to a tenant without the feature, saying so', {
  timeout: 120_000,
}, async () => {
  const local = await openLocalDeployment({ tenantDir: 'test/fixtures/resources/supplemental-signals' });
  try {
    const result = await runCli('deploy', local.flags, targetEnv(local.tenant));

    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(
      /supplementalSignals: the tenant refused the setting \(403: Please upgrade your subscription to enable Akamai Signals\.\)[\s\S]*ask Auth0 to enable it, or remove supplementalSignals/,
    );
  } finally {
    await local.close();
  }
});
