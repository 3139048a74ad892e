import { describe, expect, it } from 'vitest';
import { postLogin } from '../../test/kit';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, syncTimeoutMs } from './config';
import { idempotencyKey, type SyncPayload, syncHash, syncPayload } from './payload';

const base: SyncPayload = syncPayload(postLogin().event.user);

describe('syncHash', () => {
  it.each<[keyof SyncPayload, unknown]>([
    ['auth0Id', 'auth0|another'],
    ['email', 'jane@new.example.com'],
    ['emailVerified', false],
    ['name', 'Jane Smith'],
    ['picture', 'https://cdn.example.com/jane.png'],
  ])('changes when %s changes', (field, value) => {
    expect(syncHash({ ...base, [field]: value })).not.toBe(syncHash(base));
  });

  it('ignores updatedAt, which Auth0 moves on every login', () => {
    expect(syncHash({ ...base, updatedAt: '2030-01-01T00:00:00.000Z' })).toBe(syncHash(base));
  });

  it('tells a missing field from an empty one', () => {
    expect(syncHash({ ...base, name: null })).not.toBe(syncHash({ ...base, name: '' }));
  });
});

describe('idempotencyKey', () => {
  it('is the same for the same user and content, and differs otherwise', () => {
    const hash = syncHash(base);
    expect(idempotencyKey(base.auth0Id, hash)).toBe(idempotencyKey(base.auth0Id, hash));
    expect(idempotencyKey('auth0|another', hash)).not.toBe(idempotencyKey(base.auth0Id, hash));
    expect(idempotencyKey(base.auth0Id, syncHash({ ...base, name: 'x' }))).not.toBe(
      idempotencyKey(base.auth0Id, hash),
    );
    expect(idempotencyKey(base.auth0Id, hash)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('syncTimeoutMs (USER_SYNC_TIMEOUT_MS)', () => {
  it.each<[string | undefined, number]>([
    [undefined, DEFAULT_TIMEOUT_MS],
    ['', DEFAULT_TIMEOUT_MS],
    ['250', 250],
    [' 3000 ', 3000],
    ['5000', MAX_TIMEOUT_MS],
    ['60000', MAX_TIMEOUT_MS],
    ['2.7', 2],
    ['abc', DEFAULT_TIMEOUT_MS],
    ['0', DEFAULT_TIMEOUT_MS],
    ['-5', DEFAULT_TIMEOUT_MS],
  ])('%j gives %i ms', (raw, expected) => {
    expect(syncTimeoutMs(raw)).toBe(expected);
  });

  it('defaults to 1500 ms and caps at 5000 ms', () => {
    expect([DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS]).toEqual([1500, 5000]);
  });
});
