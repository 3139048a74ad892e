import { describe, expect, it } from 'vitest';
import { formatTraffic, formatWriteBudget, writeBudget } from './traffic-report';

const traffic = {
  reads: 3,
  writes: 2,
  faults: 0,
  byGroup: { clients: 3, 'organizations: write': 2 },
  waitedMs: 1250,
};

describe('the traffic report', () => {
  it('gives the calls per endpoint group and the wait for budget', () => {
    expect(formatTraffic(traffic)).toBe(
      '5 Management API call(s) (clients 3, organizations: write 2); waited 1.3 s for rate-limit budget',
    );
  });

  it('gives the least time the write calls take at the budget, or says the tenant announced none', () => {
    expect(writeBudget(10, { ...traffic, budgetPerSecond: 4 })).toEqual({
      writeCalls: 10,
      perSecond: 4,
      seconds: 2.5,
    });
    expect(formatWriteBudget(writeBudget(10, { ...traffic, budgetPerSecond: 4 }))).toBe(
      "the deploy makes at least 10 write call(s): 2.5 s or more at 4.0 calls/s (its share of the tenant's rate limit)",
    );
    expect(formatWriteBudget(writeBudget(1, traffic))).toBe(
      'the deploy makes at least 1 write call(s); the tenant announced no rate limit',
    );
  });
});
