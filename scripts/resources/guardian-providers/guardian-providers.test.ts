import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { writeTenantFiles } from '../../../test/tenant/fixture';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';
import { checkTenant } from '../../tenant/check';
import { loadTenant } from '../../tenant/load';
import { guardianProviderRoutes } from './local-routes';

const key = fingerprintKey('deploy-client-secret-of-the-tests');

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
  SNS_ACCESS_KEY_ID: AKIA0000000000000000
secrets:
  TWILIO_AUTH_TOKEN: { env: TENANT_SECRET_TWILIO_AUTH_TOKEN }
  SNS_SECRET_ACCESS_KEY: { env: TENANT_SECRET_SNS_SECRET_ACCESS_KEY }
  SNS_KEY_ID: { env: TENANT_SECRET_SNS_KEY_ID }
`;

const PROVIDERS = `guardianFactors:
  - name: push-notification
    enabled: true
guardianFactorProviders:
  - name: sms
    provider: twilio
    sid: AC00000000000000000000000000000000
    auth_token: "##TWILIO_AUTH_TOKEN##"
    from: "+15550100"
  - name: push-notification
    provider: sns
    aws_access_key_id: "##SNS_KEY_ID##"
    aws_secret_access_key: "##SNS_SECRET_ACCESS_KEY##"
    aws_region: eu-west-1
