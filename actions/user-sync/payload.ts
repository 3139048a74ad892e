/**
 * What user-sync sends, and how it tells whether anything changed since the last sync.
 *
 * The content hash covers the identity fields (auth0Id, email, emailVerified, name, picture) but not
 * `updatedAt`: Auth0 bumps `updated_at` on every login (a login updates last_login), so hashing it would
 * make every login look like a change and defeat the skip.
 */
import { createHash } from 'node:crypto';
import type { PostLoginUser } from '@auth0/actions/post-login/v3';

export interface SyncPayload {
  auth0Id: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  picture: string | null;
  updatedAt: string;
}

export function syncPayload(user: PostLoginUser): SyncPayload {
  return {
    auth0Id: user.user_id,
    email: user.email ?? null,
    emailVerified: user.email_verified === true,
    name: user.name ?? null,
    picture: user.picture ?? null,
    updatedAt: user.updated_at,
  };
}

/** Hex SHA-256 of the synced identity fields, in a fixed order; stored as `app_metadata.sync_hash`. */
export function syncHash(payload: SyncPayload): string {
  const fields = [payload.auth0Id, payload.email, payload.emailVerified, payload.name, payload.picture];
  return sha256(JSON.stringify(fields));
}

/** The same for the same user and content, so the backend can drop a retried or repeated POST. */
export function idempotencyKey(auth0Id: string, hash: string): string {
  return sha256(`user-sync\u0000${auth0Id}\u0000${hash}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
