import { describe, expect, it } from 'vitest';
import { sectionErrors, type TestEnvironment, TIERS } from '../../../test/tenant/section-errors';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';

/** The key a deploy makes fingerprints with (from its application's client secret). */
const key = fingerprintKey('deploy-client-secret-of-the-tests');

/** The environment file of a tier: the CRM token from an environment variable. */
const environmentFor = (env: TestEnvironment) => `tier: ${TIERS[env]}
keywords:
  AUTH0_DOMAIN: ${env === 'local' ? '127.0.0.1:8443' : 'example.eu.auth0.com'}
secrets:
  CRM_TOKEN: { env: TENANT_SECRET_CRM_TOKEN }
`;

const CRM = `eventStreams:
  - name: CRM sync
    status: enabled
    subscriptions:
      - event_type: user.created
    destination:
      type: webhook
      configuration:
        webhook_endpoint: https://crm.example.com/auth0-events
        webhook_authorization:
          method: bearer
          token: "##CRM_TOKEN##"
`;

/** The problems the check finds in the event streams of a tenant.yaml, with the environment's rules. */
const check = (tenantYaml: string, env: TestEnvironment = 'prod') =>
  sectionErrors('eventStreams', tenantYaml, environmentFor(env), env, 'error');

describe('event streams in the check', () => {
  it('accepts a webhook stream whose bearer token comes from the environment', async () => {
    expect(await check(CRM)).toEqual([]);
  });

  it('refuses the token written in tenant.yaml, at its line', async () => {
    expect(await check(CRM.replace('"##CRM_TOKEN##"', 'crm-0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 12, column: 18 },
    ]);
  });

  it("refuses a basic authorization's username on a bearer authorization", async () => {
    const mixed = CRM.replace('method: bearer\n', 'method: bearer\n          username: crm\n');
    expect(await check(mixed)).toEqual([{ rule: 'schema/unknown-key', line: 12, column: 11 }]);
  });

  it("refuses an EventBridge field in a webhook's configuration", async () => {
    const mixed = CRM.replace(
      '        webhook_authorization:',
      '        aws_region: eu-west-1\n        webhook_authorization:',
    );
    expect(await check(mixed)).toEqual([{ rule: 'schema/unknown-key', line: 10, column: 9 }]);
  });

  it('refuses an event type Auth0 does not stream', async () => {
    expect(await check(CRM.replace('user.created', 'user.login'))).toEqual([
      { rule: 'schema/enum', line: 5, column: 21 },
    ]);
  });

  it('refuses an http:// webhook: the events carry user profiles', async () => {
    const http = CRM.replace('https://crm.example.com', 'http://crm.example.com');
    expect(await check(http)).toEqual([{ rule: 'event-streams/https-webhook', line: 9, column: 27 }]);
  });

  it.each(['local', 'dev'] as const)(
    "lets the %s environment's webhook be this machine over http",
    async (env) => {
      expect(await check(CRM.replace('https://crm.example.com', 'http://127.0.0.1:8444'), env)).toEqual([]);
    },
  );

  it('refuses the loopback webhook in production', async () => {
    const loopback = CRM.replace('https://crm.example.com', 'http://127.0.0.1:8444');
    expect(await check(loopback)).toEqual([{ rule: 'event-streams/https-webhook', line: 9, column: 27 }]);
  });
});

describe('event streams in the plan', () => {
  const desired = (token: string, extra: Record<string, unknown> = {}) =>
    sealSecrets(
      {
        eventStreams: [
          {
            name: 'CRM sync',
            status: 'enabled',
            subscriptions: [{ event_type: 'user.created' }, { event_type: 'user.deleted' }],
            destination: {
              type: 'webhook',
              configuration: {
                webhook_endpoint: 'https://crm.example.com/auth0-events',
                webhook_authorization: { method: 'bearer', token: '##CRM_TOKEN##' },
              },
            },
            ...extra,
          },
        ],
      },
      { key, names: ['CRM_TOKEN'], values: { CRM_TOKEN: token } },
    ).assets;
  /** As Auth0 answers (the recordings): the method without the token, subscriptions in its own order. */
  const asRead = {
    eventStreams: [
      {
        id: 'est_3jM6JQ7F5sXyYeudsCsiWX',
        status: 'enabled',
        name: 'CRM sync',
        subscriptions: [{ event_type: 'user.deleted' }, { event_type: 'user.created' }],
        destination: {
          type: 'webhook',
          configuration: {
            webhook_endpoint: 'https://crm.example.com/auth0-events',
            webhook_authorization: { method: 'bearer' },
          },
        },
      },
    ],
  };

  it('finds nothing to write when only the order of the subscriptions and the unreadable token could differ', () => {
    const plan = planChanges(desired('crm-1'), asRead);

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(
        /^eventStreams CRM sync: destination.configuration.webhook_authorization.token not compared \(Auth0 never returns it/,
      ),
    ]);
  });

  it('rewrites a rotated token when asked (--rewrite-secrets), masked in the plan', () => {
    const plan = planChanges(desired('crm-2'), asRead, { rewriteSecrets: true });

    expect(plan.changes[0]?.fields).toEqual([
      {
        path: 'destination.configuration.webhook_authorization.token',
        before: SECRET_SET,
        after: SECRET_NEW,
        secret: true,
      },
    ]);
    expect(JSON.stringify(plan)).not.toContain('crm-2');
  });

  it('plans a disabled stream as an update of its status', () => {
    const plan = planChanges(desired('crm-1', { status: 'disabled' }), asRead);

    expect(plan.changes[0]?.fields).toEqual([{ path: 'status', before: 'enabled', after: 'disabled' }]);
  });

  it('does not compare the partner event source AWS provisioned for an EventBridge stream', () => {
    const bridge = {
      name: 'Amazon EventBridge',
      destination: {
        type: 'eventbridge',
        configuration: { aws_account_id: '123456789012', aws_region: 'eu-west-1' },
      },
    };
    const read = {
      ...bridge,
      id: 'est_1',
      destination: {
        type: 'eventbridge',
        configuration: { ...bridge.destination.configuration, aws_partner_event_source: 'aws.partner/x' },
      },
    };

    expect(planChanges({ eventStreams: [bridge] }, { eventStreams: [read] }).changes).toEqual([]);
  });
});
