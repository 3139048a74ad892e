import { describe, expect, it } from 'vitest';
import { sectionErrors } from '../../../test/tenant/section-errors';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { writesFor } from '../../plan/select';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';

const key = fingerprintKey('deploy-client-secret-of-the-tests');

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
  CRM_BASE_URL: https://crm.example.com
secrets:
  CRM_TOKEN: { env: TENANT_SECRET_CRM_TOKEN }
`;

const CRM = `flowVaultConnections:
  - name: CRM
    app_id: HTTP
    setup:
      type: BEARER
      token: "##CRM_TOKEN##"
`;

const check = (tenantYaml: string) => sectionErrors('flowVaultConnections', tenantYaml, ENVIRONMENT);

describe('flow vault connections in the check', () => {
  it('accepts an HTTP connection whose bearer token comes from the environment', async () => {
    expect(await check(CRM)).toEqual([]);
  });

  it('refuses the token written in tenant.yaml, at its line', async () => {
    expect(await check(CRM.replace('"##CRM_TOKEN##"', 'crm-0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 6, column: 14 },
    ]);
  });

  it('refuses a setup field no setup type has, and an app Flows cannot connect to', async () => {
    expect(await check(CRM.replace('      token:', '      refresh_token: x\n      token:'))).toEqual([
      { rule: 'schema/unknown-key', line: 6, column: 7 },
    ]);
    expect(await check(CRM.replace('app_id: HTTP', 'app_id: DISCORD'))).toEqual([
      { rule: 'schema/enum', line: 3, column: 13 },
    ]);
  });

  it('takes what is not a credential (the base URL) from a keyword', async () => {
    const withBase = CRM.replace('type: BEARER', 'type: API_KEY\n      base_url: "##CRM_BASE_URL##"').replace(
      'token:',
      'api_key:',
    );
    expect(await check(withBase)).toEqual([]);
  });
});

describe('flow vault connections in the plan', () => {
  const connection = { name: 'CRM', app_id: 'HTTP', setup: { type: 'BEARER', token: '##CRM_TOKEN##' } };
  const desired = (token: string, extra: Record<string, unknown> = {}) =>
    sealSecrets(
      { flowVaultConnections: [{ ...connection, ...extra }] },
      { key, names: ['CRM_TOKEN'], values: { CRM_TOKEN: token } },
    ).assets;
  /** As Auth0 answers a list: never the setup, with its state instead. */
  const asRead = {
    flowVaultConnections: [
      {
        id: 'ac_4NWm8HYRqSMNxqWZ7abfC1',
        name: 'CRM',
        app_id: 'HTTP',
        ready: true,
        fingerprint: 'e3b0c44298fc1c149afbf4c8996fb924',
        created_at: '2026-11-26T11:58:18.187Z',
        updated_at: '2026-11-30T13:01:57.535Z',
      },
    ],
  };

  it('finds nothing to write when only the never-returned setup could differ, and says so', () => {
    const plan = planChanges(desired('crm-token-1'), asRead);

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^flowVaultConnections CRM: setup.token not compared \(Auth0 never returns it/),
    ]);
  });

  it('rewrites a rotated token when asked (--rewrite-secrets), masked, with the whole setup', () => {
    const plan = planChanges(desired('crm-token-2'), asRead, { rewriteSecrets: true });

    expect(plan.changes).toEqual([
      {
        type: 'flowVaultConnections',
        name: 'CRM',
        action: 'update',
        fields: [{ path: 'setup.token', before: SECRET_SET, after: SECRET_NEW, secret: true }],
      },
    ]);
    expect(writesFor(plan, desired('crm-token-2'), asRead).flowVaultConnections).toMatchObject([
      { name: 'CRM', setup: { type: 'BEARER', token: 'crm-token-2' } },
    ]);
    expect(JSON.stringify(plan)).not.toContain('crm-token');
  });

  it('creates a connection the tenant lacks with its token masked', () => {
    const plan = planChanges(desired('crm-token-1'), { flowVaultConnections: [] });

    expect(plan.changes).toEqual([
      {
        type: 'flowVaultConnections',
        name: 'CRM',
        action: 'create',
        fields: expect.arrayContaining([{ path: 'setup.token', after: SECRET_SET, secret: true }]),
      },
    ]);
    expect(JSON.stringify(plan)).not.toContain('crm-token');
  });

  it('renames by deleting the old connection and creating the new one: a name is its identity', () => {
    const plan = planChanges(desired('crm-token-1', { name: 'Sales CRM' }), asRead);
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual([
      'delete CRM',
      'create Sales CRM',
    ]);
  });
});
