import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { writeTenantFiles } from '../../../test/tenant/fixture';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { checkTenant } from '../../tenant/check';
import { loadTenant } from '../../tenant/load';
import { phoneProviderRoutes, phoneTemplateRoutes } from './local-routes';

const key = fingerprintKey('deploy-client-secret-of-the-tests');

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
secrets:
  TWILIO_AUTH_TOKEN: { env: TENANT_SECRET_TWILIO_AUTH_TOKEN }
`;

const PHONE = `phoneProviders:
  - name: twilio
    configuration:
      sid: AC00000000000000000000000000000000
      default_from: "+15550100"
      delivery_methods: [text]
    credentials:
      auth_token: "##TWILIO_AUTH_TOKEN##"
phoneTemplates:
  - type: otp_verify
    disabled: false
    content:
      body:
        text: "{{ code | escape }} is your sign-in code"
`;

/** The errors the check finds in a tenant.yaml's phone sections (prod rules), as rule at line:column. */
async function check(tenantYaml: string) {
  const files = writeTenantFiles({ 'tenant.yaml': tenantYaml, 'environments/prod.yaml': ENVIRONMENT });
  try {
    const problems = checkTenant(await loadTenant({ dir: files.tenantDir, env: 'prod' }));
    return problems
      .filter((problem) => problem.severity === 'error' && problem.path.startsWith('phone'))
      .map(({ rule, line, column }) => ({ rule, line, column }));
  } finally {
    files.remove();
  }
}

describe('phone messaging in the check', () => {
  it('accepts a Twilio provider whose token comes from the environment, and a template of our own', async () => {
    expect(await check(PHONE)).toEqual([]);
  });

  it('refuses the Twilio token written in tenant.yaml, at its line', async () => {
    expect(await check(PHONE.replace('"##TWILIO_AUTH_TOKEN##"', 'f00dfeed0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 8, column: 19 },
    ]);
  });

  it('refuses a Twilio account SID on a custom provider, which an Action sends for', async () => {
    const custom = PHONE.replace('name: twilio', 'name: custom').replace(
      '    credentials:\n      auth_token: "##TWILIO_AUTH_TOKEN##"\n',
      '',
    );
    expect(await check(custom)).toEqual([
      { rule: 'schema/unknown-key', line: 4, column: 7 },
      { rule: 'schema/unknown-key', line: 5, column: 7 },
    ]);
  });

  it('refuses a second provider: a tenant has one, and deploy-cli would write only the first', async () => {
    const second = PHONE.replace(
      'phoneTemplates:',
      '  - name: custom\n    configuration:\n      delivery_methods: [voice]\nphoneTemplates:',
    );
    expect(await check(second)).toEqual([{ rule: 'schema/value', line: 2, column: 3 }]);
  });

  it('refuses a template type Auth0 does not have', async () => {
    expect(await check(PHONE.replace('type: otp_verify', 'type: otp_verification'))).toEqual([
      { rule: 'schema/enum', line: 10, column: 11 },
    ]);
  });
});

describe('phone messaging in the plan', () => {
  const desired = (token: string, from = '+15550100') =>
    sealSecrets(
      {
        phoneProviders: [
          {
            name: 'twilio',
            configuration: { sid: 'AC1', default_from: from, delivery_methods: ['text'] },
            credentials: { auth_token: '##TWILIO_AUTH_TOKEN##' },
          },
        ],
        phoneTemplates: [{ type: 'otp_verify', content: { body: { text: 'Your code: {{ code }}' } } }],
      },
      { key, names: ['TWILIO_AUTH_TOKEN'], values: { TWILIO_AUTH_TOKEN: token } },
    ).assets;
  /** As Auth0 lists them: the provider with `credentials: null`, every template type with its state. */
  const asRead = {
    phoneProviders: [
      {
        id: 'pro_1',
        tenant: 'example',
        name: 'twilio',
        channel: 'phone',
        disabled: false,
        configuration: { sid: 'AC1', default_from: '+15550100', delivery_methods: ['text'] },
        credentials: null,
      },
    ],
    phoneTemplates: [
      {
        id: 'tem_1',
        type: 'otp_verify',
        disabled: false,
        content: {
          syntax: 'liquid',
          body: { text: 'Your code: {{ code }}', voice: 'Your code is {{ code }}' },
        },
      },
      { type: 'otp_enroll', disabled: false, content: { syntax: 'liquid', body: { text: 'default' } } },
    ],
  };

  it('finds nothing to do, compares no template the file leaves out, and says the token was not compared', () => {
    const plan = planChanges(desired('twilio-1'), asRead);

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^phoneProviders phone provider: credentials.auth_token not compared/),
    ]);
  });

  it('updates the provider when its number changes, and never prints the token', () => {
    const plan = planChanges(desired('twilio-2', '+15550199'), asRead);

    expect(plan.changes).toEqual([
      {
        type: 'phoneProviders',
        name: 'phone provider',
        action: 'update',
        fields: [{ path: 'configuration.default_from', before: '+15550100', after: '+15550199' }],
      },
    ]);
    expect(JSON.stringify(plan)).not.toContain('twilio-2');
  });
});

describe("the local tenant's phone messaging", () => {
  let tenant: ReturnType<typeof serveInProcess> | undefined;
  afterEach(() => tenant?.close());

  it('never answers the provider credentials, and refuses a second provider', async () => {
    tenant = serveInProcess(phoneProviderRoutes);
    const provider = {
      name: 'twilio',
      configuration: { sid: 'AC1', delivery_methods: ['text'] },
      credentials: { auth_token: 'twilio-token' },
    };

    const created = await tenant.call('POST', '/branding/phone/providers', provider);
    const again = await tenant.call('POST', '/branding/phone/providers', provider);
    const listed = await tenant.call('GET', '/branding/phone/providers');

    expect(created.status).toBe(201);
    expect(again.status).toBe(409);
    expect(listed.body.providers).toEqual([expect.objectContaining({ name: 'twilio', credentials: null })]);
    expect(JSON.stringify([created.body, listed.body])).not.toContain('twilio-token');
  });

  it('lists every template type, without an id until created, and keeps its syntax through an update', async () => {
    tenant = serveInProcess(phoneTemplateRoutes);
    const fresh = await tenant.call('GET', '/branding/phone/templates');

    const created = await tenant.call('POST', '/branding/phone/templates', {
      type: 'otp_verify',
      content: { body: { text: 'a' } },
    });
    const updated = await tenant.call('PATCH', `/branding/phone/templates/${created.body.id}`, {
      content: { body: { text: 'b' } },
      disabled: true,
    });

    expect(
      fresh.body.templates.map((template: { type: string; id?: string }) => [template.type, template.id]),
    ).toEqual([
      ['otp_verify', undefined],
      ['otp_enroll', undefined],
      ['change_password', undefined],
      ['blocked_account', undefined],
      ['password_breach', undefined],
    ]);
    expect(updated.body).toMatchObject({
      disabled: true,
      content: { syntax: 'liquid', body: { text: 'b' } },
    });
  });
});
