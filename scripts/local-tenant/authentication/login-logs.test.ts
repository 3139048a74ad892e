import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonObject } from '../state/types';
import type { LoginLogInput } from './contract';
import { describeUserAgent, logEventData } from './log-event';
import { withPiiConfig, xxh32 } from './log-pii';
import { createLoginLogs } from './login-logs';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.199 Safari/537.36';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

const login: LoginLogInput = {
  type: 's',
  user: { user_id: 'auth0|0123456789abcdef01234567', email: 'alice@example.com' },
  client: { client_id: 'spa-client', name: 'Documents SPA', client_secret: 'never-logged' },
  connection: { id: 'con_0123456789abcdef', name: 'Username-Password-Authentication', strategy: 'auth0' },
  organization: { id: 'org_0123456789abcdef', name: 'acme' },
  request: { ip: '203.0.113.7', userAgent: CHROME_ON_WINDOWS, hostname: '127.0.0.1:8443' },
  audience: 'https://documents.example.com/api',
  scopes: ['openid', 'profile', 'offline_access'],
  details: { prompts: [], stats: { loginsCount: 3 }, password: 'hunter2', note: 'uses S3cr3t-value' },
  now: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
};

const context = { tenantName: 'documents-local', secrets: ['S3cr3t-value'] };

describe("a login's log event", () => {
  it("has Auth0's shape: who, from where, with what, and a 56-digit log id", () => {
    const data = logEventData(login, context);
    expect(data).toMatchObject({
      date: '2026-01-02T03:04:05.678Z',
      type: 's',
      description: 'Successful login',
      connection: 'Username-Password-Authentication',
      connection_id: 'con_0123456789abcdef',
      strategy: 'auth0',
      strategy_type: 'database',
      client_id: 'spa-client',
      client_name: 'Documents SPA',
      ip: '203.0.113.7',
      user_agent: 'Chrome 114.0.5735 / Windows 10.0.0',
      hostname: '127.0.0.1:8443',
      user_id: 'auth0|0123456789abcdef01234567',
      user_name: 'alice@example.com',
      audience: 'https://documents.example.com/api',
      scope: 'openid profile offline_access',
      organization_id: 'org_0123456789abcdef',
      organization_name: 'acme',
      tenant_name: 'documents-local',
      isMobile: false,
    });
    expect(data.log_id).toMatch(/^90020260102030405678\d{36}$/);
  });

  it('carries no password, no client secret and no known secret value anywhere', () => {
    const text = JSON.stringify(logEventData(login, context));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('never-logged');
    expect(text).not.toContain('S3cr3t-value');
    expect(text).toContain('uses [redacted]');
  });

  it('leaves out what the login does not have (no organization) and says a phone is mobile', () => {
    const { organization: _none, ...withoutOrganization } = login;
    const data = logEventData(
      { ...withoutOrganization, request: { ...login.request, userAgent: SAFARI_ON_IPHONE } } as LoginLogInput,
      context,
    );
    expect(data).not.toHaveProperty('organization_id');
    expect(data.isMobile).toBe(true);
    expect(data.user_agent).toBe('Safari 17.1.0 / iOS 17.1.0');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
  });
});

describe("a stream's pii_config", () => {
  const data = logEventData(login, context);
  it('masks the named fields, by default', () => {
    const masked = withPiiConfig(data, { pii_config: { log_fields: ['email'] } });
    expect(masked.user_name).toBe('*'.repeat('alice@example.com'.length));
    expect(masked.user_id).toBe(data.user_id);
  });

  it('hashes them with xxhash when the method is hash', () => {
    const hashed = withPiiConfig(data, { pii_config: { log_fields: ['email'], method: 'hash' } });
    expect(hashed.user_name).toBe(xxh32('alice@example.com'));
    // The xxHash specification's own vectors (seed 0): short input, and one of more than 16 bytes.
    expect([xxh32(''), xxh32('abc'), xxh32('Nobody inspects the spammish repetition')]).toEqual([
      '02cc5d05',
      '32d153ff',
      'e2293b2f',
    ]);
  });
});

/** A fake sink: every POST's body, by URL; `fail` answers that many requests with 503 first. */
function fakeSinks(fail = 0) {
  const bodies: { url: string; events: JsonObject[] }[] = [];
  let failures = fail;
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    if (failures-- > 0) return new Response('down', { status: 503 });
    bodies.push({ url, events: JSON.parse(init.body) as JsonObject[] });
    return new Response('{}', { status: 200 });
  });
  return bodies;
}

const stream = (name: string, more: JsonObject = {}): JsonObject => ({
  id: `lst_${name}`,
  name,
  type: 'http',
  status: 'active',
  sink: { httpEndpoint: `http://127.0.0.1:9/${name}`, httpContentFormat: 'JSONARRAY' },
  ...more,
});

afterEach(() => vi.unstubAllGlobals());

describe('delivery to the streams', () => {
  it('sends a batch to each active http stream, with only the categories its filters name', async () => {
    const bodies = fakeSinks();
    const streams = [
      stream('all'),
      stream('failures', { filters: [{ type: 'category', name: 'auth.login.fail' }] }),
      stream('paused', { status: 'paused' }),
      { ...stream('datadog'), type: 'datadog' },
    ];
    const logs = createLoginLogs({ streams: () => streams, tenantName: 'documents-local' });
    logs.emit(login);
    logs.emit({ ...login, type: 'fp' });
    logs.emit({ ...login, type: 'fs' });
    await logs.flush();

    const byStream: Record<string, unknown[]> = Object.fromEntries(
      bodies.map(({ url, events }) => [
        url.split('/').pop(),
        events.map((event) => (event.data as JsonObject).type),
      ]),
    );
    expect(byStream).toEqual({ all: ['s', 'fp', 'fs'], failures: ['fp'] });
  });

  it('sends a full batch at once, without waiting for the window', async () => {
    const bodies = fakeSinks();
    const logs = createLoginLogs({
      streams: () => [stream('all')],
      tenantName: 'documents-local',
      batchSize: 2,
      windowMs: 60_000,
    });
    logs.emit(login);
    logs.emit(login);
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]?.events).toHaveLength(2);
  });

  it('tries a failing sink again, and drops the batch with a note after the last attempt', async () => {
    const bodies = fakeSinks(2);
    const warnings: string[] = [];
    const options = {
      streams: () => [stream('all')],
      tenantName: 'documents-local',
      retryDelayMs: 1,
      warn: (line: string) => warnings.push(line),
    };
    const recovering = createLoginLogs(options);
    recovering.emit(login);
    await recovering.flush();
    expect(bodies).toHaveLength(1);

    fakeSinks(3);
    const failing = createLoginLogs(options);
    failing.emit(login);
    await failing.flush();
    expect(warnings).toEqual([
      'log stream "lst_all": 1 log event(s) dropped after 3 attempts: the sink answered 503',
    ]);
  });
});