`;

/** The errors the check finds in a tenant.yaml's MFA settings (prod rules), as rule at line:column. */
async function check(tenantYaml: string) {
  const files = writeTenantFiles({ 'tenant.yaml': tenantYaml, 'environments/prod.yaml': ENVIRONMENT });
  try {
    const problems = checkTenant(await loadTenant({ dir: files.tenantDir, env: 'prod' }));
    return problems
      .filter((problem) => problem.severity === 'error' && problem.path.startsWith('guardianFactor'))
      .map(({ rule, line, column }) => ({ rule, line, column }));
  } finally {
    files.remove();
  }
}

describe('MFA factor providers in the check', () => {
  it('accepts Twilio for SMS and SNS for push, every credential from the environment', async () => {
    expect(await check(PROVIDERS)).toEqual([]);
  });

  it('refuses the Twilio auth token written in tenant.yaml, at its line', async () => {
    expect(await check(PROVIDERS.replace('"##TWILIO_AUTH_TOKEN##"', 'f00dfeed0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 8, column: 17 },
    ]);
  });

  it('refuses the SNS access key id from a plain keyword: it is a credential too', async () => {
    expect(await check(PROVIDERS.replace('##SNS_KEY_ID##', '##SNS_ACCESS_KEY_ID##'))).toEqual([
      { rule: 'secrets/sensitive-keyword', line: 12, column: 24 },
    ]);
  });

  it('refuses APNs as the push provider: deploy-cli 8.44 can neither write it nor read it back', async () => {
    expect(await check(PROVIDERS.replace('provider: sns', 'provider: apns'))).toEqual([
      { rule: 'schema/enum', line: 11, column: 15 },
    ]);
  });

  it("refuses an SNS field in the SMS factor's provider", async () => {
    expect(await check(PROVIDERS.replace('    from: "+15550100"', '    aws_region: eu-west-1'))).toEqual([
      { rule: 'schema/unknown-key', line: 9, column: 5 },
    ]);
  });

  it('refuses push enabled in a file that manages the providers but configures none for push', async () => {
    const smsOnly = PROVIDERS.slice(0, PROVIDERS.indexOf('  - name: push-notification\n    provider'));

    expect(await check(smsOnly)).toEqual([
      { rule: 'guardian/push-provider-configured', line: 3, column: 14 },
    ]);
  });

  it("leaves push alone in a file without providers: Auth0's Guardian app needs none", async () => {
    expect(await check('guardianFactors:\n  - name: push-notification\n    enabled: true\n')).toEqual([]);
  });
});

describe('MFA factor providers in the plan', () => {
  const values = { TWILIO_AUTH_TOKEN: 'twilio-1', SNS_KEY_ID: 'AKIA1', SNS_SECRET_ACCESS_KEY: 'sns-1' };
  const desired = (changed: Partial<typeof values> = {}, from = '+15550100') =>
    sealSecrets(
      {
        guardianFactorProviders: [
          {
            name: 'sms',
            provider: 'twilio',
            sid: 'AC1',
            auth_token: '##TWILIO_AUTH_TOKEN##',
            from,
          },
          {
            name: 'push-notification',
            provider: 'sns',
            aws_access_key_id: '##SNS_KEY_ID##',
            aws_secret_access_key: '##SNS_SECRET_ACCESS_KEY##',
            aws_region: 'eu-west-1',
          },
        ],
      },
      { key, names: Object.keys(values), values: { ...values, ...changed } },
    ).assets;
  /** As Auth0 reads them: no Twilio token, no SNS secret key, the SNS key id in clear. */
  const asRead = {
    guardianFactorProviders: [
      { name: 'sms', provider: 'twilio', sid: 'AC1', from: '+15550100', messaging_service_sid: null },
      { name: 'push-notification', provider: 'sns', aws_access_key_id: 'AKIA1', aws_region: 'eu-west-1' },
    ],
  };

  it('finds nothing to do, and says the secrets Auth0 never returns were not compared', () => {
    const plan = planChanges(desired(), asRead);

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^guardianFactorProviders sms: auth_token not compared \(Auth0 never returns it/),
      expect.stringMatching(/^guardianFactorProviders push-notification: aws_secret_access_key not compared/),
    ]);
  });

  it('shows a rotated SNS key id masked, as Auth0 returns it', () => {
    const plan = planChanges(desired({ SNS_KEY_ID: 'AKIA2' }), asRead);

    expect(plan.changes.map((change) => [change.name, change.fields])).toEqual([
      [
        'push-notification',
        [{ path: 'aws_access_key_id', before: SECRET_SET, after: SECRET_NEW, secret: true }],
      ],
    ]);
    expect(JSON.stringify(plan)).not.toContain('AKIA2');
  });

  it('writes the provider, and its token with it, when another of its fields changes', () => {
    const plan = planChanges(desired({ TWILIO_AUTH_TOKEN: 'twilio-2' }, '+15550199'), asRead);

    expect(plan.changes).toEqual([
      {
        type: 'guardianFactorProviders',
        name: 'sms',
        action: 'update',
        fields: [{ path: 'from', before: '+15550100', after: '+15550199' }],
      },
    ]);
    expect(JSON.stringify(plan)).not.toContain('twilio-2');
  });
});

describe("the local tenant's factor providers", () => {
  let tenant: ReturnType<typeof serveInProcess> | undefined;
  afterEach(() => tenant?.close());

  it('answers a read without the credentials Auth0 keeps to itself', async () => {
    tenant = serveInProcess(guardianProviderRoutes);
    const sns = {
      aws_access_key_id: 'AKIA1',
      aws_secret_access_key: 'sns-secret',
      aws_region: 'eu-west-1',
      sns_apns_platform_application_arn: 'arn:aws:sns:eu-west-1:1:app/APNS/a',
      sns_gcm_platform_application_arn: 'arn:aws:sns:eu-west-1:1:app/GCM/a',
    };
    const path = '/guardian/factors/push-notification/providers/sns';

    const before = await tenant.call('GET', path);
    const put = await tenant.call('PUT', path, sns);
    await tenant.call('PUT', '/guardian/factors/push-notification/providers/apns', {
      sandbox: false,
      bundle_id: 'com.example.app',
      p12: 'certificate',
    });

    expect(before.body).toEqual({});
    // As recorded: the write answers with everything it was given, a read without the secret key.
    expect(put.body).toEqual(sns);
    const { aws_secret_access_key: _secret, ...read } = sns;
    expect((await tenant.call('GET', path)).body).toEqual(read);
    expect((await tenant.call('GET', '/guardian/factors/push-notification/providers/apns')).body).toEqual({
      sandbox: false,
      bundle_id: 'com.example.app',
    });
  });
});
