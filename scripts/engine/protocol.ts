/**
 * Messages between a command and its engine process (over the IPC channel: nothing here is ever in
 * argv, the environment or a file). One request at a time; the engine answers each with one reply and
 * may send progress lines in between.
 */
import type { BuildOutput } from '../bundle/build-tenant';
import type { TenantState } from '../plan/types';
import type { Credentials } from './choose';

export type Item = Record<string, unknown>;

export type Request =
  /**
   * The build's output (data, not a file: nothing re-reads dist/), through deploy-cli's own YAML
   * handlers, the way deploy-cli loads a tenant.yaml: each section parsed, code files read in.
   */
  | { op: 'load'; build: BuildOutput }
  /**
   * Signs in; every request below needs it.
   * - `caFile`: the only certificate authority to trust (the local tenant's); otherwise Node's own, with
   *   NODE_EXTRA_CA_CERTS.
   * - `rateShare`: the share (0..1] of the tenant's rate-limit budget to keep to.
   * - `bodyFileTypes`: the types whose `body` names a JSON file deploy-cli spreads into the item (forms,
   *   flows), from the registry, which the engine does not load.
   */
  | { op: 'connect'; credentials: Credentials; caFile?: string; rateShare: number; bodyFileTypes: string[] }
  /** The tenant's current resources of these types, as deploy-cli's handlers read them. */
  | { op: 'read'; types: string[] }
  /**
   * Writes through deploy-cli: `assets` holds only what changes (deploy-cli rewrites whatever it is given),
   * `deletes` the current items to delete, per type, in the order to delete them (empty unless deletes
   * are allowed). `readAfter`: the types to read back once written, as `read` reads them; the reply
   * holds them when the engine could read them during the apply (nothing to delete), else none.
   */
  | { op: 'apply'; assets: TenantState; deletes: Record<string, Item[]>; readAfter?: string[] }
  /** deploy-cli's dump of these types into `folder`, then loaded back. */
  | { op: 'dump'; folder: string; types: string[] }
  | { op: 'close' };

export interface EngineCounts {
  created: number;
  updated: number;
  deleted: number;
}

/** What the engine's HTTP layer saw while serving a request. */
export interface TrafficCounts {
  reads: number;
  writes: number;
  /** 429 and 5xx answers (retried by the SDK) and dropped connections (retried by us when safe). */
  faults: number;
  /** Calls per endpoint group (scripts/rate-limits/), retries included. */
  byGroup: Record<string, number>;
  /** How long calls waited for rate-limit budget (the time at least one waited), in milliseconds. */
  waitedMs: number;
  /** The pace the calls kept to (share of the tenant's rate), when the tenant announced its limit. */
  budgetPerSecond?: number;
}

export type Reply =
  | { op: 'loaded'; state: TenantState }
  | { op: 'connected' }
  | { op: 'state'; state: TenantState; traffic: TrafficCounts }
  | { op: 'applied'; counts: Record<string, EngineCounts>; traffic: TrafficCounts; state?: TenantState }
  | { op: 'dumped'; state: TenantState; traffic: TrafficCounts }
  | { op: 'closed' }
  | { op: 'failed'; message: string; traffic?: TrafficCounts; counts?: Record<string, EngineCounts> };

export type Message = Reply | { op: 'progress'; line: string };
