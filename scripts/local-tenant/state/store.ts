import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
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
 * millisecond: then a save waits for at most ~10 ms, and only behind another one. A save that waited is
 * written off the event loop (`writeInBackground`): the file's write and rename were a login's largest
 * cost after the password and the signatures (bench `login`).
 */
const SAVE_SHARE = 0.1;

const serialize = (state: TenantState): string => `${JSON.stringify(state, null, 2)}\n`;

/** The tenant's state in memory, written through to one JSON file after every change (see SAVE_SHARE). */
export class TenantStore {
  private lastSaveEnd = 0;
  private lastSaveMs = 0;
  private pending: NodeJS.Timeout | undefined;
  /** A background write is under way; `followUp`: another save came due meanwhile. */
  private writing = false;
  private followUp = false;
  /** Counts writes started: a background write renames only while it is the latest. */
  private generation = 0;

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
    if (due <= 0 && !this.writing) this.write();
    else this.pending = setTimeout(() => this.writeInBackground(), Math.max(0, due));
  }

  /** Writes a save still waiting or under way, now (before the tenant stops, or a reader copies the file). */
  flush(): void {
    if (this.pending || this.writing || this.followUp) this.write();
  }

  /**
   * A waiting save, written with the state as it is now: serialized here, written and renamed on libuv's
   * threads, one at a time (a save due meanwhile follows it). A write started later (`flush`) supersedes it:
   * it then renames nothing, so the file never goes back to older content. The check and the rename run
   * on the event loop with nothing between them, so no other write can come in between.
   */
  private writeInBackground(): void {
    this.pending = undefined;
    if (this.writing) {
      this.followUp = true;
      return;
    }
    const start = performance.now();
    const generation = ++this.generation;
    const text = serialize(this.state);
    const temporary = `${this.file}.${process.pid}.${generation}.tmp`;
    const current = () => generation === this.generation;
    this.writing = true;
    const finish = () => {
      this.writing = false;
      if (!current()) return;
      this.lastSaveEnd = performance.now();
      this.lastSaveMs = this.lastSaveEnd - start;
      if (this.followUp) {
        this.followUp = false;
        this.save();
      }
    };
    const written = async () => {
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        if (current()) await writeFile(temporary, text, { mode: 0o600 });
        if (current()) renameSync(temporary, this.file);
        else await rm(temporary, { force: true }).catch(() => undefined);
      } catch {
        // Superseded by a write that succeeded (its directory may be gone since): nothing is lost.
        if (!current()) return rm(temporary, { force: true }).catch(() => undefined);
        // Else the whole write again, in the open: its error, if it fails too, is the save's.
        this.writing = false;
        this.write();
      }
    };
    void written().finally(finish);
  }

  /** Writes the whole state atomically: a reader sees the old file or the new one, never half of one. */
  private write(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    this.followUp = false;
    this.generation++;
    const start = performance.now();
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(this.state), { mode: 0o600 });
    renameSync(temporary, this.file);
    this.lastSaveEnd = performance.now();
    this.lastSaveMs = this.lastSaveEnd - start;
  }
}
