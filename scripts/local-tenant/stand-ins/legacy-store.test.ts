import { describe, expect, it } from 'vitest';
import { parseLegacyControl } from './legacy-store';

describe("the legacy store's control", () => {
  it('takes users and an outage, and says what is wrong with anything else', () => {
    expect(parseLegacyControl({ outage: 'slow' })).toEqual({ outage: 'slow' });
    expect(
      parseLegacyControl({ users: [{ id: 1, email: 'a@example.com', password: 'Pass1234' }] }),
    ).toMatchObject({
      users: [{ id: 1 }],
    });
    expect(parseLegacyControl({ outage: 'sometimes' })).toBe('"outage" must be "down", "slow" or null');
    expect(parseLegacyControl({ users: [{ id: 1, email: 'a@example.com' }] })).toBe(
      'users[0].password must be a non-empty string',
    );
    expect(parseLegacyControl({ user: [] })).toBe('unknown field user (only "users" and "outage")');
  });
});
