/**
 * What a command's Management API calls were, for its report: calls per endpoint group (scripts/rate-limits/)
 * and how long they waited for rate-limit budget; and, for a plan, the least time its writes take at the
 * budget the tenant's rate-limit headers announced.
 */
import type { TrafficCounts } from '../engine/protocol';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `12 Management API call(s) (clients 3, organizations: list 1); waited 0.4 s for rate-limit budget`. */
export function formatTraffic(traffic: TrafficCounts): string {
  const groups = Object.entries(traffic.byGroup)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, calls]) => `${group} ${calls}`);
  const total = Object.values(traffic.byGroup).reduce((sum, calls) => sum + calls, 0);
  return (
    `${total} Management API call(s)${groups.length > 0 ? ` (${groups.join(', ')})` : ''}; ` +
    `waited ${seconds(traffic.waitedMs)} for rate-limit budget`
  );
}

export interface WriteBudget {
  /** Write calls the deploy makes: one per create, update and (allowed) delete, at least. */
  writeCalls: number;
  /** Our pace, share of the tenant's announced rate; undefined when the tenant announced none. */
  perSecond?: number;
  /** The least time those calls take at that pace, in seconds. */
  seconds?: number;
}

export function writeBudget(writeCalls: number, traffic: TrafficCounts): WriteBudget {
  const perSecond = traffic.budgetPerSecond;
  if (perSecond === undefined || perSecond <= 0) return { writeCalls };
  return { writeCalls, perSecond, seconds: writeCalls / perSecond };
}

/** `the deploy makes at least 4 write call(s): 0.8 s or more at 5 calls/s (the rate-limit share)`. */
export function formatWriteBudget(budget: WriteBudget): string {
  const head = `the deploy makes at least ${budget.writeCalls} write call(s)`;
  if (budget.perSecond === undefined || budget.seconds === undefined) {
    return `${head}; the tenant announced no rate limit`;
  }
  return `${head}: ${budget.seconds.toFixed(1)} s or more at ${budget.perSecond.toFixed(1)} calls/s (its share of the tenant's rate limit)`;
}
