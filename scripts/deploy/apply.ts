import { EngineError, type EngineSession } from '../engine/engine-session';
import type { EngineCounts, TrafficCounts } from '../engine/protocol';
import { wouldWrite, writtenChanges } from '../plan/format';
import { planChanges } from '../plan/plan';
import { deletesFor, writesFor } from '../plan/select';
import type { Plan, ResourceChange, TenantState } from '../plan/types';
import { RESOURCE_TYPES } from '../resources/index';

export interface ApplyInput {
  engine: EngineSession;
  /** The sealed desired state. */
  desired: TenantState;
  /** The tenant as read for `plan`. */
  current: TenantState;
  plan: Plan;
  readTypes: string[];
  deployClientId: string;
  allowDelete: boolean;
  onProgress: (line: string) => void;
  /** Apply attempts before giving up (each after the first re-reads the tenant and plans again). */
  rounds?: number;
}

export interface ApplyOutcome {
  /** What deploy-cli reports it created, updated and deleted, per type, over every round. */
  counts: Record<string, EngineCounts>;
  /** Requests the engine made while applying and re-reading. */
  traffic: TrafficCounts;
  rounds: number;
}

/**
 * Applies a plan through deploy-cli, handing it only what changes. When an apply fails part way (a
 * connection dropped on a create, an error the SDK gave up retrying) or met faults on the way (deploy-cli
 * swallows some failed calls), the tenant is read again and what is still left is planned and applied:
 * a plan is computed from the tenant as it is, so repeating it never repeats what already happened.
 */
export async function applyPlan(input: ApplyInput): Promise<ApplyOutcome> {
  const maxRounds = input.rounds ?? 5;
  const options = { deployClientId: input.deployClientId };
  // Only the deletes the first plan showed (and the caller confirmed) may ever be applied, never more
  // of one name than it showed.
  const approved = new Map<string, number>();
  for (const change of input.plan.changes) {
    if (change.action === 'delete')
      approved.set(deleteKey(change), (approved.get(deleteKey(change)) ?? 0) + 1);
  }
  const counts: Record<string, EngineCounts> = {};
  const traffic: TrafficCounts = { reads: 0, writes: 0, faults: 0, byGroup: {}, waitedMs: 0 };
  let plan = input.plan;
  let current = input.current;

  for (let round = 1; ; round++) {
    // Whether deploy-cli reported no error and met no fault in this round.
    let clean = false;
    const deletable = withinApproved(plan.changes, approved);
    const allowed: Plan = {
      ...plan,
      changes: writtenChanges(deletable, input.allowDelete),
    };
    const writes = writesFor(allowed, input.desired, current, options);
    const deletes = deletesFor(allowed, current, options);
    const changedTypes = typesChangedBy(writes, deletes, input.readTypes);
    // Read back by the engine as each step finishes, when it can; otherwise after the apply, below.
    let readBack: TenantState | undefined;
    try {
      const applied = await input.engine.apply(writes, deletes, changedTypes);
      readBack = applied.state;
      add(traffic, applied.traffic);
      for (const [type, count] of Object.entries(applied.counts)) counts[type] = sum(counts[type], count);
      const reading = readBack ? 'read back after the writes' : 'reading it again';
      if (applied.traffic.faults === 0) {
        input.onProgress(`checking that every change took: the tenant ${reading}`);
      } else {
        input.onProgress(
          `the tenant answered with ${applied.traffic.faults} fault(s) on the way: checking it, ${reading}`,
        );
      }
      clean = applied.traffic.faults === 0;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const partial = error as { traffic?: TrafficCounts; counts?: Record<string, EngineCounts> };
      if (partial.traffic) add(traffic, partial.traffic);
      for (const [type, count] of Object.entries(partial.counts ?? {}))
        counts[type] = sum(counts[type], count);
      if (round >= maxRounds || !retryable(failure)) throw failure;
      input.onProgress(
        `apply stopped part way (${firstLine(failure.message)}): reading the tenant again to finish`,
      );
    }
    if (!readBack) {
      const reread = await input.engine.read(changedTypes);
      add(traffic, reread.traffic);
      readBack = reread.state;
    }
    current = { ...current, ...readBack };
    plan = planChanges(input.desired, current, options);
    const left = { ...plan, changes: withinApproved(plan.changes, approved) };
    if (!wouldWrite(left, input.allowDelete)) return { counts, traffic, rounds: round };
    if (clean) {
      // deploy-cli reported no error, yet something did not take (some of its calls only log a failure):
      // repeating the same writes would most likely be dropped the same way.
      const names = writtenChanges(left.changes, input.allowDelete).map(
        (change) => `${change.type} ${JSON.stringify(change.name)}`,
      );
      throw new EngineError(
        `deploy-cli finished without an error, but the tenant still differs for ${names.join(', ')} ` +
          '(see the warnings above): run the plan to see what is left',
        traffic,
        counts,
      );
    }
    if (round >= maxRounds) {
      throw new EngineError(
        `the tenant still differs after ${round} attempts; run the deploy again to finish`,
        traffic,
        counts,
      );
    }
    input.onProgress(
      `${left.changes.length} change(s) left: applying them (attempt ${round + 1} of ${maxRounds})`,
    );
  }
}

