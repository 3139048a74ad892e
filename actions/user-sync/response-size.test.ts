import { describe, expect, it } from 'vitest';
import { onExecutePostLogin } from './index';
import { MAX_RESPONSE_BYTES } from './post';
import { backend, messages, syncLogin } from './sync-login';

const MB = 1024 * 1024;

describe('user-sync: a backend that streams an endless body', () => {
  it.each([200, 502])(
    'stops reading a %i past 64 kB, closes the connection, does not retry, and the login continues',
    async (status) => {
      const server = await backend({ status, streamBytes: 300 * MB });
      const run = syncLogin(server.url, { secrets: { USER_SYNC_TIMEOUT_MS: '3000' } });

      await run.run(onExecutePostLogin);

      const [body] = server.streams;
      expect(await body?.done).toBe('cut off');
      // What the server got into the socket before the Action hung up: the cap, plus what loopback buffers.
      expect(body?.bytesWritten).toBeLessThan(8 * MB);
      expect(server.requests).toHaveLength(1);
      expect(messages(run)).toEqual([
        `user-sync: not synced (response over ${MAX_RESPONSE_BYTES} bytes, 1 attempt(s)); login continues`,
      ]);
      expect(run.appMetadata).not.toHaveProperty('sync_hash');
      expect(run.denied).toBe(false);
    },
  );

  it('stops within a few kB of the cap when the body comes no faster than it is read', async () => {
    const server = await backend({ status: 200, streamBytes: 300 * MB, paceMs: 1 });
    const run = syncLogin(server.url, { secrets: { USER_SYNC_TIMEOUT_MS: '3000' } });

    await run.run(onExecutePostLogin);

    const [body] = server.streams;
    expect(await body?.done).toBe('cut off');
    expect(body?.bytesWritten).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(body?.bytesWritten).toBeLessThanOrEqual(2 * MAX_RESPONSE_BYTES);
    expect(messages(run)).toEqual([
      `user-sync: not synced (response over ${MAX_RESPONSE_BYTES} bytes, 1 attempt(s)); login continues`,
    ]);
  });

  it('reads a body up to the cap as usual', async () => {
    const server = await backend({ status: 200, streamBytes: MAX_RESPONSE_BYTES });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    expect(await server.streams[0]?.done).toBe('complete');
    expect(run.logs).toEqual([]);
    expect(run.appMetadata).toHaveProperty('sync_hash');
  });
});
