/**
 * What a command's Management API calls were, for its report: calls per endpoint group (scripts/rate-limits/)
 * and how long they waited for rate-limit budget; and, for a plan, the least time its writes take at the
 * budget the tenant's rate-limit headers announced.
 */
import type { TrafficCounts } from '../engine/protocol';
import type { ChangeAction } from '../plan/types';
import { type GroupFloor, groupFloors } from '../rate-limits/index';
import { resourceType } from '../resources/index';

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
  /** The least time those calls take at that pace, or at the slower pace of a group, in seconds. */
  seconds?: number;
  /** The endpoint group whose own bucket makes the deploy slower than the tenant's pace would. */
  pacedBy?: GroupFloor;
}

/**
 * The least time the deploy's writes take: all of them at our share of the tenant's rate, and those in
 * an endpoint group with a bucket of its own (`callsByRoute`, `'POST /organizations': 1000`) at our share
 * of that, whichever is longer. Only a tenant that announced its limit is paced, so only its plan has one.
 */
export function writeBudget(
  writeCalls: number,
  traffic: TrafficCounts,
  groups: { callsByRoute: Readonly<Record<string, number>>; share: number } = { callsByRoute: {}, share: 1 },
): WriteBudget {
  const perSecond = traffic.budgetPerSecond;
  if (perSecond === undefined || perSecond <= 0) return { writeCalls };
  const seconds = writeCalls / perSecond;
  const slowest = groupFloors(groups.callsByRoute, groups.share)[0];
  if (!slowest || slowest.seconds <= seconds) return { writeCalls, perSecond, seconds };
  return { writeCalls, perSecond, seconds: slowest.seconds, pacedBy: slowest };
}

/** `the deploy makes at least 4 write call(s): 0.8 s or more at 5 calls/s (the rate-limit share)`. */
export function formatWriteBudget(budget: WriteBudget): string {
  const head = `the deploy makes at least ${budget.writeCalls} write call(s)`;
  if (budget.perSecond === undefined || budget.seconds === undefined) {
    return `${head}; the tenant announced no rate limit`;
  }
  const tenant = `${budget.perSecond.toFixed(1)} calls/s (its share of the tenant's rate limit)`;
  const paced = budget.pacedBy;
  if (!paced) return `${head}: ${budget.seconds.toFixed(1)} s or more at ${tenant}`;
  return (
    `${head}: ${budget.seconds.toFixed(1)} s or more, set by its ${paced.calls} call(s) of ${paced.group} at ` +
    `${paced.perSecond.toFixed(2)} calls/s (its share of Auth0's limit for them); the rest at ${tenant}`
  );
}

/** Per route (`'POST /organizations'`), the calls the changes make first, where their type names them. */
export function writeRoutesOf(
  changes: readonly { type: string; action: ChangeAction }[],
): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const change of changes) {
    const route = resourceType(change.type)?.writeRoutes?.[change.action];
    if (route !== undefined) calls[route] = (calls[route] ?? 0) + 1;
  }
  return calls;
}
