import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';
import { RATE_LIMIT_POLICIES_ENTITLEMENT, rateLimitPolicyRoutes } from './local-routes';

const POLICY = `rateLimitPolicies:
  - resource: oauth_authentication_api
    consumer: client
    consumer_selector: third_party_clients
    configuration:
      action: redirect
      limit: 100
      redirect_uri: https://status.example.com/slow-down
`;

const check = (yaml: string) => checkSections(yaml, ['rateLimitPolicies']);

describe('rate limit policies in the check', () => {
  it('accepts third-party clients redirected beyond their limit', async () => {
    expect(await check(POLICY)).toEqual([]);
  });

  it('refuses a redirect without where to, at the configuration', async () => {
    expect(
      await check(POLICY.replace('      redirect_uri: https://status.example.com/slow-down\n', '')),
    ).toEqual([{ rule: 'schema/required', line: 6, column: 7 }]);
  });

  it('refuses a consumer selector Auth0 does not have', async () => {
    expect(await check(POLICY.replace('third_party_clients', 'all_clients'))).toEqual([
      { rule: 'schema/value', line: 4, column: 24 },
    ]);
  });
});

describe('rate limit policies in the plan', () => {
  const desired = {
    resource: 'oauth_authentication_api',
    consumer: 'client',
    consumer_selector: 'default',
    configuration: { action: 'log', limit: 1000 },
  };
  const read = {
    ...desired,
    id: 'rlp_1',
    created_at: '2026-11-30T09:12:44Z',
    updated_at: '2026-11-30T09:12:44Z',
  };
  const summary = (plan: ReturnType<typeof planChanges>) =>
    plan.changes.map(({ name, action }) => `${action} ${name}`);

  it('finds nothing to do when the tenant has the policy as written', () => {
    expect(planChanges({ rateLimitPolicies: [desired] }, { rateLimitPolicies: [read] }).changes).toEqual([]);
  });

  it('updates the policy whose limit is raised: the consumer selector is its identity', () => {
    const raised = { ...desired, configuration: { action: 'log', limit: 5000 } };
    expect(summary(planChanges({ rateLimitPolicies: [raised] }, { rateLimitPolicies: [read] }))).toEqual([
      'update default',
    ]);
  });
});

let tenant: ReturnType<typeof serveInProcess> | undefined;
afterEach(() => tenant?.close());

describe("the local tenant's rate limit policies", () => {
  it('answers 403 insufficient scope, as Auth0 does, on a tenant without the feature', async () => {
    tenant = serveInProcess(rateLimitPolicyRoutes);

    const listed = await tenant.call('GET', '/rate-limit-policies?take=50');

    expect(listed.status).toBe(403);
    expect(listed.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: read:rate_limit_policies',
      errorCode: 'insufficient_scope',
    });
  });

  it('creates a policy with its timestamps and changes only its configuration on a tenant with the feature', async () => {
    tenant = serveInProcess(rateLimitPolicyRoutes);
    tenant.state().entitlements = [RATE_LIMIT_POLICIES_ENTITLEMENT];
    const policy = {
      resource: 'oauth_authentication_api',
      consumer: 'client',
      consumer_selector: 'default',
      configuration: { action: 'log', limit: 1000 },
    };

    const created = await tenant.call('POST', '/rate-limit-policies', policy);
    const renamed = await tenant.call('PATCH', `/rate-limit-policies/${created.body.id}`, {
      consumer_selector: 'third_party_clients',
    });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      ...policy,
      id: expect.stringMatching(/^rlp_/),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(renamed.status).toBe(400);
  });
});
