import { describe, expect, it } from 'vitest';
import {
  sectionErrors,
  type TestEnvironment,
  TIERS,
  tenantProblems,
} from '../../../test/tenant/section-errors';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';

/** The key a deploy makes fingerprints with (from its application's client secret). */
const key = fingerprintKey('deploy-client-secret-of-the-tests');

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
secrets:
  DATADOG_API_KEY: { env: TENANT_SECRET_DATADOG_API_KEY }
`;

const DATADOG = `logStreams:
  - name: Datadog
    type: datadog
    sink:
      datadogApiKey: "##DATADOG_API_KEY##"
      datadogRegion: eu
`;

/** The problems the check finds in the log streams of a tenant.yaml, with the environment's rules. */
const check = (tenantYaml: string, env: TestEnvironment = 'prod', severity: 'error' | 'warning' = 'error') =>
  sectionErrors('logStreams', tenantYaml, environmentFor(env), env, severity);

/** ENVIRONMENT in another tier (the local stand-in on this machine). */
function environmentFor(env: TestEnvironment): string {
  return ENVIRONMENT.replace('tier: production', `tier: ${TIERS[env]}`).replace(
    'AUTH0_DOMAIN: example.eu.auth0.com',
    env === 'local' ? 'AUTH0_DOMAIN: 127.0.0.1:8443' : 'AUTH0_DOMAIN: example.eu.auth0.com',
  );
}

/** An http stream to the local tenant's receiver, with the Datadog key's secret as its authorization. */
const LOOPBACK = `logStreams:
  - name: Local receiver
    type: http
    sink:
      httpEndpoint: http://127.0.0.1:8444/log-stream
      httpAuthorization: "##DATADOG_API_KEY##"
`;

describe('log streams in the check', () => {
  it('accepts a Datadog stream whose API key comes from the environment', async () => {
    expect(await check(DATADOG)).toEqual([]);
  });

  it('refuses the API key written in tenant.yaml, at its line', async () => {
    expect(await check(DATADOG.replace('"##DATADOG_API_KEY##"', 'dd-0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 5, column: 22 },
    ]);
  });

  it("refuses a field of another sink type in the stream's sink", async () => {
    expect(
      await check(DATADOG.replace('datadogRegion: eu', 'datadogRegion: eu\n      splunkPort: "8088"')),
    ).toEqual([{ rule: 'schema/unknown-key', line: 7, column: 7 }]);
  });

  it('refuses an http:// sink: the logs carry emails and IP addresses', async () => {
    const http = `logStreams:
  - name: SIEM
    type: http
    sink:
      httpEndpoint: http://siem.example.com/auth0
