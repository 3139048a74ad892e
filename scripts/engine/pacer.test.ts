import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../local-tenant/rate-limit';
import {
  endpointGroup,
  rateLimitHeaders,
  readRateLimitHeaders,
  TENANT_LIMITS,
  TokenBucket,
} from '../rate-limits/index';
import { Pacer, resolveRateShare } from './pacer';

/** A clock that only moves when the pacer sleeps: every wait is recorded, none is real. */
function fakeTime(start = 5_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => (now += ms),
  };
}

/** Calls made one after another through the pacer against the local tenant's limiter, on the same clock. */
async function drive(pacer: Pacer, limiter: RateLimiter, calls: [string, string][]) {
  const statuses: number[] = [];
  for (const [method, path] of calls) {
    const group = endpointGroup(method, `/api/v2${path}`);
    await pacer.acquire(group);
    const decision = limiter.admit(method, path);
    const headers = decision.allowed ? decision.headers : decision.error.headers;
    const status = decision.allowed ? 200 : 429;
    statuses.push(status);
    pacer.settle(
      group,
      status,
      readRateLimitHeaders((name) => headers[name] ?? null),
    );
  }
  return statuses;
}

/**
 * Eight calls at a time, each answered 50 ms after it goes, against a tenant bucket, on a virtual clock:
 * the calls per second that succeed from 10 s to 40 s (the burst spent by then), and the 429s.
 */
async function steadyPace(limit: { capacity: number; perSecond: number }, share: number) {
  let now = 1_000_000_300;
  const queue: { at: number; wake: () => void }[] = [];
  const after = (ms: number) =>
    new Promise<void>((wake) => {
      queue.push({ at: now + ms, wake });
      queue.sort((a, b) => a.at - b.at);
    });
  const tenant = new TokenBucket(limit, () => now);
  const pacer = new Pacer({ share, now: () => now, sleep: after });
  const group = endpointGroup('GET', '/api/v2/clients');
  const start = now;
  let steady = 0;
  let limited = 0;
  const caller = async () => {
    for (;;) {
      await pacer.acquire(group);
      await after(50);
      const took = tenant.take();
      if (!took) limited += 1;
      else if (now - start >= 10_000) steady += 1;
      const headers = rateLimitHeaders(tenant, now);
      pacer.settle(
        group,
        took ? 200 : 429,
        readRateLimitHeaders((name) => headers[name] ?? null),
      );
    }
  };
  for (let i = 0; i < 8; i++) void caller();
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  await flush();
  while (queue.length > 0 && (queue[0]?.at ?? 0) <= start + 40_000) {
    const next = queue.shift();
    if (!next) break;
    now = next.at;
    next.wake();
    await flush();
  }
  return { perSecond: steady / 30, limited };
}

