/**
 * Keeps the engine's Management API calls under a share of the tenant's rate-limit budget, so that a
 * deploy leaves the rest to live traffic (Actions, user sync, support tools) instead of bursting into
 * Auth0's limit and retrying after the 429. Every call first takes a token from our own buckets:
 * - the tenant-wide one, `share` of what the tenant's answers announce (x-ratelimit-limit as the burst,
 *   the refill rate worked out from x-ratelimit-remaining and x-ratelimit-reset), and never more than
 *   what the tenant says is left beyond the part of it kept for others;
 * - the bucket of its endpoint group where Auth0 documents one (organizations, ...), `share` of it.
 * Limits and header semantics: scripts/rate-limits/ (the one list, which the local tenant enforces).
 */
import {
  type EndpointGroup,
  GroupBuckets,
  type RateLimitState,
  shareOfLimit,
  TokenBucket,
} from '../rate-limits/index';
import { UserError } from '../user-error';

export const DEFAULT_RATE_SHARE = 0.5;
const RATE_SHARE_VARIABLE = 'AUTH0_RATE_SHARE';

/**
 * Until the first answer: deploy-cli's own pace (8 calls per second, its API_FREQUENCY_PER_SECOND), which
 * this pacer stands in for. Auth0 sends its rate-limit headers on every Management API answer; a tenant
 * whose first answer has none enforces no limit (a local tenant started without one), and is not paced
 * at all, documented group limits included, unless a later answer announces one (a 429 still holds).
 */
const UNANNOUNCED = { capacity: 8, perSecond: 8 };

export interface PacingCounts {
  /** Calls per endpoint group (scripts/rate-limits/groups.ts names them). */
  byGroup: Record<string, number>;
  /** Time during which at least one call waited for budget, in milliseconds. */
  waitedMs: number;
  /** Our sustained pace: `share` of the tenant's refill rate, once an answer has announced its limit. */
  budgetPerSecond?: number;
}

export interface PacerOptions {
  share: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class Pacer {
  private readonly share: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tenant: TokenBucket;
  private readonly groups: GroupBuckets;
  /** The fastest refill of the tenant's bucket its answers have shown (requests per second). */
  private tenantRate = 0;
  private inFlight = 0;
  /** Whether some answer has announced the tenant's limit. */
  private announced = false;
  /** Whether the first answer came without rate-limit headers, and no answer has shown a limit since. */
  private unlimited = false;
  private answered = false;
  private waiting = 0;
  private waitingSince = 0;
  /** Calls asleep for budget, woken early when an answer tells more (no limit at all, a larger one). */
  private sleepers: (() => void)[] = [];
  private counts: PacingCounts = { byGroup: {}, waitedMs: 0 };

  constructor(options: PacerOptions) {
    this.share = options.share;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tenant = new TokenBucket(UNANNOUNCED, this.now);
    this.groups = new GroupBuckets(this.now, (limit) => shareOfLimit(limit, this.share));
  }

  /** Waits until a call of `group` (endpointGroup of its method and path) fits the budget and takes its tokens. */
  async acquire(group: EndpointGroup): Promise<void> {
    const own = this.unlimited ? undefined : this.groups.bucketOf(group);
    for (;;) {
      if (this.unlimited) break;
      const wait = Math.max(this.tenant.msUntilToken(), own?.msUntilToken() ?? 0);
      if (wait === 0) break;
      this.startWaiting();
      try {
        await Promise.race([this.sleep(wait), new Promise<void>((wake) => this.sleepers.push(wake))]);
      } finally {
        this.stopWaiting();
      }
    }
    if (!this.unlimited) this.tenant.take();
    own?.take();
    this.inFlight += 1;
    this.counts.byGroup[group.name] = (this.counts.byGroup[group.name] ?? 0) + 1;
  }

  /** What the answer to a call of `group` said about the budget (`state` undefined: it said nothing). */
  settle(group: EndpointGroup, status: number | undefined, state: RateLimitState | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!this.answered && status !== undefined && status < 500) {
      this.answered = true;
      this.unlimited = !state && status !== 429;
      // The calls held to deploy-cli's pace until this first answer go on at once if it showed no limit.
      if (this.unlimited) this.wakeSleepers();
    }
    if (status === 429) {
      // Limited after all: paced from here on, starting from an empty bucket.
      this.unlimited = false;
      // The bucket that was empty is empty for us too until it refills: the group's, and the tenant's
      // unless the answer announces the group's own limit.
      this.groups.existing(group)?.holdAtMost(0);
      if (!group.limit || state?.limit !== group.limit.capacity) this.tenant.holdAtMost(0);
      return;
    }
    if (!state) return;
    // A group's answer may announce the group's bucket: only other answers describe the tenant's.
    if (group.limit) return;
    this.unlimited = false;
    this.learnTenant(state);
  }

