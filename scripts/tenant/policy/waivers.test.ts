import { afterEach, describe, expect, it } from 'vitest';
import { copyOurTenant, type TenantCopy } from '../../../test/tenant/fixture';
import { checkTenantWithWaivers } from '../check';
import { loadTenant } from '../load';
import { targetMatches } from './waivers';

const copies: TenantCopy[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) copy.remove();
});

/** Our tenant with day-long access tokens: a finding of tokens/access-token-lifetime to waive. */
function tenantWithLongTokens(): TenantCopy {
  const copy = copyOurTenant();
  copies.push(copy);
  copy.replace('tenant.yaml', '    token_lifetime: 3600', '    token_lifetime: 172800');
  return copy;
}

const NOW = { now: new Date('2026-06-01T00:00:00Z') };
const WAIVER =
  '  - rule: tokens/access-token-lifetime\n    target: resourceServers[Documents API]\n    reason: Partner batch jobs need day-long tokens until PLAT-42 ships\n';

describe('policy waivers', () => {
  it('accept a policy finding for the target they name, with their reason on record', async () => {
    const copy = tenantWithLongTokens();
    copy.replace(
      'environments/prod.yaml',
      'secrets:\n',
      `x-policy-waivers:\n${WAIVER}    expires: 2026-12-31\nsecrets:\n`,
    );

    const { problems, waived } = checkTenantWithWaivers(
      await loadTenant({ dir: copy.tenantDir, env: 'prod' }),
      NOW,
    );

    expect(problems).toEqual([]);
    expect(waived).toEqual([
      expect.objectContaining({
        rule: 'tokens/access-token-lifetime',
        path: 'resourceServers[Documents API].token_lifetime',
        waiver: expect.objectContaining({
          reason: 'Partner batch jobs need day-long tokens until PLAT-42 ships',
          expires: '2026-12-31',
        }),
      }),
    ]);
  });

  it('written in tenant.yaml, apply to every environment', async () => {
    const copy = tenantWithLongTokens();
    copy.replace(
      'tenant.yaml',
      'tenant:\n  friendly_name',
      `x-policy-waivers:\n${WAIVER}\ntenant:\n  friendly_name`,
    );

    for (const env of ['dev', 'prod']) {
      const { problems, waived } = checkTenantWithWaivers(
        await loadTenant({ dir: copy.tenantDir, env }),
        NOW,
      );
      expect(problems).toEqual([]);
      expect(waived).toHaveLength(1);
    }
  });

  it('in one environment file do not apply to another environment', async () => {
    const copy = tenantWithLongTokens();
    copy.replace('environments/prod.yaml', 'secrets:\n', `x-policy-waivers:\n${WAIVER}secrets:\n`);

    const { problems } = checkTenantWithWaivers(await loadTenant({ dir: copy.tenantDir, env: 'dev' }), NOW);

    expect(problems.map((problem) => problem.rule)).toEqual(['tokens/access-token-lifetime']);
  });

  it('need a real reason', async () => {
    const copy = tenantWithLongTokens();
    copy.replace(
      'environments/prod.yaml',
      'secrets:\n',
      'x-policy-waivers:\n  - rule: tokens/access-token-lifetime\n    target: resourceServers\n    reason: needed\nsecrets:\n',
    );

    const { problems, waived } = checkTenantWithWaivers(
      await loadTenant({ dir: copy.tenantDir, env: 'prod' }),
      NOW,
    );

    expect(problems.map((problem) => problem.rule).sort()).toEqual([
      'tokens/access-token-lifetime',
      'waivers/reason',
    ]);
    expect(waived).toEqual([]);
  });

  it.each([
    ['clients[Documents SPA].callbacks[1]', 'clients[Documents SPA]', true],
    ['clients[Documents SPA].callbacks[1]', 'clients[Documents SPA].callbacks', true],
    ['clients[Documents SPA].callbacks[1]', 'clients', true],
    ['clients[Documents SPA].callbacks[1]', 'clients[Documents]', false],
    ['clients[Documents SPA].callbacks[1]', 'clients[Documents SPA].callbacks[1]', true],
    ['attackProtection.bruteForceProtection.enabled', '*', true],
    ['clientsX', 'clients', false],
  ])('target matching: %s under %s is %s', (path, target, expected) => {
    expect(targetMatches(path, target)).toBe(expected);
  });
});
