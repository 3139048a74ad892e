/**
 * post-login `user-sync`: tells our backend about the user's identity fields when they changed, without
 * ever slowing or breaking a login.
 *
 * - Skipped for refresh-token exchanges, and when the fields hash to `app_metadata.sync_hash`.
 * - POST `{ auth0Id, email, emailVerified, name, picture, updatedAt }` to USER_SYNC_URL with
 *   `Authorization: Bearer <USER_SYNC_TOKEN>` and an `Idempotency-Key` (user id + content hash); after a 2xx
 *   the hash is stored in `app_metadata.sync_hash`.
 * - At most USER_SYNC_TIMEOUT_MS (default 1500, capped at 5000) for everything, one retry included
 *   (see `post.ts`); at most 64 kB of any response body is read, past that the request is aborted.
 * - Fails open: any failure logs one line (no token, no body) and the login continues.
 */
import type { PostLoginHandler } from '@auth0/actions/post-login/v3';
import type { AxiosAdapter } from 'axios';
import { syncConfig } from './config';
import { idempotencyKey, syncHash, syncPayload } from './payload';
import { postWithRetry } from './post';

export type Secrets = { USER_SYNC_URL: string; USER_SYNC_TOKEN: string; USER_SYNC_TIMEOUT_MS?: string };

/** The handler, with the HTTP transport replaceable (an in-process axios adapter for the bench). */
export function createUserSyncHandler(transport: { adapter?: AxiosAdapter } = {}): PostLoginHandler<Secrets> {
  return async (event, api) => {
    try {
      if (event.transaction?.protocol === 'oauth2-refresh-token') return;
      const config = syncConfig(event.secrets);
      if ('problem' in config) {
        console.log(`user-sync: not synced: ${config.problem}; login continues`);
        return;
      }
      const body = syncPayload(event.user);
      const hash = syncHash(body);
      if (event.user.app_metadata.sync_hash === hash) return;
      const outcome = await postWithRetry(
        { url: config.url, token: config.token, idempotencyKey: idempotencyKey(body.auth0Id, hash), body },
        { budgetMs: config.timeoutMs, ...transport },
      );
      if (outcome.ok) {
        api.user.setAppMetadata('sync_hash', hash);
        return;
      }
      console.error(
        `user-sync: not synced (${outcome.failure}, ${outcome.attempts} attempt(s)); login continues`,
      );
    } catch (error) {
      const name = error instanceof Error ? error.name : 'non-Error';
      console.error(`user-sync: not synced (unexpected ${name}); login continues`);
    }
  };
}

export const onExecutePostLogin: PostLoginHandler<Secrets> = createUserSyncHandler();
