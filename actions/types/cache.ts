/**
 * `api.cache`, the same in every trigger that has it. Limits (Auth0 "Actions limitations", cached data):
 * at most 20 entries per trigger, keys up to 64 bytes, values up to 4 kB, keys and values together up to
 * 8 kB, and no entry lives longer than 24 hours. The cache is best effort: a later transaction, or an
 * Action scheduled after a redirect, may not see what was set.
 */

export type CacheWriteErrorCode =
  | 'MaxSideEffectsExceeded'
  | 'CacheKeySizeExceeded'
  | 'CacheValueSizeExceeded'
  | 'CacheSizeExceeded'
  | 'ItemAlreadyExpired'
  | 'InvalidExpiry'
  | 'FailedToSetCacheRecord'
  | 'FailedToDeleteCacheRecord'
  | 'CacheKeyDoesNotExist';

/** A cached value and when it expires (milliseconds since the Unix epoch). */
export interface CacheRecord {
  value: string;
  expires_at: number;
}

export interface CacheWriteSuccess {
  type: 'success';
  record: CacheRecord;
}

export interface CacheWriteError {
  type: 'error';
  code: CacheWriteErrorCode;
}

export type CacheWriteResult = CacheWriteSuccess | CacheWriteError;

export interface CacheDeleteSuccess {
  type: 'success';
}

export type CacheDeleteResult = CacheDeleteSuccess | CacheWriteError;

export interface CacheSetOptions {
  /** Absolute expiry, milliseconds since the Unix epoch. If `ttl` is also given, the earlier one wins. */
  expires_at?: number;
  /** Time to live in milliseconds. If `expires_at` is also given, the earlier one wins. */
  ttl?: number;
}

export interface CacheAPI {
  /** Delete the record at `key`, if there is one. */
  delete(key: string): CacheDeleteResult;
  /** The record at `key`, or `undefined` when nothing (unexpired) is cached there. */
  get(key: string): CacheRecord | undefined;
  /**
   * Store a string at `key`. Without `ttl`/`expires_at` the lifetime is the trigger's default (15 minutes for
   * post-login, 24 hours for pre-user-registration, per the official type docs); never more than 24 hours.
   */
  set(key: string, value: string, options?: CacheSetOptions): CacheWriteResult;
}
