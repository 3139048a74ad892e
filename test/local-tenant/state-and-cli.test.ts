import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateFileError, startLocalTenant } from '../../scripts/local-tenant';
import { localTenantCli } from './cli-process';
import { httpClient } from './http-client';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-state-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('state', () => {
  it('survives a restart with the same deploy client, and --reset starts empty with a new one', async () => {
    const stateFile = path.join(dir, 'restart', 'state.json');
    const first = await startLocalTenant({ port: 0, stateFile });
    const api = httpClient(first);
    await api.send('POST', '/api/v2/roles', { name: 'kept' }, { token: await api.token() });
    await first.close();

    const second = await startLocalTenant({ port: 0, stateFile });
    expect([second.clientId, second.clientSecret]).toEqual([first.clientId, first.clientSecret]);
    const again = httpClient(second);
    const roles = await again.send('GET', '/api/v2/roles', undefined, { token: await again.token() });
    expect(roles.body.map((role: any) => role.name)).toEqual(['kept']);
    await second.close();

    const reset = await startLocalTenant({ port: 0, stateFile, reset: true });
    expect(reset.clientId).not.toBe(first.clientId);
    await reset.close();
  });

  it('refuses a corrupt state file with an error naming it, and leaves the file alone', async () => {
    const stateFile = path.join(dir, 'corrupt', 'state.json');
    await (await startLocalTenant({ port: 0, stateFile })).close();
    await writeFile(stateFile, '{"format": "local-tenant/1", "clients": [');
    const failure = startLocalTenant({ port: 0, stateFile });
    await expect(failure).rejects.toThrow(StateFileError);
    await expect(failure).rejects.toThrow(`${stateFile}: is not valid JSON`);
    expect(await readFile(stateFile, 'utf8')).toBe('{"format": "local-tenant/1", "clients": [');
  });
});

describe('npm run local-tenant', () => {
  it('prints the four settings, its control token, its log stream URL and its test app once it listens, and stops on SIGTERM', async () => {
    const stateFile = path.join(dir, 'cli', 'state.json');
    const cli = localTenantCli(['--port', '0', '--state', stateFile]);

    const lines = await cli.lines(7);

    expect(lines.map((line) => line.split('=')[0])).toEqual([
      'AUTH0_DOMAIN',
      'AUTH0_CLIENT_ID',
      'AUTH0_CLIENT_SECRET',
      'NODE_EXTRA_CA_CERTS',
      'LOCAL_TENANT_CONTROL_TOKEN',
      'LOCAL_TENANT_LOG_STREAM_URL',
      'LOCAL_TENANT_TEST_APP_URL',
    ]);
    expect(lines[0]).toMatch(/^AUTH0_DOMAIN=127\.0\.0\.1:\d+$/);
    expect(lines[3]).toBe(`NODE_EXTRA_CA_CERTS=${path.join(dir, 'cli', 'ca.pem')}`);
    expect(lines[4]).toMatch(/^LOCAL_TENANT_CONTROL_TOKEN=[A-Za-z0-9_-]{43}$/);
    // A free port for the receiver too, since the API's was picked freely.
    expect(lines[5]).toMatch(/^LOCAL_TENANT_LOG_STREAM_URL=http:\/\/127\.0\.0\.1:\d+\/log-stream$/);
    expect(lines[6]).toBe(`LOCAL_TENANT_TEST_APP_URL=https://${lines[0]?.split('=')[1]}/test-app/`);
    const printed = Object.fromEntries(lines.map((line) => line.split('=') as [string, string]));
    const domain = printed.AUTH0_DOMAIN ?? '';
    const api = httpClient({
      domain,
      port: Number(domain.split(':')[1]),
      clientId: printed.AUTH0_CLIENT_ID ?? '',
      clientSecret: printed.AUTH0_CLIENT_SECRET ?? '',
      caFile: printed.NODE_EXTRA_CA_CERTS ?? '',
    });
    const log = await api.send('GET', '/__local/requests', undefined, {
      token: printed.LOCAL_TENANT_CONTROL_TOKEN,
    });
    expect(log).toMatchObject({ status: 200, body: { total: 0 } });
    expect((await api.send('GET', '/__local/requests')).status).toBe(401);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });
});
