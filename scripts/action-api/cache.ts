/**
 * An in-memory `api.cache` with Auth0's limits ("Actions limitations", cached data): 20 entries per trigger,
 * keys up to 64 bytes, values up to 4 kB, keys and values together up to 8 kB, lifetime up to 24 hours.
 * Over a limit, `set` returns the documented error result (it does not throw), as Auth0's does.
 */
import type {
  CacheAPI,
  CacheDeleteResult,
  CacheRecord,
  CacheSetOptions,
  CacheWriteErrorCode,
  CacheWriteResult,
} from '../../actions/types/cache';

export const CACHE_LIMITS = {
  maxEntries: 20,
  maxKeyBytes: 64,
  maxValueBytes: 4 * 1024,
  maxTotalBytes: 8 * 1024,
  maxLifetimeMs: 24 * 60 * 60 * 1000,
} as const;

/** Default lifetimes when `set` gets neither `ttl` nor `expires_at` (per the official type docs). */
export const DEFAULT_CACHE_LIFETIME_MS = {
  postLogin: 15 * 60 * 1000,
  preUserRegistration: 24 * 60 * 60 * 1000,
} as const;

export type CacheOperation =
  | { op: 'set'; key: string; value: string; result: CacheWriteResult }
  | { op: 'delete'; key: string; result: CacheDeleteResult };

export interface ActionsCacheOptions {
  /** Entries present before the handler runs (e.g. set by an earlier login). */
  initial?: Readonly<Record<string, string>>;
  defaultLifetimeMs: number;
  /** The clock, milliseconds since the epoch. */
  now: () => number;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class ActionsCache implements CacheAPI {
  /** Every `set` and `delete`, with its result, in call order. */
  readonly operations: CacheOperation[] = [];
  readonly #records = new Map<string, CacheRecord>();
  readonly #options: ActionsCacheOptions;

  constructor(options: ActionsCacheOptions) {
    this.#options = options;
    const expiresAt = options.now() + options.defaultLifetimeMs;
    for (const [key, value] of Object.entries(options.initial ?? {})) {
      this.#records.set(key, { value, expires_at: expiresAt });
    }
  }

  get(key: string): CacheRecord | undefined {
    this.#evictExpired();
    const record = this.#records.get(key);
    return record ? { ...record } : undefined;
  }

  set(key: string, value: string, options: CacheSetOptions = {}): CacheWriteResult {
    const result = this.#set(key, value, options);
    this.operations.push({ op: 'set', key, value, result });
    return result;
  }

  delete(key: string): CacheDeleteResult {
    this.#evictExpired();
    const result: CacheDeleteResult = this.#records.delete(key)
      ? { type: 'success' }
      : { type: 'error', code: 'CacheKeyDoesNotExist' };
    this.operations.push({ op: 'delete', key, result });
    return result;
  }

  /** What is cached now, key to value. */
  contents(): Record<string, string> {
    this.#evictExpired();
    return Object.fromEntries([...this.#records].map(([key, record]) => [key, record.value]));
  }

  #set(key: string, value: string, options: CacheSetOptions): CacheWriteResult {
    this.#evictExpired();
    if (typeof key !== 'string' || typeof value !== 'string') return error('FailedToSetCacheRecord');
    if (bytes(key) > CACHE_LIMITS.maxKeyBytes) return error('CacheKeySizeExceeded');
    if (bytes(value) > CACHE_LIMITS.maxValueBytes) return error('CacheValueSizeExceeded');
    const expiresAt = this.#expiry(options);
    if (typeof expiresAt === 'string') return error(expiresAt);
    const others = [...this.#records].filter(([other]) => other !== key);
    if (others.length + 1 > CACHE_LIMITS.maxEntries) return error('CacheSizeExceeded');
    const total = others.reduce((sum, [k, r]) => sum + bytes(k) + bytes(r.value), bytes(key) + bytes(value));
    if (total > CACHE_LIMITS.maxTotalBytes) return error('CacheSizeExceeded');
    const record = { value, expires_at: expiresAt };
    this.#records.set(key, record);
    return { type: 'success', record: { ...record } };
  }

  /** The expiry for `options`, or the error code Auth0 returns for it. */
  #expiry({ ttl, expires_at }: CacheSetOptions): number | CacheWriteErrorCode {
    const now = this.#options.now();
    const candidates: number[] = [now + CACHE_LIMITS.maxLifetimeMs];
    if (ttl !== undefined) {
      if (!Number.isFinite(ttl) || ttl <= 0) return 'InvalidExpiry';
      candidates.push(now + ttl);
    }
    if (expires_at !== undefined) {
      if (!Number.isFinite(expires_at)) return 'InvalidExpiry';
      if (expires_at <= now) return 'ItemAlreadyExpired';
      candidates.push(expires_at);
    }
    if (ttl === undefined && expires_at === undefined) candidates.push(now + this.#options.defaultLifetimeMs);
    return Math.min(...candidates);
  }

  #evictExpired(): void {
    const now = this.#options.now();
    for (const [key, record] of this.#records) if (record.expires_at <= now) this.#records.delete(key);
  }
}

function error(code: CacheWriteErrorCode): CacheWriteResult {
  return { type: 'error', code };
}
