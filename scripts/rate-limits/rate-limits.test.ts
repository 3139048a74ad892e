import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../local-tenant/rate-limit';
import {
  endpointGroup,
  GroupBuckets,
  groupFloors,
  rateLimitHeaders,
  readRateLimitHeaders,
  TokenBucket,
} from './index';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('a token bucket', () => {
  it('gives its burst, then refills at its rate, never above its capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 3, perSecond: 2 }, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilToken()).toBe(500);
    expect(bucket.msUntilFull()).toBe(1500);
    clock.advance(500);
    expect(bucket.take()).toBe(true);
    clock.advance(60_000);
    expect(bucket.available()).toBe(3);
  });

  it('holds no more than another party left, and keeps its fill across a new limit', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 10, perSecond: 10 }, clock.now);
    bucket.holdAtMost(4);
    expect(bucket.available()).toBe(4);
    bucket.setLimit({ capacity: 20, perSecond: 1 });
    expect(bucket.available()).toBe(8);
  });
});

describe("the groups' buckets", () => {
  it('makes one bucket per limited group on its first request, at the scaled limit, and none for the rest', () => {
    const clock = fakeClock();
    const halves = new GroupBuckets(clock.now, (limit) => ({
      capacity: limit.capacity / 2,
      perSecond: limit.perSecond / 2,
    }));
    const write = endpointGroup('POST', '/organizations');
    expect(halves.existing(write)).toBeUndefined();
    const bucket = halves.bucketOf(write);
    expect(bucket?.capacity).toBe(2.5);
    expect(halves.bucketOf(endpointGroup('PATCH', '/organizations/org_1'))).toBe(bucket);
    expect(halves.existing(write)).toBe(bucket);
    expect(halves.bucketOf(endpointGroup('GET', '/clients'))).toBeUndefined();
  });
});

describe("the groups' floors", () => {
  it('sums the calls of each limited group, past our part of its burst at our share of its rate, slowest first', () => {
    const floors = groupFloors(
      {
        'POST /api/v2/organizations': 40,
        'PATCH /organizations/:id': 10,
        'GET /api/v2/organizations/:id/members': 270,
        'POST /api/v2/clients': 5000,
      },
      0.5,
    );
    // 270 member reads, 20 in the burst, at 250 a minute; 50 writes, 2.5 in the burst, at 1.25 a second.
    expect(floors.map(({ group, calls }) => [group, calls])).toEqual([
      ['organization members: read', 270],
      ['organizations: write', 50],
    ]);
    expect(floors[0]?.seconds).toBeCloseTo(60, 6);
    expect(floors[1]).toMatchObject({ perSecond: 1.25, seconds: 38 });
  });
});

describe('the endpoint groups', () => {
  it('names the groups Auth0 gives their own bucket, and the rest by their first segment', () => {
    expect(endpointGroup('GET', '/api/v2/organizations').name).toBe('organizations: list');
    expect(endpointGroup('GET', '/organizations/org_1').name).toBe('organizations: read');
    expect(endpointGroup('GET', '/organizations/name/acme').name).toBe('organizations: read by name');
    expect(endpointGroup('patch', '/organizations/org_1').limit).toEqual({
      capacity: 5,
      perSecond: 150 / 60,
    });
    expect(endpointGroup('POST', '/organizations/org_1/enabled_connections').name).toBe(
      'organization connections: write',
    );
    expect(endpointGroup('PATCH', '/api/v2/clients/abc')).toEqual({ name: 'clients' });
  });
});

describe('the rate-limit headers', () => {
  it('announce the limit, what is left and the UNIX second the bucket is full again, and read back', () => {
    const clock = fakeClock(10_000);
    const bucket = new TokenBucket({ capacity: 4, perSecond: 2 }, clock.now);
    bucket.take();
    const headers = rateLimitHeaders(bucket, clock.now());
    expect(headers).toEqual({
      'x-ratelimit-limit': '4',
      'x-ratelimit-remaining': '3',
      'x-ratelimit-reset': '11',
    });
    expect(readRateLimitHeaders((name) => headers[name] ?? null)).toEqual({
      limit: 4,
      remaining: 3,
      reset: 11,
    });
    expect(readRateLimitHeaders(() => null)).toBeUndefined();
  });
});

describe("the local tenant's limiter", () => {
  it('answers 429 with the headers and Retry-After once the tenant bucket is empty', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ perSecond: 2 }, clock.now);
    expect(limiter.admit('GET', '/clients').allowed).toBe(true);
    expect(limiter.admit('GET', '/clients').allowed).toBe(true);
    const refused = limiter.admit('GET', '/clients');
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.error.statusCode).toBe(429);
    expect(refused.error.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'retry-after': '1' });
    clock.advance(500);
    expect(limiter.admit('GET', '/clients').allowed).toBe(true);
  });

  it("refuses an organization write once its group's burst is spent, though the tenant has budget", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ perSecond: 100 }, clock.now);
    const answers = Array.from({ length: 6 }, () => limiter.admit('POST', '/organizations').allowed);
    expect(answers).toEqual([true, true, true, true, true, false]);
    expect(limiter.admit('GET', '/clients').allowed).toBe(true);
    const groupsOff = new RateLimiter({ perSecond: 100, groups: false }, clock.now);
    expect(Array.from({ length: 6 }, () => groupsOff.admit('POST', '/organizations').allowed)).not.toContain(
      false,
    );
  });
});
