import { describe, expect, it } from 'vitest';
import { mfaRequiredRoles } from './action-settings';

function tenantWithRiskMfa(secrets: unknown): Record<string, unknown> {
  return {
    actions: [
      { name: 'custom-claims', secrets: [{ name: 'CLAIMS_NAMESPACE', value: 'https://example.com/claims' }] },
      { name: 'risk-based-mfa', runtime: 'node22', secrets },
    ],
  };
}

const check = (tenant: Record<string, unknown>) => mfaRequiredRoles.check(tenant, { tier: 'production' });

describe('actions/mfa-required-roles', () => {
  it('is an error in production, a warning in development and off locally', () => {
    expect(mfaRequiredRoles.severity).toEqual({ production: 'error', development: 'warning', local: 'off' });
  });

  it.each([
    ['one role', 'admin'],
    ['several roles, spaces around them', ' admin , owner '],
    ['one role among blanks', ' , admin,'],
    ['a secret filled at deploy time', '##MFA_REQUIRED_ROLES##'],
  ])('accepts %s', (_story, value) => {
    expect(check(tenantWithRiskMfa([{ name: 'MFA_REQUIRED_ROLES', value }]))).toEqual([]);
  });

  it.each([
    ['an empty value', '', '""'],
    ['only spaces', '   ', '"   "'],
    ['only commas and spaces', ' , ', '" , "'],
    ['no value at all', undefined, 'undefined'],
    ['a list instead of a string', ['admin'], 'admin'],
  ])('refuses %s, pointing at the value', (_story, value, found) => {
    const tenant = tenantWithRiskMfa([
      { name: 'OTHER', value: 'x' },
      { name: 'MFA_REQUIRED_ROLES', value },
    ]);

    expect(check(tenant)).toEqual([
      {
        pointer: '/actions/1/secrets/1/value',
        message: 'MFA_REQUIRED_ROLES of action "risk-based-mfa" lists no role, so it asks every user for MFA',
        expected: 'a comma-separated list of at least one role, e.g. admin',
        found,
      },
    ]);
  });

  it.each([
    ['no secrets', undefined],
    ['an empty list', []],
    ['other secrets only', [{ name: 'CLAIMS_NAMESPACE', value: 'https://example.com/claims' }]],
  ])('refuses the risk-based-mfa Action with %s, pointing at its secrets', (_story, secrets) => {
    expect(check(tenantWithRiskMfa(secrets))).toEqual([
      {
        pointer: '/actions/1/secrets',
        message: 'action "risk-based-mfa" has no MFA_REQUIRED_ROLES secret, so it asks every user for MFA',
      },
    ]);
  });

  it('leaves other Actions and a tenant without actions alone', () => {
    expect(check({ actions: [{ name: 'custom-claims', secrets: [] }] })).toEqual([]);
    expect(check({})).toEqual([]);
  });
});
