import { describe, expect, it } from 'vitest';
import { formatTraffic, formatWriteBudget, writeBudget, writeRoutesOf } from './traffic-report';

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

  it("counts the organizations' own bucket: a thousand creates take 13 minutes, whatever the tenant's rate", () => {
    const changes = [
      ...Array.from({ length: 1000 }, () => ({ type: 'organizations', action: 'create' as const })),
      ...Array.from({ length: 3000 }, () => ({ type: 'clients', action: 'create' as const })),
      { type: 'organizations', action: 'delete' as const },
    ];
    const callsByRoute = writeRoutesOf(changes);
    expect(callsByRoute).toEqual({ 'POST /organizations': 1000, 'DELETE /organizations/:id': 1 });

    const budget = writeBudget(
      changes.length,
      { ...traffic, budgetPerSecond: 25 },
      { callsByRoute, share: 0.5 },
    );
    // Half of 150 a minute, the burst of 2.5 spent first: 998.5 calls at 1.25 a second.
    expect(budget.seconds).toBeCloseTo(798.8, 1);
    expect(budget.pacedBy).toMatchObject({ group: 'organizations: write', calls: 1001, perSecond: 1.25 });
    expect(formatWriteBudget(budget)).toBe(
      "the deploy makes at least 4001 write call(s): 798.8 s or more, set by its 1001 call(s) of organizations: write at 1.25 calls/s (its share of Auth0's limit for them); the rest at 25.0 calls/s (its share of the tenant's rate limit)",
    );
    // A few organizations among many other writes: the tenant's pace is the slower one.
    const few = writeBudget(
      4000,
      { ...traffic, budgetPerSecond: 25 },
      {
        callsByRoute: { 'POST /organizations': 3 },
        share: 0.5,
      },
    );
    expect(few).toEqual({ writeCalls: 4000, perSecond: 25, seconds: 160 });
  });
});
