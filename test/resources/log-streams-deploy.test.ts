/**
 * An http log stream, deployed through the real engine into a local tenant, delivers to the local
 * tenant's receiver: with the stream's authorization it is taken and can be read back; without it, or
 * with another one, it is refused and nothing is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToSink, type StreamedLogEvent } from '../../scripts/local-tenant';
import type { JsonObject } from '../../scripts/local-tenant/state/types';
import { type LocalDeployment, openLocalDeployment, runCli, targetEnv } from '../deploy/workspace';
import { httpClient } from '../local-tenant/http-client';

const FIXTURE = 'test/fixtures/resources/log-streams';
const AUTHORIZATION = 'Bearer local-siem-token-not-a-secret';

/** A failed login as Auth0 streams it: the log entry under `data`. */
const FAILED_LOGIN: StreamedLogEvent = {
  log_id: '90020250601000000000000000000000000000000000000000000001',
  data: {
    date: '2026-06-01T09:30:00.000Z',
    type: 'fp',
    description: 'Wrong email or password.',
    connection: 'Username-Password-Authentication',
    client_name: 'Documents SPA',
    ip: '203.0.113.7',
    user_name: 'ada@example.com',
  },
};

let local: LocalDeployment;
let api: ReturnType<typeof httpClient>;

/** The stream as the Management API answers it after the deploy. */
async function deployedStream(): Promise<JsonObject> {
  const answer = await api.send('GET', '/api/v2/log-streams', undefined, { token: await api.token() });
  const stream = (answer.body as JsonObject[]).find((item) => item.name === 'SIEM (HTTP)');
  if (!stream) throw new Error(`no "SIEM (HTTP)" stream in ${JSON.stringify(answer.body)}`);
  return stream;
}

beforeAll(async () => {
  local = await openLocalDeployment({ tenantDir: FIXTURE });
  api = httpClient(local.tenant);
  await local.workspace.edit('environments/local.yaml', (text) =>
    text.replace('SIEM_URL: https://siem.example.com/auth0', `SIEM_URL: ${local.tenant.logStream.url}`),
  );
  const deployed = await runCli('deploy', local.flags, targetEnv(local.tenant));
  expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
}, 180_000);
afterAll(() => local?.close());

describe("the local tenant's log stream receiver", () => {
  it('takes what the deployed stream delivers with its authorization, and gives it back', async () => {
    local.tenant.logStream.clearEvents();
    const stream = await deployedStream();
    expect(stream.sink).toMatchObject({
      httpEndpoint: local.tenant.logStream.url,
      httpContentFormat: 'JSONLINES',
    });

    const delivery = await deliverToSink(stream, [FAILED_LOGIN]);

    expect(delivery).toEqual({ sent: true, statuses: [200] });
    const read = await api.send('GET', '/__local/log-stream/events', undefined, {
      token: local.tenant.controlToken,
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual([
      { stream: 'SIEM (HTTP)', receivedAt: expect.any(String), event: FAILED_LOGIN },
    ]);
    expect(local.tenant.logStream.events().map((received) => received.event)).toEqual([FAILED_LOGIN]);
  });

  it.each([
    ['another authorization', 'Bearer not-the-stream-token'],
    ['no authorization', undefined],
  ])('refuses %s with 401, and keeps nothing', async (_story, authorization) => {
    local.tenant.logStream.clearEvents();
    const stream = await deployedStream();
    const sink = { ...(stream.sink as JsonObject), httpAuthorization: authorization };

    const delivery = await deliverToSink({ ...stream, sink }, [FAILED_LOGIN]);

    expect(delivery).toEqual({ sent: true, statuses: [401] });
    expect(local.tenant.logStream.events()).toEqual([]);
  });

  it('refuses a batch over 1 MiB with 413, and malformed JSON lines with 400', async () => {
    local.tenant.logStream.clearEvents();
    const post = (body: string) =>
      fetch(local.tenant.logStream.url, { method: 'POST', headers: { authorization: AUTHORIZATION }, body });

    const oversized = await post(JSON.stringify({ log_id: '1', data: { padding: 'x'.repeat(1024 * 1024) } }));
    const malformed = await post('{"log_id": "1", "data": {}}\n{"log_id": ');

    expect([oversized.status, malformed.status]).toEqual([413, 400]);
    expect(local.tenant.logStream.events()).toEqual([]);
  });

  it('reads back only with the control token', async () => {
    const read = await api.send('GET', '/__local/log-stream/events', undefined, { token: 'not-the-token' });

    expect(read.status).toBe(401);
  });
});
