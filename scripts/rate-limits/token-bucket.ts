/**
 * A token bucket, the algorithm Auth0 describes for its limits: a burst of `capacity` requests, refilled
 * at `perSecond` (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy,
 * "rate limit algorithm"). The clock is passed in, so tests step time by hand.
 */
export interface BucketLimit {
  /** The burst: the most requests the bucket holds. */
  capacity: number;
  /** The sustained rate: tokens added per second. */
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private stamp: number;

  constructor(
    private limit: BucketLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.capacity;
    this.stamp = now();
  }

  get capacity(): number {
    return this.limit.capacity;
  }

  get perSecond(): number {
    return this.limit.perSecond;
  }

  /** Tokens in the bucket now (a fraction while it refills). */
  available(): number {
    const at = this.now();
    const elapsed = Math.max(0, at - this.stamp) / 1000;
    this.tokens = Math.min(this.limit.capacity, this.tokens + elapsed * this.limit.perSecond);
    this.stamp = at;
    return this.tokens;
  }

  /** Takes one token when there is a whole one; false (and nothing taken) when the bucket is short. */
  take(): boolean {
    if (this.available() < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a whole token is there (0 when one is). */
  msUntilToken(): number {
    const short = 1 - this.available();
    if (short <= 0) return 0;
    return this.limit.perSecond > 0
      ? Math.ceil((short / this.limit.perSecond) * 1000)
      : Number.POSITIVE_INFINITY;
  }

  /** Milliseconds until the bucket is full again: what `x-ratelimit-reset` announces. */
  msUntilFull(): number {
    const short = this.limit.capacity - this.available();
    return short <= 0 || this.limit.perSecond <= 0 ? 0 : Math.ceil((short / this.limit.perSecond) * 1000);
  }

  /** Never holds more than `most` tokens from now on (others spent them: what the server says is left). */
  holdAtMost(most: number): void {
    this.tokens = Math.min(this.available(), Math.max(0, most));
  }

  /** A new limit, keeping the share of the bucket that is full. */
  setLimit(limit: BucketLimit): void {
    const fill = this.limit.capacity > 0 ? this.available() / this.limit.capacity : 1;
    this.limit = limit;
    this.tokens = Math.min(limit.capacity, fill * limit.capacity);
  }
}