describe('the pacer', () => {
  it("keeps to its share of a production tenant's refill (a burst of 50, 16 a second), calls in parallel", async () => {
    const pace = await steadyPace(TENANT_LIMITS.production, 0.5);
    expect(pace.limited).toBe(0);
    // Half of 16 a second: the other half of the refill is live traffic's.
    expect(pace.perSecond).toBeGreaterThan(0.8 * 8);
    expect(pace.perSecond).toBeLessThan(1.1 * 8);
  });

  it('keeps to its share of a tenant that refills its whole burst every second (the local 50/s)', async () => {
    const pace = await steadyPace({ capacity: 50, perSecond: 50 }, 0.5);
    expect(pace.limited).toBe(0);
    expect(pace.perSecond).toBeGreaterThan(0.8 * 25);
    expect(pace.perSecond).toBeLessThan(1.1 * 25);
  });

  it('lets the calls held before the first answer go at once when that answer shows no limit', async () => {
    // Sleeps that never end: a call that goes on was woken, not timed out.
    const sleeps: number[] = [];
    const pacer = new Pacer({ share: 0.5, sleep: (ms) => new Promise(() => sleeps.push(ms)) });
    const group = endpointGroup('GET', '/api/v2/email-templates/welcome_email');
    const started: number[] = [];
    const calls = Array.from({ length: 12 }, (_, index) =>
      pacer.acquire(group).then(() => started.push(index)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    // deploy-cli's own pace until an answer says more: a burst of 8.
    expect(started).toHaveLength(8);
    expect(sleeps.length).toBe(4);

    pacer.settle(group, 200, undefined);
    await Promise.all(calls);

    expect(started).toHaveLength(12);
  });

  it('learns the limit from the first answer and keeps to its share: no 429 from a tenant of 10/s', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    const limiter = new RateLimiter({ perSecond: 10 }, time.now);
    const statuses = await drive(
      pacer,
      limiter,
      Array.from({ length: 40 }, () => ['PATCH', '/clients/x']),
    );
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    const report = pacer.report();
    expect(report.byGroup).toEqual({ clients: 40 });
    expect(report.waitedMs).toBeGreaterThan(0);
    // Never faster than half of 10/s: 40 calls, a burst of at most 5 at the start.
    expect(time.now() - 5_000_000).toBeGreaterThanOrEqual(((40 - 5) / 5) * 1000 - 1);
    expect(report.budgetPerSecond).toBeLessThanOrEqual(5);
  });

  it("keeps to its share of a production tenant's refill (a burst of 50, 16 a second), not of its burst", async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    // Auth0's documented production limit: what is left of the refill is live traffic's.
    const bucket = new TokenBucket(TENANT_LIMITS.production, time.now);
    const statuses: number[] = [];
    const group = endpointGroup('GET', '/api/v2/clients');
    for (let call = 0; call < 300; call++) {
      await pacer.acquire(group);
      const status = bucket.take() ? 200 : 429;
      statuses.push(status);
      const headers = rateLimitHeaders(bucket, time.now());
      pacer.settle(
        group,
        status,
        readRateLimitHeaders((name) => headers[name] ?? null),
      );
    }

    expect(statuses.filter((status) => status === 429)).toEqual([]);
    // Half of 16 a second once the burst is spent: 300 calls take at least (300 - 50) / 8 s.
    expect((time.now() - 5_000_000) / 1000).toBeGreaterThanOrEqual((300 - 50) / 8);
  });

  it("keeps organization writes to its share of the group's own bucket", async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    const limiter = new RateLimiter({ perSecond: 100 }, time.now);
    const statuses = await drive(
      pacer,
      limiter,
      Array.from({ length: 12 }, () => ['POST', '/organizations']),
    );
    expect(statuses).not.toContain(429);
    expect(pacer.report().byGroup).toEqual({ 'organizations: write': 12 });
    // Half of 150 a minute: 1.25 a second once its burst (half of 5) is spent.
    expect(time.sleeps.every((ms) => ms <= 800)).toBe(true);
  });

  it('leaves the tenant alone once live traffic has spent the part kept for others', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    await pacer.acquire(endpointGroup('GET', '/api/v2/clients'));
    // Live traffic left 3 of 50: our half is gone, we wait for the refill.
    pacer.settle(endpointGroup('GET', '/api/v2/clients'), 200, {
      limit: 50,
      remaining: 3,
      reset: time.now() / 1000 + 3,
    });
    await pacer.acquire(endpointGroup('GET', '/api/v2/clients'));
    expect(time.sleeps.length).toBeGreaterThan(0);
  });

  it('empties its bucket after a 429, and starts at deploy-cli’s 8 a second while the tenant says nothing', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    for (let i = 0; i < 8; i++) await pacer.acquire(endpointGroup('GET', '/api/v2/roles'));
    expect(time.sleeps).toEqual([]);
    await pacer.acquire(endpointGroup('GET', '/api/v2/roles'));
    expect(time.sleeps).toEqual([125]);
    pacer.settle(endpointGroup('GET', '/api/v2/roles'), 429, undefined);
    await pacer.acquire(endpointGroup('GET', '/api/v2/roles'));
    expect(time.sleeps).toEqual([125, 125]);
    expect(pacer.report().budgetPerSecond).toBeUndefined();
  });

  it('stops pacing once the first success comes without headers, until a 429', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    await pacer.acquire(endpointGroup('GET', '/api/v2/roles'));
    // An error answer without headers (a proxy's 503) is no sign of a tenant without a limit.
    pacer.settle(endpointGroup('GET', '/api/v2/roles'), 503, undefined);
    for (let i = 0; i < 7; i++) await pacer.acquire(endpointGroup('GET', '/api/v2/roles'));
    await pacer.acquire(endpointGroup('GET', '/api/v2/roles'));
    expect(time.sleeps).toEqual([125]);
    // A tenant with no limit to announce (a local tenant started without one): nothing to take a share of.
    pacer.settle(endpointGroup('GET', '/api/v2/roles'), 200, undefined);
    for (let i = 0; i < 50; i++) await pacer.acquire(endpointGroup('GET', '/api/v2/clients'));
    expect(time.sleeps).toEqual([125]);
    // Nor are Auth0's documented group buckets: a tenant that enforces no limit enforces none of them.
    for (let i = 0; i < 10; i++) await pacer.acquire(endpointGroup('POST', '/api/v2/organizations'));
    expect(time.sleeps).toEqual([125]);
    // A refusal says there is a limit after all: the tenant bucket paces again.
    pacer.settle(endpointGroup('GET', '/api/v2/clients'), 429, undefined);
    await pacer.acquire(endpointGroup('GET', '/api/v2/clients'));
    expect(time.sleeps).toHaveLength(2);
  });
});

describe('the rate share', () => {
  it('is --rate-share, else AUTH0_RATE_SHARE, else 0.5, and refuses what is not in (0, 1]', () => {
    expect(resolveRateShare(undefined, {})).toBe(0.5);
    expect(resolveRateShare(undefined, { AUTH0_RATE_SHARE: '0.25' })).toBe(0.25);
    expect(resolveRateShare('1', { AUTH0_RATE_SHARE: '0.25' })).toBe(1);
    expect(() => resolveRateShare('0', {})).toThrow('--rate-share must be a number above 0 and at most 1');
    expect(() => resolveRateShare(undefined, { AUTH0_RATE_SHARE: 'half' })).toThrow(
      'AUTH0_RATE_SHARE must be',
    );
  });
});
