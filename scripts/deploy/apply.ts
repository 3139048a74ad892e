import { wouldWrite } from '../plan/format';
import { planChanges } from '../plan/plan';
import { deletesFor, writesFor } from '../plan/select';
import type { Plan, TenantState } from '../plan/types';
import type { EngineSession } from '../target/engine-session';
import type { EngineCounts, TrafficCounts } from '../target/protocol';

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
  // Only the deletes the first plan showed (and the caller confirmed) may ever be applied.
  const approved = new Set(
    input.plan.changes
      .filter((change) => change.action === 'delete')
      .map((change) => `${change.type}/${change.name}`),
  );
  const counts: Record<string, EngineCounts> = {};
  const traffic: TrafficCounts = { reads: 0, writes: 0, faults: 0 };
  let plan = input.plan;
  let current = input.current;

  for (let round = 1; ; round++) {
    const deletable = plan.changes.filter(
      (change) => change.action !== 'delete' || approved.has(`${change.type}/${change.name}`),
    );
    const allowed: Plan = {
      ...plan,
      changes: input.allowDelete ? deletable : deletable.filter((change) => change.action !== 'delete'),
    };
    try {
      const applied = await input.engine.apply(
        writesFor(allowed, input.desired, current, options),
        deletesFor(allowed, current, options),
      );
      add(traffic, applied.traffic);
      for (const [type, count] of Object.entries(applied.counts)) counts[type] = sum(counts[type], count);
      if (applied.traffic.faults === 0) return { counts, traffic, rounds: round };
      input.onProgress(
        `the tenant answered with ${applied.traffic.faults} fault(s) on the way: reading it again to check`,
      );
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
    const reread = await input.engine.read(input.readTypes);
    add(traffic, reread.traffic);
    current = reread.state;
    plan = planChanges(input.desired, current, options);
    const left = {
      ...plan,
      changes: plan.changes.filter(
        (change) => change.action !== 'delete' || approved.has(`${change.type}/${change.name}`),
      ),
    };
    if (!wouldWrite(left, input.allowDelete)) return { counts, traffic, rounds: round };
    if (round >= maxRounds) {
      throw new Error(`the tenant still differs after ${round} attempts; run the deploy again to finish`);
    }
    input.onProgress(
      `${left.changes.length} change(s) left: applying them (attempt ${round + 1} of ${maxRounds})`,
    );
  }
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
}

function sum(a: EngineCounts | undefined, b: EngineCounts): EngineCounts {
  return {
    created: (a?.created ?? 0) + b.created,
    updated: (a?.updated ?? 0) + b.updated,
    deleted: (a?.deleted ?? 0) + b.deleted,
  };
}
