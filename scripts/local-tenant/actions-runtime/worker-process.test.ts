import { describe, expect, it } from 'vitest';
import { WorkerProcess } from './worker-process';

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
