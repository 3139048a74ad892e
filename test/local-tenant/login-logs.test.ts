/**
 * The login's log events through a real HTTP log stream: batches POSTed by `createLoginLogs` to the local
 * tenant's receiver, read back as a SIEM would store them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginLogInput } from '../../scripts/local-tenant/authentication/contract';
import { createLoginLogs } from '../../scripts/local-tenant/authentication/login-logs';
import { type LogReceiver, startLogReceiver } from '../../scripts/local-tenant/log-stream/receiver';
import type { JsonObject } from '../../scripts/local-tenant/state/types';

let receiver: LogReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const event = (type: LoginLogInput['type'], email: string): LoginLogInput => ({
  type,
  user: { user_id: 'auth0|0123456789abcdef01234567', email },
  client: { client_id: 'spa-client', name: 'Documents SPA' },
  connection: { id: 'con_0123456789abcdef', name: 'Username-Password-Authentication', strategy: 'auth0' },
  request: { ip: '127.0.0.1', userAgent: 'node', hostname: '127.0.0.1:8443' },
  details: { password: 'typed-by-alice' },
  now: Date.now(),
});

describe('login log events to the local receiver', () => {
  it('arrive in one batch per stream format, filtered, with the stream pii_config and no password', async () => {
    const streams: JsonObject[] = [];
    receiver = await startLogReceiver({ port: 0, streams: () => streams });
    const sink = (format: string, authorization: string) => ({
      httpEndpoint: receiver?.url,
      httpAuthorization: authorization,
      httpContentFormat: format,
    });
    streams.push(
      {
        id: 'lst_siem',
        name: 'siem',
        type: 'http',
        status: 'active',
        sink: sink('JSONARRAY', 'Bearer siem'),
      },
      {
        id: 'lst_failures',
        name: 'failures',
        type: 'http',
        status: 'active',
        filters: [{ type: 'category', name: 'auth.login.fail' }],
        pii_config: { log_fields: ['email'], method: 'mask' },
        sink: sink('JSONLINES', 'Bearer failures'),
      },
    );
    const logs = createLoginLogs({ streams: () => streams, tenantName: 'documents-local' });

    logs.emit(event('fp', 'alice@example.com'));
    logs.emit(event('s', 'alice@example.com'));
    logs.emit(event('fs', 'mallory@mailinator.com'));
    await logs.flush();

    const received = receiver.events();
    const types = (name: string) =>
      received
        .filter((item) => item.stream === name)
        .map((item) => ((item.event as JsonObject).data as JsonObject).type);
    expect(types('siem')).toEqual(['fp', 's', 'fs']);
    expect(types('failures')).toEqual(['fp']);
    const failure = received.find((item) => item.stream === 'failures')?.event as JsonObject;
    expect((failure.data as JsonObject).user_name).toBe('*'.repeat('alice@example.com'.length));
    expect(failure.log_id).toBe((failure.data as JsonObject).log_id);
    // One request per stream: the three events of the siem stream were received together.
    expect(
      new Set(received.filter((item) => item.stream === 'siem').map((item) => item.receivedAt)).size,
    ).toBe(1);
    expect(JSON.stringify(received)).not.toContain('typed-by-alice');
  });
});
