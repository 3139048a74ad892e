import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';
import { SUPPLEMENTAL_SIGNALS_ENTITLEMENT, supplementalSignalsRoutes } from './local-routes';

const check = (yaml: string) => checkSections(yaml, ['supplementalSignals']);

describe('supplemental signals in the check', () => {
  it('accepts Akamai signals turned on', async () => {
    expect(await check('supplementalSignals:\n  akamai_enabled: true\n')).toEqual([]);
  });

  it('refuses a signal source Auth0 does not have, at its key', async () => {
    expect(await check('supplementalSignals:\n  akamai_enabled: true\n  cloudflare_enabled: true\n')).toEqual(
      [{ rule: 'schema/unknown-key', line: 3, column: 3 }],
    );
  });

  it('refuses akamai_enabled written as a string', async () => {
    expect(await check('supplementalSignals:\n  akamai_enabled: "yes"\n')).toEqual([
      { rule: 'schema/type', line: 2, column: 19 },
    ]);
  });
});

describe('supplemental signals in the plan', () => {
  it('updates the setting when the file turns Akamai signals on', () => {
    const plan = planChanges(
      { supplementalSignals: { akamai_enabled: true } },
      { supplementalSignals: { akamai_enabled: false } },
    );
    expect(plan.changes.map(({ action, type }) => `${action} ${type}`)).toEqual([
      'update supplementalSignals',
    ]);
  });
});

let tenant: ReturnType<typeof serveInProcess> | undefined;
afterEach(() => tenant?.close());

describe("the local tenant's supplemental signals", () => {
  it('answers 403 as Auth0 does on a tenant without the paid feature', async () => {
    tenant = serveInProcess(supplementalSignalsRoutes);

    const read = await tenant.call('GET', '/supplemental-signals');
    const write = await tenant.call('PATCH', '/supplemental-signals', { akamai_enabled: true });

    for (const answer of [read, write]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Please upgrade your subscription to enable Akamai Signals.',
        errorCode: 'insufficient_scope',
      });
    }
  });

  it('reads Akamai signals off, then on once set, on a tenant with the feature', async () => {
    tenant = serveInProcess(supplementalSignalsRoutes);
    tenant.state().entitlements = [SUPPLEMENTAL_SIGNALS_ENTITLEMENT];

    const before = await tenant.call('GET', '/supplemental-signals');
    await tenant.call('PATCH', '/supplemental-signals', { akamai_enabled: true });
    const after = await tenant.call('GET', '/supplemental-signals');

    expect(before.body).toEqual({ akamai_enabled: false });
    expect(after.body).toEqual({ akamai_enabled: true });
  });
});
