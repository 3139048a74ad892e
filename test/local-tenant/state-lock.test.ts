/**
 * One state file, one local tenant: a second server on the same file would lose the first one's writes
 * and move the Management API's audience to its own port, so it refuses to start and names the holder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startLocalTenant } from '../../scripts/local-tenant';
import { localTenantCli } from './cli-process';
import { httpClient } from './http-client';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-lock-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process id that was in use a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('a state file already served', () => {
  it('refuses a second server, naming the first one, and keeps what the first one wrote', async () => {
    const stateFile = path.join(dir, 'shared', 'state.json');
    const first = await startLocalTenant({ port: 0, stateFile });
    const api = httpClient(first);
    await api.send('POST', '/api/v2/roles', { name: 'written by the first' }, { token: await api.token() });

    const second = startLocalTenant({ port: 0, stateFile });

    await expect(second).rejects.toThrow(
      `${stateFile} is in use by another local tenant (pid ${process.pid}, port ${first.port})`,
    );
    first.saveState();
    const saved = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(saved.managementAudience).toBe(`https://127.0.0.1:${first.port}/api/v2/`);
    expect(saved.roles.map((role: { name: string }) => role.name)).toEqual(['written by the first']);
    await first.close();
  });

  it('is free again once the first server closes', async () => {
    const stateFile = path.join(dir, 'handed-on', 'state.json');
    await (await startLocalTenant({ port: 0, stateFile })).close();
    expect(existsSync(`${stateFile}.lock`)).toBe(false);

    const next = await startLocalTenant({ port: 0, stateFile });

    expect(JSON.parse(await readFile(`${stateFile}.lock`, 'utf8'))).toEqual({
      pid: process.pid,
      port: next.port,
    });
    await next.close();
  });

  it('takes over a lock left by a server that died', async () => {
    const stateFile = path.join(dir, 'stale', 'state.json');
    await (await startLocalTenant({ port: 0, stateFile })).close();
    await writeFile(`${stateFile}.lock`, JSON.stringify({ pid: deadPid(), port: 8443 }));

    const tenant = await startLocalTenant({ port: 0, stateFile });

    expect(JSON.parse(await readFile(`${stateFile}.lock`, 'utf8'))).toEqual({
      pid: process.pid,
      port: tenant.port,
    });
    await tenant.close();
  });
});

describe('npm run local-tenant on a state file already served', () => {
  it('exits 1 with one line naming the holder, and no stack trace', async () => {
    const stateFile = path.join(dir, 'cli', 'state.json');
    const holder = await startLocalTenant({ port: 0, stateFile });
    onTestFinished(() => holder.close());

    const cli = localTenantCli(['--port', '0', '--state', stateFile]);

    const code = await cli.exit;
    expect(code).toBe(1);
    expect(cli.stdout()).toBe('');
    expect(cli.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        `^error: ${stateFile} is in use by another local tenant \\(pid ${process.pid}, port ${holder.port}\\)`,
      ),
    ]);
  });
});
