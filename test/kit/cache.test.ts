import { describe, expect, it } from 'vitest';
import { ActionsCache, CACHE_LIMITS, DEFAULT_CACHE_LIFETIME_MS } from '../../scripts/action-api/cache';
import { postLogin } from './post-login';
import { preUserRegistration } from './pre-user-registration';

const NOW = Date.parse('2024-05-14T09:30:00.000Z');

function cache(initial?: Record<string, string>, now = () => NOW) {
  return new ActionsCache({ initial, defaultLifetimeMs: DEFAULT_CACHE_LIFETIME_MS.postLogin, now });
}

describe('ActionsCache', () => {
  it('stores a value and returns its record, with the default lifetime', () => {
    const actionsCache = cache();

    const result = actionsCache.set('jwks', '{"keys":[]}');

    expect(result).toEqual({
      type: 'success',
      record: { value: '{"keys":[]}', expires_at: NOW + 15 * 60 * 1000 },
    });
    expect(actionsCache.get('jwks')).toEqual({ value: '{"keys":[]}', expires_at: NOW + 15 * 60 * 1000 });
    expect(actionsCache.get('missing')).toBeUndefined();
  });

  it('keeps the earlier of ttl and expires_at, and never more than 24 hours', () => {
    const actionsCache = cache();

    expect(actionsCache.set('a', '1', { ttl: 60_000, expires_at: NOW + 120_000 })).toMatchObject({
      record: { expires_at: NOW + 60_000 },
    });
    expect(actionsCache.set('b', '2', { ttl: 48 * 3600_000 })).toMatchObject({
      record: { expires_at: NOW + CACHE_LIMITS.maxLifetimeMs },
    });
  });

  it('forgets expired entries', () => {
    let now = NOW;
    const actionsCache = cache(undefined, () => now);
    actionsCache.set('otp-attempts', '3', { ttl: 1000 });

    now += 1000;

    expect(actionsCache.get('otp-attempts')).toBeUndefined();
  });

  it('refuses a key over 64 bytes and a value over 4 kB with the documented error codes', () => {
    const actionsCache = cache();

    expect(actionsCache.set('k'.repeat(65), 'v')).toEqual({ type: 'error', code: 'CacheKeySizeExceeded' });
    expect(actionsCache.set('é'.repeat(33), 'v')).toEqual({ type: 'error', code: 'CacheKeySizeExceeded' });
    expect(actionsCache.set('k'.repeat(64), 'v'.repeat(4096))).toMatchObject({ type: 'success' });
    expect(actionsCache.set('big', 'v'.repeat(4097))).toEqual({
      type: 'error',
      code: 'CacheValueSizeExceeded',
    });
  });

  it('refuses a 21st entry', () => {
    const actionsCache = cache();
    for (let i = 1; i <= 20; i++)
      expect(actionsCache.set(`key-${i}`, 'v')).toMatchObject({ type: 'success' });

    expect(actionsCache.set('key-21', 'v')).toEqual({ type: 'error', code: 'CacheSizeExceeded' });
    expect(actionsCache.set('key-20', 'replaced')).toMatchObject({ type: 'success' });
  });

  it('refuses a write that takes keys and values together over 8 kB', () => {
    const actionsCache = cache({ first: 'v'.repeat(4000) });
    expect(actionsCache.set('second', 'v'.repeat(4000))).toMatchObject({ type: 'success' });

    expect(actionsCache.set('third', 'v'.repeat(200))).toEqual({ type: 'error', code: 'CacheSizeExceeded' });
    expect(actionsCache.contents()).not.toHaveProperty('third');
  });

  it('refuses invalid and past expiries', () => {
    const actionsCache = cache();

    expect(actionsCache.set('a', '1', { ttl: -5 })).toEqual({ type: 'error', code: 'InvalidExpiry' });
    expect(actionsCache.set('a', '1', { expires_at: NOW - 1 })).toEqual({
      type: 'error',
      code: 'ItemAlreadyExpired',
    });
  });

  it('deletes, and says when there was nothing to delete', () => {
    const actionsCache = cache({ session: 'abc' });

    expect(actionsCache.delete('session')).toEqual({ type: 'success' });
    expect(actionsCache.delete('session')).toEqual({ type: 'error', code: 'CacheKeyDoesNotExist' });
    expect(actionsCache.operations.map((operation) => operation.op)).toEqual(['delete', 'delete']);
  });
});

describe('the cache in a run', () => {
  it('starts from the entries the test gives and shows what the handler left', async () => {
    const login = postLogin({}, { cache: { 'risk:auth0|65f1c0ffee0000000000a1b2': 'high' } });

    await login.run((event, api) => {
      const previous = api.cache.get(`risk:${event.user.user_id}`);
      api.cache.set('seen', previous?.value ?? 'none');
    });

    expect(login.cacheContents).toEqual({ 'risk:auth0|65f1c0ffee0000000000a1b2': 'high', seen: 'high' });
  });

  it('uses the 24-hour default lifetime in pre-user-registration', async () => {
    const signup = preUserRegistration();

    await signup.run((_event, api) => {
      api.cache.set('signups', '1');
    });

    expect(signup.cache.get('signups')?.expires_at).toBe(NOW + 24 * 3600_000);
  });
});
