import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTarget } from '../../scripts/engine/open';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';

describe('a command when the local tenant is already running (npm run local-tenant in another shell)', () => {
  let dir: string | undefined;
  let running: LocalTenant | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('works against that server, with the credentials kept in its state, and leaves it running', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'running-local-tenant-'));
    const stateFile = path.join(dir, 'state.json');
    running = await startLocalTenant({ port: 0, stateFile });

    const target = await openTarget({ kind: 'local' }, { port: running.port, stateFile });
    await target.close();

    expect(target.label).toContain(`local tenant ${running.domain} (already running)`);
    expect(target.credentials).toEqual({
      domain: running.domain,
      clientId: running.clientId,
      clientSecret: running.clientSecret,
    });
    expect(target.caFile).toBe(running.caFile);
    expect(running.requests().byRoute['POST /oauth/token']).toBe(1);
  });

  it('says so in one line when the port belongs to something else', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'running-local-tenant-'));
    const other = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const address = other.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        openTarget({ kind: 'local' }, { port, stateFile: path.join(dir, 'state.json') }),
      ).rejects.toThrow(`port ${port} is in use by something that is not the local tenant`);
    } finally {
      other.close();
    }
  });
});
