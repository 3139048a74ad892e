import type { ChildProcess } from 'node:child_process';
import type { BuildOutput } from '../bundle/build-tenant';
import type { TenantState } from '../plan/types';
import { RESOURCE_TYPES } from '../resources/index';
import { UserError } from '../user-error';
import { CREDENTIAL_VARIABLES } from './choose';
import { takeEngine } from './engine-process.mjs';
import type { Target } from './open';
import { resolveRateShare } from './pacer';
import type { EngineCounts, Item, Message, Reply, Request, TrafficCounts } from './protocol';

export interface EngineSession {
  /** The build's output as deploy-cli's own YAML loading makes it (each section parsed, code read in). */
  load(build: BuildOutput): Promise<TenantState>;
  read(types: string[]): Promise<{ state: TenantState; traffic: TrafficCounts }>;
  /** Writes; with `readAfter`, the state of those types read back, when it could be read during the apply. */
  apply(
    assets: TenantState,
    deletes: Record<string, Item[]>,
    readAfter?: string[],
  ): Promise<{ counts: Record<string, EngineCounts>; traffic: TrafficCounts; state?: TenantState }>;
  dump(folder: string, types: string[]): Promise<{ state: TenantState; traffic: TrafficCounts }>;
  close(): Promise<void>;
}

export interface EngineOptions {
  target: Target;
  /** Each progress line, already cleaned of every secret value. */
  onProgress: (line: string) => void;
  /** Values that must never be printed (secret values); the deploy client's secret is always added. */
  secrets?: readonly string[];
  /**
   * Where secrets are read from: the engine inherits only what running Node takes (engine-process.mjs),
   * and never one of these, even where a name is also one of those.
   */
  secretVariables?: readonly string[];
  /** The share (0..1] of the tenant's rate-limit budget the engine may use; default AUTH0_RATE_SHARE, else 0.5. */
  rateShare?: number;
}

export class EngineError extends UserError {
  constructor(
    message: string,
    /** What the engine did before it failed. */
    readonly traffic?: TrafficCounts,
    readonly counts?: Record<string, EngineCounts>,
  ) {
    super(message);
  }
}

const BODY_FILE_TYPES = RESOURCE_TYPES.filter((type) =>
  type.files?.some((file) => file.path === 'body' && file.format === 'json'),
).map((type) => type.key);

/**
 * Starts the engine process (one per command) and signs in to the target. Requests go one at a time;
 * what the engine prints comes back as progress lines with every secret value masked.
 */
export async function startEngine(options: EngineOptions): Promise<EngineSession> {
  const hidden = [...(options.secrets ?? []), options.target.credentials.clientSecret];
  const clean = (text: string) => scrub(text, hidden);
  // Started ahead by the launcher where it could be, while the command loaded the tenant.
  const child = await takeEngine([...CREDENTIAL_VARIABLES, ...(options.secretVariables ?? [])]);
  const waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | undefined;
  let stderr = '';

  child.on('message', (message: Message) => {
    if (message.op === 'progress') options.onProgress(clean(message.line));
    else waiting.shift()?.resolve(message);
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-64_000);
    });
  }
  child.on('exit', (code, signal) => {
    exited = new EngineError(
      `the engine process stopped (${signal ?? `exit code ${code}`})${stderr ? `:\n${tail(clean(stderr.trim()))}` : ''}`,
    );
    for (const pending of waiting.splice(0)) pending.reject(exited);
  });

  const ask = (request: Request): Promise<Reply> =>
    new Promise<Reply>((resolve, reject) => {
      if (exited) return reject(exited);
      waiting.push({ resolve, reject });
      child.send(request);
    }).then((reply) => {
      if (reply.op === 'failed') throw new EngineError(clean(reply.message), reply.traffic, reply.counts);
      return reply;
    });

  const session = engineSession(child, ask);
  try {
    await ask({
      op: 'connect',
      credentials: options.target.credentials,
      ...(options.target.caFile ? { caFile: options.target.caFile } : {}),
      rateShare: options.rateShare ?? resolveRateShare(undefined, process.env),
      bodyFileTypes: BODY_FILE_TYPES,
    });
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

function engineSession(child: ChildProcess, ask: (request: Request) => Promise<Reply>): EngineSession {
  const expect = async <K extends Reply['op']>(request: Request, op: K) => {
    const reply = await ask(request);
    if (reply.op !== op) throw new EngineError(`the engine answered ${reply.op} to ${request.op}`);
    return reply as Extract<Reply, { op: K }>;
  };
  return {
    load: async (build) => (await expect({ op: 'load', build }, 'loaded')).state,
    read: async (types) => expect({ op: 'read', types }, 'state'),
    apply: async (assets, deletes, readAfter) =>
      expect({ op: 'apply', assets, deletes, ...(readAfter ? { readAfter } : {}) }, 'applied'),
    dump: async (folder, types) => expect({ op: 'dump', folder, types }, 'dumped'),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      if (child.connected) await ask({ op: 'close' }).catch(() => undefined);
      const timer = setTimeout(() => child.kill(), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** The end of what the engine printed, cut only after masking (a cut could split a secret) and at a line. */
function tail(text: string, size = 4000): string {
  if (text.length <= size) return text;
  const end = text.slice(-size);
  return end.slice(end.indexOf('\n') + 1);
}

/**
 * Masks every occurrence of each value (values under 4 characters would mask ordinary text), also as
 * JSON quotes it once or twice: deploy-cli's errors carry the item as JSON, the SDK's the response body.
 */
export function scrub(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) {
    if (value.length < 4) continue;
    const once = JSON.stringify(value).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    for (const form of new Set([twice, once, value])) out = out.split(form).join('***');
  }
  return out;
}
