import { describe, expect, it } from 'vitest';
import type { TenantState } from '../state/types';
import { BruteForceCounter } from './brute-force';

const stateWith = (settings: Record<string, unknown>) =>
  ({
    attackProtection: {
      'brute-force-protection': { enabled: true, shields: ['block'], max_attempts: 2, ...settings },
    },
  }) as unknown as TenantState;
const database = { name: 'db', options: { brute_force_protection: true } };

describe('brute-force protection', () => {
  it('blocks the account for the IP at max_attempts, and reports the failure that reached it', () => {
    const state = stateWith({ mode: 'count_per_identifier_and_ip' });
    const counter = new BruteForceCounter();
    expect(counter.fail(state, database, 'Ada@example.com', '10.0.0.1')).toBe(false);
    expect(counter.fail(state, database, 'ada@example.com', '10.0.0.1')).toBe(true);
    expect(counter.isBlocked(state, database, 'ada@example.com', '10.0.0.1')).toBe(true);
    expect(counter.isBlocked(state, database, 'ada@example.com', '10.0.0.2')).toBe(false);
  });

  it('counts per account alone in count_per_identifier mode, and a success resets the count', () => {
    const state = stateWith({ mode: 'count_per_identifier' });
    const counter = new BruteForceCounter();
    counter.fail(state, database, 'ada@example.com', '10.0.0.1');
    counter.succeed(state, database, 'ada@example.com', '10.0.0.9');
    counter.fail(state, database, 'ada@example.com', '10.0.0.1');
    expect(counter.isBlocked(state, database, 'ada@example.com', '10.0.0.2')).toBe(false);
    counter.fail(state, database, 'ada@example.com', '10.0.0.3');
    expect(counter.isBlocked(state, database, 'ada@example.com', '10.0.0.2')).toBe(true);
  });

  it('counts nothing from an allowlisted IP, on a connection with it off, or when the tenant turns it off', () => {
    const counter = new BruteForceCounter();
    const allowing = stateWith({ allowlist: ['10.0.0.1'] });
    counter.fail(allowing, database, 'ada@example.com', '10.0.0.1');
    counter.fail(allowing, database, 'ada@example.com', '10.0.0.1');
    expect(counter.isBlocked(allowing, database, 'ada@example.com', '10.0.0.1')).toBe(false);
    const off = { name: 'db', options: { brute_force_protection: false } };
    expect([
      counter.fail(allowing, off, 'x@example.com', '1.1.1.1'),
      counter.fail(allowing, off, 'x@example.com', '1.1.1.1'),
    ]).toEqual([false, false]);
    const disabled = stateWith({ enabled: false });
    counter.fail(disabled, database, 'y@example.com', '1.1.1.1');
    counter.fail(disabled, database, 'y@example.com', '1.1.1.1');
    expect(counter.isBlocked(disabled, database, 'y@example.com', '1.1.1.1')).toBe(false);
  });

  it('counts but never blocks without the block shield', () => {
    const state = stateWith({ shields: ['user_notification'] });
    const counter = new BruteForceCounter();
    counter.fail(state, database, 'ada@example.com', '10.0.0.1');
    expect(counter.fail(state, database, 'ada@example.com', '10.0.0.1')).toBe(true);
    expect(counter.isBlocked(state, database, 'ada@example.com', '10.0.0.1')).toBe(false);
  });
});
