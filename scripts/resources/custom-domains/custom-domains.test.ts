import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';

const LOGIN = `customDomains:
  - domain: login.example.com
    type: auth0_managed_certs
    tls_policy: recommended
`;

const check = (yaml: string) => checkSections(yaml, ['customDomains']);

describe('custom domains in the check', () => {
  it('accepts an Auth0-managed domain', async () => {
    expect(await check(LOGIN)).toEqual([]);
  });

  it("refuses the verification state copied from an export: it is Auth0's to report", async () => {
    const exported = `${LOGIN}    status: ready\n    verification:\n      methods: []\n`;
    expect(await check(exported)).toEqual([
      { rule: 'schema/read-only', line: 5, column: 5 },
      { rule: 'schema/read-only', line: 6, column: 5 },
    ]);
  });

  it('refuses a URL where the host name goes', async () => {
    expect(await check(LOGIN.replace('login.example.com', 'https://login.example.com/'))).toEqual([
      { rule: 'schema/value', line: 2, column: 13 },
    ]);
  });

  it('refuses the same domain twice: deploy-cli would match both to one', async () => {
    const twice = `${LOGIN}  - domain: login.example.com\n    type: self_managed_certs\n`;
    expect(await check(twice)).toEqual([{ rule: 'references/duplicate-name', line: 5, column: 13 }]);
  });
});

describe('custom domains in the plan', () => {
  const desired = { customDomains: [{ domain: 'login.example.com', type: 'auth0_managed_certs' }] };
  /** As Auth0 answers right after the create: pending, with the record to publish. */
  const pending = {
    custom_domain_id: 'cd_D1bu4Qs7ZZ3n7y4X',
    domain: 'login.example.com',
    type: 'auth0_managed_certs',
    primary: false,
    status: 'pending_verification',
    tls_policy: 'recommended',
    verification: { methods: [{ name: 'cname', record: 'x.edge.tenants.auth0.com' }], status: 'pending' },
  };

  it('finds nothing to do while the domain waits for its DNS record', () => {
    expect(planChanges(desired, { customDomains: [pending] }).changes).toEqual([]);
  });

  it('plans an update of the client-IP header, which deploy-cli can change', () => {
    const header = {
      customDomains: [{ ...desired.customDomains[0], custom_client_ip_header: 'cf-connecting-ip' }],
    };

    expect(planChanges(header, { customDomains: [pending] }).changes).toEqual([
      {
        type: 'customDomains',
        name: 'login.example.com',
        action: 'update',
        fields: [{ path: 'custom_client_ip_header', after: 'cf-connecting-ip' }],
      },
    ]);
  });

  it('notes a changed certificate type rather than planning an update deploy-cli would drop', () => {
    const selfManaged = { customDomains: [{ domain: 'login.example.com', type: 'self_managed_certs' }] };
    const plan = planChanges(selfManaged, { customDomains: [pending] });

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^customDomains login.example.com: type differs .* delete the custom domain/),
    ]);
  });

  it('deletes a domain the file no longer lists', () => {
    const plan = planChanges({ customDomains: [] }, { customDomains: [pending] });

    expect(plan.changes).toEqual([
      { type: 'customDomains', name: 'login.example.com', action: 'delete', fields: [] },
    ]);
  });
});
