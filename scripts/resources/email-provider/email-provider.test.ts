import { describe, expect, it } from 'vitest';
import { sectionErrors } from '../../../test/tenant/section-errors';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { deletesFor, writesFor } from '../../plan/select';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';

const key = fingerprintKey('deploy-client-secret-of-the-tests');

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
  SMTP_USER: mailer
secrets:
  SENDGRID_API_KEY: { env: TENANT_SECRET_SENDGRID_API_KEY }
`;

const SENDGRID = `emailProvider:
  name: sendgrid
  enabled: true
  default_from_address: no-reply@example.com
  credentials:
    api_key: "##SENDGRID_API_KEY##"
`;

const check = (tenantYaml: string) => sectionErrors('emailProvider', tenantYaml, ENVIRONMENT);

describe('the email provider in the check', () => {
  it('accepts SendGrid with its API key from the environment', async () => {
    expect(await check(SENDGRID)).toEqual([]);
  });

  it('accepts an empty section: the tenant is to have no email provider', async () => {
    expect(await check('emailProvider: {}\n')).toEqual([]);
  });

  it('refuses the API key written in tenant.yaml, at its line', async () => {
    expect(await check(SENDGRID.replace('"##SENDGRID_API_KEY##"', 'SG.0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 6, column: 14 },
    ]);
  });

  it("refuses a field of another provider in SendGrid's credentials", async () => {
    expect(
      await check(SENDGRID.replace('    api_key:', '    smtp_host: smtp.example.com\n    api_key:')),
    ).toEqual([{ rule: 'schema/unknown-key', line: 6, column: 5 }]);
  });

  it('refuses SMTP without its password, and a provider Auth0 does not have', async () => {
    const smtp = `emailProvider:
  name: smtp
  credentials:
    smtp_host: smtp.example.com
    smtp_port: 587
    smtp_user: "##SMTP_USER##"
`;
    expect(await check(smtp)).toEqual([{ rule: 'schema/required', line: 4, column: 5 }]);
    expect(await check(SENDGRID.replace('name: sendgrid', 'name: postmark'))).toEqual([
      { rule: 'schema/enum', line: 2, column: 9 },
    ]);
  });
});

describe('the email provider in the plan', () => {
  const desired = (apiKey: string, extra: Record<string, unknown> = {}) =>
    sealSecrets(
      {
        emailProvider: {
          name: 'sendgrid',
          enabled: true,
          default_from_address: 'no-reply@example.com',
          credentials: { api_key: '##SENDGRID_API_KEY##' },
          ...extra,
        },
      },
      { key, names: ['SENDGRID_API_KEY'], values: { SENDGRID_API_KEY: apiKey } },
    ).assets;
  /** As Auth0 answers a read: never the API key. */
  const asRead = {
    emailProvider: {
      name: 'sendgrid',
      enabled: true,
      default_from_address: 'no-reply@example.com',
      credentials: {},
    },
  };

  it('finds nothing to write when only the never-returned key could differ, and says so', () => {
    const plan = planChanges(desired('sg-key-1'), asRead);

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(
        /^emailProvider emailProvider: credentials.api_key not compared \(Auth0 never returns it/,
      ),
    ]);
  });

  it('rewrites a rotated key on its own when asked (--rewrite-secrets), masked in the plan', () => {
    const plan = planChanges(desired('sg-key-2'), asRead, { rewriteSecrets: true });

    expect(plan.changes).toEqual([
      {
        type: 'emailProvider',
        name: 'emailProvider',
        action: 'update',
        fields: [{ path: 'credentials.api_key', before: SECRET_SET, after: SECRET_NEW, secret: true }],
      },
    ]);
    expect(plan.notes).toEqual([]);
    expect(JSON.stringify(plan)).not.toContain('sg-key');
  });

  it('writes the key with any other change, masked in the plan', () => {
    const plan = planChanges(desired('sg-key-2', { enabled: false }), asRead);

    expect(plan.changes).toEqual([
      {
        type: 'emailProvider',
        name: 'emailProvider',
        action: 'update',
        fields: [{ path: 'enabled', before: true, after: false }],
      },
    ]);
    expect(writesFor(plan, desired('sg-key-2', { enabled: false }), asRead).emailProvider).toMatchObject({
      credentials: { api_key: 'sg-key-2' },
    });
    expect(JSON.stringify(plan)).not.toContain('sg-key');
  });

  it('creates the provider on a tenant that has none (a read answers 404, which deploy-cli reads as {})', () => {
    const plan = planChanges(desired('sg-key-1'), { emailProvider: {} });

    expect(plan.changes.map(({ action, name }) => ({ action, name }))).toEqual([
      { action: 'create', name: 'emailProvider' },
    ]);
    expect(JSON.stringify(plan)).not.toContain('sg-key');
  });

  it('plans emailProvider: {} as the delete of the provider the tenant has, and hands it over as a delete', () => {
    const plan = planChanges({ emailProvider: {} }, asRead);

    expect(plan.changes).toEqual([
      { type: 'emailProvider', name: 'emailProvider', action: 'delete', fields: [] },
    ]);
    expect(writesFor(plan, { emailProvider: {} }, asRead)).toEqual({});
    expect(deletesFor(plan, asRead)).toEqual({ emailProvider: [asRead.emailProvider] });
  });

  it('finds nothing to do for emailProvider: {} on a tenant that has no provider', () => {
    expect(planChanges({ emailProvider: {} }, { emailProvider: {} }).changes).toEqual([]);
  });
});