/**
 * The types a round can have changed, of those read: the ones it wrote or deleted from, and, after a
 * delete, the ones that refer to the deleted type (Auth0 drops a deleted client from its connections and
 * deletes its grants, drops a deleted action from its trigger's bindings), and what refers to those in
 * turn. A create or an update changes no other type: identities (names) never change in an update, and
 * a new item is only named by items written in the same round. The rest read as they did for the plan:
 * reading them again doubled a deploy's reads (a one-field change to the 3,000-client tenant read it all
 * twice, its 1,000 organizations included). An organization's client grants and clients name clients too,
 * but the plan compares neither.
 */
export function typesChangedBy(
  writes: TenantState,
  deletes: Record<string, unknown[]>,
  readTypes: readonly string[],
): string[] {
  const deletedFrom = new Set(Object.keys(deletes).filter((type) => (deletes[type] ?? []).length > 0));
  // Until nothing more is added: what Auth0 changed because of a delete may itself be named elsewhere.
  for (let size = -1; size !== deletedFrom.size; ) {
    size = deletedFrom.size;
    for (const type of RESOURCE_TYPES) {
      if ((type.references ?? []).some((reference) => deletedFrom.has(reference.to)))
        deletedFrom.add(type.key);
    }
  }
  const touched = new Set([...Object.keys(writes), ...deletedFrom]);
  return readTypes.filter((type) => touched.has(type));
}

function deleteKey(change: ResourceChange): string {
  return `${change.type}/${change.name}`;
}

/** The changes, with no more deletes of each name than the first plan showed. */
function withinApproved(changes: ResourceChange[], approved: ReadonlyMap<string, number>): ResourceChange[] {
  const used = new Map<string, number>();
  return changes.filter((change) => {
    if (change.action !== 'delete') return true;
    const count = (used.get(deleteKey(change)) ?? 0) + 1;
    used.set(deleteKey(change), count);
    return count <= (approved.get(deleteKey(change)) ?? 0);
  });
}

/** Auth0 refusing the request itself (4xx other than 408/429) will refuse it again. */
function retryable(error: Error): boolean {
  return !/Status code: 4(?!08|29)\d\d/.test(error.message);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function add(total: TrafficCounts, more: TrafficCounts): void {
  total.reads += more.reads;
  total.writes += more.writes;
  total.faults += more.faults;
  total.waitedMs += more.waitedMs;
  if (more.budgetPerSecond !== undefined) total.budgetPerSecond = more.budgetPerSecond;
  for (const [group, calls] of Object.entries(more.byGroup)) {
    total.byGroup[group] = (total.byGroup[group] ?? 0) + calls;
  }
}

function sum(a: EngineCounts | undefined, b: EngineCounts): EngineCounts {
  return {
    created: (a?.created ?? 0) + b.created,
    updated: (a?.updated ?? 0) + b.updated,
    deleted: (a?.deleted ?? 0) + b.deleted,
  };
}
