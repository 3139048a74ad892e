/**
 * The rate-limit headers Auth0 sends on Management API answers
 * (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-use-cases,
 * "Predict when requests to a tenant will be rate limited"): `x-ratelimit-limit` the most requests the
 * bucket holds, `x-ratelimit-remaining` how many are left in it, `x-ratelimit-reset` the UNIX time (in
 * seconds) at which it is expected to be full again. A 429 also carries `Retry-After` in seconds, which the
 * Management API SDK honours.
 */
import type { TokenBucket } from './token-bucket';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** UNIX seconds. */
  reset: number;
}

/** What a bucket announces now, as header values. */
export function rateLimitHeaders(bucket: TokenBucket, now: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(Math.floor(bucket.capacity)),
    'x-ratelimit-remaining': String(Math.floor(bucket.available())),
    'x-ratelimit-reset': String(Math.ceil((now + bucket.msUntilFull()) / 1000)),
  };
}

/** The three headers of an answer, or undefined when it lacks one or one is not a number. */
export function readRateLimitHeaders(get: (name: string) => string | null): RateLimitState | undefined {
  const values = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((name) =>
    Number(get(name) ?? Number.NaN),
  );
  const [limit, remaining, reset] = values as [number, number, number];
  if (!values.every(Number.isFinite) || limit <= 0) return undefined;
  return { limit, remaining, reset };
}
