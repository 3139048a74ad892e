import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../user-error';
import { withSigningKey } from '../authentication/signing-key';
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

/** The tenant's state in memory, written through to one JSON file after every change. */
export class TenantStore {
  private constructor(
    readonly file: string,
    public state: TenantState,
  ) {}

  static open(options: { file: string; reset: boolean; domain: string; deployScopes: readonly string[] }) {
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

  /** Writes the whole state atomically: a reader sees the old file or the new one, never half of one. */
  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
