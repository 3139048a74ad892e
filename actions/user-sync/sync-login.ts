/**
 * user-sync's test helpers (tests only; the Action never imports this): fake backends closed after each
 * test, and a login whose secrets point at one.
 */
import { afterEach } from 'vitest';
import { type PostLoginOverrides, postLogin } from '../../test/kit';
import { type FakeSyncServer, type Reply, startFakeSyncServer } from './fake-sync-server';
import type { Secrets } from './index';
import { syncHash, syncPayload } from './payload';

export const TOKEN = 'sync-token-7f3a9c1e5b2d4a6f8e0c';

const servers: FakeSyncServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fake backend answering with `replies` (see `startFakeSyncServer`), closed after the test. */
export async function backend(...replies: Reply[]): Promise<FakeSyncServer> {
  const server = await startFakeSyncServer(replies.length > 0 ? replies : undefined);
  servers.push(server);
  return server;
}

/** A login whose user-sync secrets point at `url`, with the longest budget so a busy machine cannot fail a happy story; timeout stories set a short one. */
export function syncLogin(url: string, overrides: PostLoginOverrides<Partial<Secrets>> = {}) {
  return postLogin.with<Secrets>({
    secrets: { USER_SYNC_URL: url, USER_SYNC_TOKEN: TOKEN, USER_SYNC_TIMEOUT_MS: '5000' },
  })(overrides);
}

export const hashOf = (run: ReturnType<typeof syncLogin>) => syncHash(syncPayload(run.event.user));
export const messages = (run: ReturnType<typeof syncLogin>) => run.logs.map((entry) => entry.message);
