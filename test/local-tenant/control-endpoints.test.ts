/**
 * `/__local/requests` and `/__local/faults` read the request log and break the tenant on purpose: only
 * whoever started the server may use them, with the control token it printed at start.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalTenant } from '../../scripts/local-tenant';
import { tenantPerFile } from './tenant-per-file';

const local = tenantPerFile('control');

const refused = {
  status: 401,
  body: { statusCode: 401, error: 'Unauthorized', message: 'Missing or wrong control token' },
};

describe('the control endpoints', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'not-the-control-token'],
    ['a Management API token', 'api'],
  ])('refuse %s, and change nothing', async (_story, given) => {
    const { tenant, api, token: apiToken } = local;
    const token = given === 'api' ? apiToken : given;
    tenant.resetRequests();

    const log = await api.send('GET', '/__local/requests', undefined, { token });
    const faults = await api.send('PUT', '/__local/faults', { serverErrorRatio: 1 }, { token });
    const cleared = await api.send('DELETE', '/__local/requests', undefined, { token });

    expect([log, faults, cleared]).toMatchObject([refused, refused, refused]);
    expect(log.body).not.toHaveProperty('byRoute');
    expect((await api.send('GET', '/api/v2/roles', undefined, { token: apiToken })).status).toBe(200);
    expect(tenant.requests().total).toBe(1);
  });

  it('answer the token the server printed at start', async () => {
    const { tenant, api, token: apiToken } = local;
    const token = tenant.controlToken;
    tenant.resetRequests();
    await api.send('GET', '/api/v2/roles', undefined, { token: apiToken });

    const log = await api.send('GET', '/__local/requests', undefined, { token });
    const faults = await api.send('GET', '/__local/faults', undefined, { token });

    expect(log).toMatchObject({ status: 200, body: { total: 1, byRoute: { 'GET /api/v2/roles': 1 } } });
    expect(faults).toEqual(expect.objectContaining({ status: 200, body: {} }));
  });

  it('is a new token for every start, unlike the deploy client', async () => {
    const stateFile = path.join(local.dir, 'restarted', 'state.json');
    const first = await startLocalTenant({ port: 0, stateFile });
    await first.close();
    const second = await startLocalTenant({ port: 0, stateFile });
    await second.close();

    expect(second.clientSecret).toBe(first.clientSecret);
    expect(second.controlToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.controlToken).not.toBe(first.controlToken);
  });
});
