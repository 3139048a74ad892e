/**
 * The local tenant's rate limits, enforced the way Auth0 enforces them: a token bucket per tenant, and the
 * tighter bucket of the endpoint group a request belongs to where Auth0 has one (scripts/rate-limits/).
 * A request takes a token from both; when either is empty it is answered 429. Every Management API answer
 * carries the x-ratelimit-* headers of the tenant's bucket, a 429 those of the bucket that was empty.
 * Off unless asked for (`rateLimit`): tests and benchmarks that do not ask run unthrottled, and answers
 * then carry no rate-limit headers, as a tenant with no limit to announce.
 */

import { endpointGroup, GroupBuckets, rateLimitHeaders, TokenBucket } from '../rate-limits/index';
import { ApiError } from './http/errors';

export interface RateLimitOptions {
  /** The tenant-wide bucket: this many requests in a burst, refilled at this many per second. */
  perSecond: number;
  /** Also enforce Auth0's per-group buckets (organizations, ...); default true. */
  groups?: boolean;
}

export type RateLimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; error: ApiError };

export class RateLimiter {
  private readonly tenant: TokenBucket;
  private readonly groups: GroupBuckets;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.tenant = new TokenBucket({ capacity: options.perSecond, perSecond: options.perSecond }, now);
    this.groups = new GroupBuckets(now);
  }

  /** Spends the request's tokens, or says which bucket is empty. `path` with or without `/api/v2`. */
  admit(method: string, path: string): RateLimitDecision {
    const group = endpointGroup(method, path);
    const groupBucket = this.options.groups === false ? undefined : this.groups.bucketOf(group);
    const at = this.now();
    for (const bucket of [this.tenant, groupBucket]) {
      if (!bucket || bucket.available() >= 1) continue;
      const retryAfter = Math.max(1, Math.ceil(bucket.msUntilToken() / 1000));
      const message =
        bucket === this.tenant ? 'Global limit has been reached' : `Too many requests (${group.name})`;
      return {
        allowed: false,
        error: new ApiError(429, message, 'too_many_requests', {
          ...rateLimitHeaders(bucket, at),
          'retry-after': String(retryAfter),
        }),
      };
    }
    this.tenant.take();
    groupBucket?.take();
    return { allowed: true, headers: rateLimitHeaders(this.tenant, at) };
  }
}
