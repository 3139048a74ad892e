/**
 * The least time calls take at our share of the buckets Auth0 gives endpoint groups of their own
 * (groups.ts): what the plan says a deploy will take at the least, and the floor the scale benchmark
 * sets its first deploy against. A thousand organization creates at half of 150 a minute take 13 minutes
 * however few the tenant's other calls are.
 */
import { endpointGroup } from './groups';
import type { BucketLimit } from './token-bucket';

/** Our part of a documented limit: `share` of its refill, and of its burst (at least one call). */
export function shareOfLimit(limit: BucketLimit, share: number): BucketLimit {
  return { capacity: Math.max(1, share * limit.capacity), perSecond: share * limit.perSecond };
}

export interface GroupFloor {
  /** The endpoint group, e.g. `organizations: write`. */
  group: string;
  calls: number;
  /** Our pace in it: `share` of its documented refill. */
  perSecond: number;
  /** The least time its calls take: those beyond our part of its burst, at our pace. */
  seconds: number;
}

/**
 * Per endpoint group with a bucket of its own, the least time `callsByRoute` (`'POST /organizations': 3`,
 * paths with or without `/api/v2`) take at `share` of it; the slowest first. Calls of other groups are
 * bounded by the tenant's bucket alone, which the caller sets beside these.
 */
export function groupFloors(callsByRoute: Readonly<Record<string, number>>, share: number): GroupFloor[] {
  const byGroup = new Map<string, { calls: number; limit: BucketLimit }>();
  for (const [route, calls] of Object.entries(callsByRoute)) {
    const [method = '', path = ''] = route.split(' ');
    const group = endpointGroup(method, path);
    if (!group.limit) continue;
    const entry = byGroup.get(group.name) ?? { calls: 0, limit: shareOfLimit(group.limit, share) };
    entry.calls += calls;
    byGroup.set(group.name, entry);
  }
  return [...byGroup]
    .map(([group, { calls, limit }]) => ({
      group,
      calls,
      perSecond: limit.perSecond,
      seconds: Math.max(0, calls - limit.capacity) / limit.perSecond,
    }))
    .sort((a, b) => b.seconds - a.seconds);
}