`;
    expect(await check(http)).toEqual([{ rule: 'log-streams/https-sink', line: 5, column: 21 }]);
  });

  it.each(['local', 'dev'] as const)(
    "lets the %s environment's stream send over http to this machine's loopback",
    async (env) => {
      expect(await check(LOOPBACK, env)).toEqual([]);
    },
  );

  it('refuses the loopback receiver in production, where the logs must reach the SIEM', async () => {
    expect(await check(LOOPBACK)).toEqual([{ rule: 'log-streams/https-sink', line: 5, column: 21 }]);
  });

  it('refuses http to a host that only looks like this machine, outside production too', async () => {
    const lookalike = LOOPBACK.replace('127.0.0.1:8444', '127.0.0.1.example.com:8444');
    expect(await check(lookalike, 'dev')).toEqual([{ rule: 'log-streams/https-sink', line: 5, column: 21 }]);
  });

  it('refuses the secret placed in the stream name, where any reader of log streams sees it', async () => {
    expect(await check(DATADOG.replace('name: Datadog', 'name: "Datadog ##DATADOG_API_KEY##"'))).toEqual([
      { rule: 'secrets/in-readable-field', line: 2, column: 11 },
    ]);
  });
});

describe('a production tenant streams its logs (logging/stream-active)', () => {
  const rule = 'logging/stream-active';

  it('is content with one active stream', async () => {
    expect(await check(DATADOG)).toEqual([]);
  });

  it('refuses a production tenant whose only stream is paused, at its status', async () => {
    const paused = DATADOG.replace('    type: datadog\n', '    type: datadog\n    status: paused\n');
    expect(await check(paused)).toEqual([{ rule, line: 4, column: 13 }]);
  });

  it('refuses a production tenant without any log stream', async () => {
    const problems = await checkTenantText('clients: []\n', 'prod');
    expect(problems.filter((problem) => problem.rule === rule)).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('no log stream') }),
    ]);
  });

  it('only warns in development, and says nothing for the local stand-in', async () => {
    const severityIn = async (env: TestEnvironment) =>
      (await checkTenantText('clients: []\n', env)).find((problem) => problem.rule === rule)?.severity;

    expect(await severityIn('dev')).toBe('warning');
    expect(await severityIn('local')).toBeUndefined();
  });
});

/** Every problem the check finds in a whole tenant.yaml for the environment. */
const checkTenantText = (tenantYaml: string, env: TestEnvironment) =>
  tenantProblems(
    tenantYaml,
    `tier: ${TIERS[env]}\nkeywords:\n  AUTH0_DOMAIN: ${env === 'local' ? '127.0.0.1:8443' : 'example.eu.auth0.com'}\n`,
    env,
  );

describe('log streams in the plan', () => {
  const desired = (apiKey: string, extra: Record<string, unknown> = {}) =>
    sealSecrets(
      {
        logStreams: [
          {
            name: 'Datadog',
            type: 'datadog',
            sink: { datadogApiKey: '##DATADOG_API_KEY##', datadogRegion: 'eu' },
            filters: [
              { type: 'category', name: 'auth.login.fail' },
              { type: 'category', name: 'management.success' },
            ],
            ...extra,
          },
        ],
      },
      { key, names: ['DATADOG_API_KEY'], values: { DATADOG_API_KEY: apiKey } },
    ).assets;
  /** As Auth0 answers: the key in clear, filters in its own order, its id and status. */
  const asRead = (key: string) => ({
    logStreams: [
      {
        id: 'lst_0000000000030347',
        name: 'Datadog',
        type: 'datadog',
        status: 'active',
        isPriority: false,
        sink: { datadogApiKey: key, datadogRegion: 'eu' },
        filters: [
          { type: 'category', name: 'management.success' },
          { type: 'category', name: 'auth.login.fail' },
        ],
      },
    ],
  });

  it('finds nothing to do when only the order of the filters differs', () => {
    expect(planChanges(desired('dd-key-1'), asRead('dd-key-1')).changes).toEqual([]);
  });

  it('shows a rotated API key masked', () => {
    const plan = planChanges(desired('dd-key-2'), asRead('dd-key-1'));

    expect(plan.changes[0]?.fields).toEqual([
      { path: 'sink.datadogApiKey', before: SECRET_SET, after: SECRET_NEW, secret: true },
    ]);
    expect(JSON.stringify(plan)).not.toContain('dd-key');
  });

  it('does not compare what Auth0 provisioned for an EventBridge stream', () => {
    const bridge = {
      name: 'Amazon EventBridge',
      type: 'eventbridge',
      sink: { awsAccountId: '123456789012', awsRegion: 'eu-west-1' },
    };
    const read = { ...bridge, id: 'lst_1', sink: { ...bridge.sink, awsPartnerEventSource: 'aws.partner/x' } };

    expect(planChanges({ logStreams: [bridge] }, { logStreams: [read] }).changes).toEqual([]);
  });

  it('says a secret in an export cannot be compared, rather than calling it drift', () => {
    const dumped = asRead('##LOGSTREAMS_DATADOG_DATADOGAPIKEY##');
    const plan = planChanges(desired('dd-key-1'), dumped);

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^logStreams Datadog: sink.datadogApiKey not compared/),
    ]);
  });
});
