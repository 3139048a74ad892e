import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../local-tenant/rate-limit';
import { endpointGroup, rateLimitHeaders, readRateLimitHeaders, TokenBucket } from '../rate-limits/index';
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

describe('the pacer', () => {
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

  it('keeps to its share of a tenant of 50/s from the start, not to what one early answer suggests', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    const limiter = new RateLimiter({ perSecond: 50 }, time.now);

    const statuses = await drive(
      pacer,
      limiter,
      Array.from({ length: 250 }, () => ['GET', '/clients']),
    );

    expect(statuses.filter((status) => status === 429)).toEqual([]);
    // 25 a second after a burst of 25: about 9 s. An early answer (1 missing, full "in a second") once
    // made it 0.5 a second.
    const seconds = (time.now() - 5_000_000) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(8.9);
    expect(seconds).toBeLessThan(9.5);
  });

  it('learns a refill slower than the burst once the bucket runs low, and gets no 429', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ share: 0.5, now: time.now, sleep: time.sleep });
    // A burst of 50, refilled at 10 a second.
    const bucket = new TokenBucket({ capacity: 50, perSecond: 10 }, time.now);
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
    // Never above half of what the tenant refills, once learnt: 300 calls take at least (300 - 50) / 10 s.
    expect((time.now() - 5_000_000) / 1000).toBeGreaterThanOrEqual(25);
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