  report(): PacingCounts {
    const waitedMs = this.counts.waitedMs + (this.waiting > 0 ? this.now() - this.waitingSince : 0);
    return {
      byGroup: { ...this.counts.byGroup },
      waitedMs,
      ...(this.announced ? { budgetPerSecond: this.tenant.perSecond } : {}),
    };
  }

  reset(): void {
    this.counts = { byGroup: {}, waitedMs: 0 };
    if (this.waiting > 0) this.waitingSince = this.now();
  }

  private learnTenant({ limit, remaining, reset }: RateLimitState): void {
    const secondsToFull = reset - this.now() / 1000;
    // Auth0 rounds the reset up to a whole second: the rate worked out is never above the real one. It
    // is far below it while the bucket is a moment from full (8 missing, reset a second away: 8/s for a
    // tenant of 50/s), and nearer the more of the burst is spent: hence our share of the burst, spent
    // from the start (below); the fastest rate seen is kept.
    if (remaining < limit && secondsToFull > 0) {
      this.tenantRate = Math.max(this.tenantRate, Math.min(limit, (limit - remaining) / secondsToFull));
    }
    // Before the bucket has been seen refilling: assume it refills once a second, held back by `remaining`.
    const rate = this.tenantRate || limit;
    const limits = shareOfLimit({ capacity: limit, perSecond: rate }, this.share);
    // The first announcement: our share of the burst, whole, not as empty as deploy-cli's pace of 8 a
    // second left it (a bucket that starts empty at the 8/s the first answer suggests never learns more:
    // it held a plan of a tenant of 50/s to 4 calls a second for 8 s).
    if (this.announced) this.tenant.setLimit(limits);
    else this.tenant = new TokenBucket(limits, this.now);
    this.announced = true;
    // What is left beyond others' part, less what our calls under way will still take.
    this.tenant.holdAtMost(remaining - (1 - this.share) * limit - this.inFlight);
    // A larger limit than the one a sleeping call worked its wait out from: it works it out again.
    this.wakeSleepers();
  }

  private wakeSleepers(): void {
    for (const wake of this.sleepers.splice(0)) wake();
  }

  private startWaiting(): void {
    if (this.waiting === 0) this.waitingSince = this.now();
    this.waiting += 1;
  }

  private stopWaiting(): void {
    this.waiting -= 1;
    if (this.waiting === 0) this.counts.waitedMs += this.now() - this.waitingSince;
  }
}

/** A share of the budget is more than 0 and at most 1. */
export class RateShareError extends UserError {}

/** `--rate-share`, else AUTH0_RATE_SHARE, else 0.5; anything else than a number in (0, 1] is refused. */
export function resolveRateShare(
  flag: unknown,
  variables: Readonly<Record<string, string | undefined>>,
): number {
  const [raw, source] =
    typeof flag === 'string' ? [flag, '--rate-share'] : [variables[RATE_SHARE_VARIABLE], RATE_SHARE_VARIABLE];
  if (raw === undefined || raw === '') return DEFAULT_RATE_SHARE;
  const share = Number(raw);
  if (raw.trim() === '' || !(share > 0 && share <= 1)) {
    throw new RateShareError(
      `${source} must be a number above 0 and at most 1 (the share of the tenant's rate limit a command may use), not "${raw}"`,
    );
  }
  return share;
}
