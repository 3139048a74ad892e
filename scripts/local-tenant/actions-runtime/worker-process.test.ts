import { describe, expect, it } from 'vitest';
import { sandboxEnvironment, WorkerProcess } from './worker-process';

describe('the sandbox process', () => {
  it('says in its runtime name when tools/node22 is missing and the current Node runs the Actions', async () => {
    const worker = new WorkerProcess({
      projectRoot: '/nowhere',
      caFile: '/nowhere/ca.pem',
      node22: '/nowhere/node',
    });
    expect(worker.runtime).toBe(`node${process.versions.node.split('.')[0]} (tools/node22 missing)`);
    await worker.close();
    expect(
      await worker.request(
        { type: 'custom-database', script: '', args: [], configuration: {}, timeoutMs: 1 },
        1,
      ),
    ).toEqual({
      kind: 'lost',
      error: 'the Actions runtime is closed',
    });
  });
});

describe("the sandbox's environment", () => {
  it('has none of the shell variables an Action in Auth0 would not see (a real tenant credential among them)', () => {
    const shell = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      TZ: 'UTC',
      AUTH0_CLIENT_SECRET: 'real-tenant-secret',
      AWS_SECRET_ACCESS_KEY: 'cloud-secret',
      NODE_OPTIONS: '--require ./hook.js',
    };
    expect(sandboxEnvironment(shell, { ACTIONS_PROJECT_ROOT: '/repo' })).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      TZ: 'UTC',
      ACTIONS_PROJECT_ROOT: '/repo',
    });
  });
});
