/**
 * The long-lived sandbox child process: Node 22 from tools/node22 (the current Node, said in every trace,
 * when it is missing), running `worker.ts` bundled once with esbuild. Bundling takes ~25 ms and the child
 * is ready ~50-70 ms later, against ~260 ms for `--import tsx` (measured on this machine), and a restart
 * after a hung Action reuses the bundle.
 *
 * A request that is not answered within its time is a hung Action (a synchronous loop never yields): the
 * child is killed, every request in flight fails, and a fresh child serves the next one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import type { PostLoginRun, WorkerProgress, WorkerReply, WorkerRequest } from './protocol';

export interface WorkerOptions {
  projectRoot: string;
  /** The local tenant's CA, trusted by the Actions' outgoing HTTPS (`NODE_EXTRA_CA_CERTS`). */
  caFile: string;
  /** Default: `<projectRoot>/tools/node22/node_modules/node/bin/node`. */
  node22?: string;
}

/** What a process needs of the shell's environment to run at all: paths, home, time zone and locale. */
const KEPT_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'TZ', 'LANG', 'LC_ALL', 'SystemRoot'];

/**
 * The sandbox's environment: the few variables of `shell` a process needs, and `own`. Not the rest: in
 * Auth0 an Action's `process.env` holds none of the deployer's variables, and the shell that starts the
 * local tenant may hold a real tenant's `AUTH0_CLIENT_SECRET` or cloud keys, which an Action's console
 * would then print unredacted (only the Action's own secrets are redacted).
 */
export function sandboxEnvironment(
  shell: NodeJS.ProcessEnv,
  own: Record<string, string>,
): Record<string, string> {
  const kept = KEPT_VARIABLES.flatMap((name) => {
    const value = shell[name];
    return value === undefined ? [] : [[name, value] as const];
  });
  return { ...Object.fromEntries(kept), ...own };
}

export type WorkerAnswer =
  | { kind: 'reply'; value: Extract<WorkerReply, { ok: true }>['value'] }
  | { kind: 'error'; error: string }
  | { kind: 'timeout' }
  /** The child died or was killed for another request's hung Action. */
  | { kind: 'lost'; error: string };

interface Pending {
  resolve(answer: WorkerAnswer): void;
  progress?: (run: PostLoginRun) => void;
  timer: NodeJS.Timeout;
}

export class WorkerProcess {
  /** `node22 v22.x`, or `node20 (tools/node22 missing)`: every trace says which. */
  readonly runtime: string;
  /** How long bundling and the first start took, ms. */
  startMs = 0;
  readonly #options: WorkerOptions;
  readonly #execPath: string;
  readonly #dir: string;
  readonly #pending = new Map<number, Pending>();
  #bundle: string | undefined;
  #child: Promise<ChildProcess> | undefined;
  #current: ChildProcess | undefined;
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerOptions) {
    this.#options = options;
    const node22 =
      options.node22 ?? path.join(options.projectRoot, 'tools/node22/node_modules/node/bin/node');
    const found = existsSync(node22);
    this.#execPath = found ? node22 : process.execPath;
    this.runtime = found ? 'node22' : `node${process.versions.node.split('.')[0]} (tools/node22 missing)`;
    this.#dir = mkdtempSync(path.join(tmpdir(), 'actions-runtime-'));
  }

  /** `progress` gets a post-login segment's finished steps before the reply (see `WorkerProgress`). */
  async request(
    request: WorkerRequest,
    timeoutMs: number,
    progress?: (run: PostLoginRun) => void,
  ): Promise<WorkerAnswer> {
    if (this.#closed) return { kind: 'lost', error: 'the Actions runtime is closed' };
    const child = await this.#ensure();
    const id = this.#nextId++;
    return new Promise<WorkerAnswer>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ kind: 'timeout' });
        this.#kill('another flow hung the sandbox, which was restarted');
      }, timeoutMs);
      this.#pending.set(id, { resolve, timer, ...(progress ? { progress } : {}) });
      child.send({ id, request });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#kill('the Actions runtime was closed');
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #ensure(): Promise<ChildProcess> {
    this.#child ??= this.#start();
    return this.#child;
  }

  async #start(): Promise<ChildProcess> {
    const started = performance.now();
    this.#bundle ??= await this.#bundleWorker();
    const child = fork(this.#bundle, [], {
      execPath: this.#execPath,
      execArgv: [],
      cwd: this.#options.projectRoot,
      env: sandboxEnvironment(process.env, {
        // Without the file Node warns on every start; the Actions then trust the public CAs only.
        ...(existsSync(this.#options.caFile) ? { NODE_EXTRA_CA_CERTS: this.#options.caFile } : {}),
        ACTIONS_PROJECT_ROOT: this.#options.projectRoot,
      }),
      serialization: 'json',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the Actions sandbox exited on start (code ${code})`)));
    });
    child.on('message', (message: WorkerReply | WorkerProgress) => this.#settle(message));
    child.on('exit', () => {
      if (this.#current === child) this.#kill('the Actions sandbox exited');
    });
    this.#current = child;
    if (this.startMs === 0) this.startMs = performance.now() - started;
    return child;
  }

  async #bundleWorker(): Promise<string> {
    const result = await build({
      entryPoints: [path.join(import.meta.dirname, 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const file = path.join(this.#dir, 'worker.cjs');
    writeFileSync(file, result.outputFiles[0]?.text ?? '');
    return file;
  }

  #settle(message: WorkerReply | WorkerProgress): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if ('progress' in message) {
      pending.progress?.(message.progress);
      return;
    }
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    pending.resolve(
      message.ok ? { kind: 'reply', value: message.value } : { kind: 'error', error: message.error },
    );
  }

  #kill(why: string): void {
    const child = this.#current;
    this.#child = undefined;
    this.#current = undefined;
    child?.kill('SIGKILL');
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.resolve({ kind: 'lost', error: why });
      this.#pending.delete(id);
    }
  }
}
