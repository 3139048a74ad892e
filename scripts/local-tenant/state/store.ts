import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { UserError } from '../../user-error';
import { type SigningKeyRecord, withSigningKey } from '../authentication/signing-key';
import { withDeclaredFields } from './declared-fields';
import { stateProblem } from './schema';
import { managementAudience, seedState } from './seed';
import type { TenantState } from './types';

/** The state file exists but cannot be used: never silently replaced. */
export class StateFileError extends UserError {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}; fix or delete the file, or start with --reset to begin with an empty tenant`);
    this.name = 'StateFileError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What makes a parsed state document unusable (its schema, its deploy client), or undefined. */
function stateFileProblem(value: unknown): string | undefined {
  const problem = stateProblem(value);
  if (problem || !isObject(value)) return problem;
  const clients = value.clients as Record<string, unknown>[];
  if (!clients.some((client) => client.client_id === value.deployClientId)) {
    return `the deploy client "${String(value.deployClientId)}" is missing from "clients"`;
  }
  return undefined;
}

/** Reads the state file; `undefined` when there is none yet. */
function readState(file: string): TenantState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, `cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const problem = stateFileProblem(isObject(parsed) ? withSigningKey(withDeclaredFields(parsed)) : parsed);
  if (problem) throw new StateFileError(file, `is not a local tenant state file: ${problem}`);
  return parsed as TenantState;
}

/**
 * Saving spends at most about this share of the time on writing the file: a save asked for sooner after the
 * last one than its write took ÷ share waits (and takes every change made meanwhile with it). The whole
 * state is written each time, so at thousands of items a save per request would cost O(n) per write, O(n²)
 * per deploy, and the benchmarks would measure the file, not the deploy. A small state writes in about a
 * millisecond: then a save waits for at most ~10 ms, and only behind another one.
 */
const SAVE_SHARE = 0.1;

/** The tenant's state in memory, written through to one JSON file after every change (see SAVE_SHARE). */
export class TenantStore {
  private lastSaveEnd = 0;
  private lastSaveMs = 0;
  private pending: NodeJS.Timeout | undefined;

  private constructor(
    readonly file: string,
    public state: TenantState,
  ) {}

  static open(options: {
    file: string;
    reset: boolean;
    domain: string;
    deployScopes: readonly string[];
    signingKey?: SigningKeyRecord;
  }) {
    const existing = options.reset ? undefined : readState(options.file);
    const store = new TenantStore(options.file, existing ?? seedState(options));
    store.bindDomain(options.domain);
    store.save();
    return store;
  }

  /**
   * The Management API's identifier names the domain, which moves with the port: keep it, and the grants
   * made to it, pointing at where the tenant listens now.
   */
  private bindDomain(domain: string): void {
    const audience = managementAudience(domain);
    const previous = this.state.managementAudience;
    if (previous === audience) return;
    for (const server of this.state.resourceServers) {
      if (server.identifier === previous && server.is_system === true) server.identifier = audience;
    }
    for (const grant of this.state.clientGrants) {
      if (grant.audience === previous) grant.audience = audience;
    }
    this.state.managementAudience = audience;
  }

  /** Saves the state: now, or soon after the last save when that one was recent (see SAVE_SHARE). */
  save(): void {
    if (this.pending) return;
    const due = this.lastSaveEnd + this.lastSaveMs / SAVE_SHARE - performance.now();
    if (due <= 0) this.write();
    else this.pending = setTimeout(() => this.write(), due);
  }

  /** Writes a save that is still waiting, now (before the tenant stops, or a reader copies the file). */
  flush(): void {
    if (this.pending) this.write();
  }

  /** Writes the whole state atomically: a reader sees the old file or the new one, never half of one. */
  private write(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    const start = performance.now();
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
    this.lastSaveEnd = performance.now();
    this.lastSaveMs = this.lastSaveEnd - start;
  }
}
