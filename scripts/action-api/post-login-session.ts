/**
 * Recording `api.session` and `api.refreshToken` (Enterprise features), with the validation Auth0's runtime
 * applies: metadata of at most 25 keys made of letters, digits, `_` and `-`, string values of at most 255
 * characters; expirations must be given; the session API needs an existing session.
 */
import type {
  Event,
  RefreshTokenAPI,
  SessionAPI,
  SessionRevocationOptions,
} from '../../actions/types/post-login/v3';
import type { Violation } from './violations';

export interface SessionRecord {
  revoked: false | { reason: string; options?: SessionRevocationOptions };
  /** The earliest absolute expiry set, ms since the epoch. */
  expiresAt?: number;
  idleExpiresAt?: number;
  cookieMode?: 'persistent' | 'non-persistent';
  /** The session's metadata after the handler's writes. */
  metadata: Record<string, string>;
}

export interface RefreshTokenRecord {
  revoked: false | { reason: string };
  expiresAt?: number;
  idleExpiresAt?: number;
  metadata: Record<string, string>;
}

export interface SessionHooks {
  /** `revoke` also denies the login (or the refresh token exchange). */
  deny(reason: string): void;
  violation(violation: Violation): void;
}

const MAX_METADATA_KEYS = 25;
const MAX_METADATA_LENGTH = 255;
const METADATA_KEY = /^[a-zA-Z0-9_-]{1,255}$/;

/** Why `metadata` is not acceptable to Auth0, or undefined. */
function metadataProblem(metadata: Record<string, string>): string | undefined {
  if (Object.keys(metadata).length > MAX_METADATA_KEYS)
    return 'Metadata must not contain more than 25 entries';
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key))
      return 'Metadata keys may only include letters, numbers, underscores, or hyphens';
    if (value.length > MAX_METADATA_LENGTH) return 'All metadata values must be at most 255 characters long';
    if (value.includes('\x00')) return 'Metadata values must not contain null bytes (\\x00)';
  }
  return undefined;
}

/** Applies `setMetadata(key, value)` to a copy of `metadata`, throwing as Auth0 does for invalid input. */
function withMetadata(
  metadata: Record<string, string>,
  key: unknown,
  value: unknown,
): Record<string, string> {
  if (typeof key !== 'string') throw new Error('Invalid metadata: Metadata key must be a string');
  const next = { ...metadata };
  if (value === null) {
    delete next[key];
    return next;
  }
  if (typeof value !== 'string') throw new Error('Invalid metadata: Metadata value must be a string');
  next[key] = value;
  const problem = metadataProblem(next);
  if (problem) throw new Error(`Invalid metadata: ${problem}`);
  return next;
}

function requireTime(value: number): number {
  if (!value) throw new Error('Either inactivity or absolute expiration time must be provided');
  return value;
}

const earliest = (current: number | undefined, next: number) =>
  current === undefined ? next : Math.min(current, next);

export function createSessionApi(event: Event, record: SessionRecord, hooks: SessionHooks): SessionAPI {
  return {
    revoke(reason, options) {
      record.revoked = options === undefined ? { reason } : { reason, options };
      hooks.deny(reason);
    },
    setExpiresAt(absolute) {
      record.expiresAt = earliest(record.expiresAt, requireTime(absolute));
    },
    setIdleExpiresAt(inactivity) {
      record.idleExpiresAt = earliest(record.idleExpiresAt, requireTime(inactivity));
    },
    setCookieMode(mode) {
      if (mode !== 'persistent' && mode !== 'non-persistent') {
        throw new Error(
          `Invalid cookie mode: ${String(mode)}. Valid values are 'persistent' and 'non-persistent'.`,
        );
      }
      record.cookieMode = mode;
      if (event.session) event.session.cookie = { mode };
    },
    setMetadata(key, value) {
      if (!event.session) {
        throw new Error(
          'Failed to set session metadata: Cannot set metadata on a session that does not exist.',
        );
      }
      try {
        record.metadata = withMetadata(record.metadata, key, value);
      } catch (error) {
        throw new Error(`Failed to set session metadata: ${(error as Error).message}`);
      }
      event.session.metadata = { ...record.metadata };
    },
    deleteMetadata(key) {
      if (!event.session) return;
      const { [key]: _removed, ...rest } = record.metadata;
      record.metadata = rest;
      event.session.metadata = { ...rest };
    },
    evictMetadata() {
      if (!event.session) return;
      record.metadata = {};
      event.session.metadata = {};
    },
  };
}

export function createRefreshTokenApi(
  event: Event,
  record: RefreshTokenRecord,
  hooks: SessionHooks,
): RefreshTokenAPI {
  return {
    revoke(reason) {
      if (event.transaction?.protocol !== 'oauth2-refresh-token') {
        hooks.violation({
          rule: 'refresh-token-revoke-outside-refresh',
          message:
            'refreshToken.revoke() works only in a refresh token exchange (protocol oauth2-refresh-token)',
        });
      }
      record.revoked = { reason };
      hooks.deny(reason);
    },
    setExpiresAt(absolute) {
      record.expiresAt = earliest(record.expiresAt, requireTime(absolute));
    },
    setIdleExpiresAt(inactivity) {
      record.idleExpiresAt = earliest(record.idleExpiresAt, requireTime(inactivity));
    },
    setMetadata(key, value) {
      try {
        record.metadata = withMetadata(record.metadata, key, value);
      } catch (error) {
        throw new Error(`Failed to set refresh token metadata: ${(error as Error).message}`);
      }
      if (event.refresh_token) event.refresh_token.metadata = { ...record.metadata };
    },
    deleteMetadata(key) {
      const { [key]: _removed, ...rest } = record.metadata;
      record.metadata = rest;
      if (event.refresh_token) event.refresh_token.metadata = { ...rest };
    },
    evictMetadata() {
      record.metadata = {};
      if (event.refresh_token) event.refresh_token.metadata = {};
    },
  };
}
