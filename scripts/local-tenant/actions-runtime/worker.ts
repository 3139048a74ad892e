/**
 * The sandbox process (Node 22, started by `worker-process.ts`): loads each deployed version's code once,
 * in Auth0's module wrapper, runs handlers against the recording apis of `scripts/action-api/` (a post-login
 * flow's Actions one after another in one request, see `postLoginFlow`), and runs custom-database scripts
 * with Auth0's sandbox globals. Requests and replies are JSON over IPC.
 */
import { performance } from 'node:perf_hooks';
import type { Event as PostLoginEvent } from '../../../actions/types/post-login/v3';
import { ActionsCache, DEFAULT_CACHE_LIFETIME_MS } from '../../action-api/cache';
import { customDatabaseErrors } from '../../action-api/custom-database-errors';
import { dependencyProblem, loadInModuleWrapper } from '../../action-api/module-wrapper';
import { createPostLoginApi, emptyPostLoginRecord } from '../../action-api/post-login-api';
import {
  createPreUserRegistrationApi,
  type PreUserRegistrationRecord,
} from '../../action-api/pre-user-registration-api';
import { SANDBOX_ERROR_NAMES } from '../../bundle/custom-db-wrapper';
import type { ActionTrace } from '../authentication/contract';
import { applyPostLoginRun, type FlowState } from './post-login-flow';
import type {
  DeployedCode,
  PostLoginRun,
  PostLoginStep,
  PreUserRegistrationRun,
  ScriptCallback,
  WorkerProgress,
  WorkerReply,
  WorkerRequest,
} from './protocol';
import { type LogLine, recordingApi, sandboxConsole, withLog } from './worker-console';

const projectRoot = process.env.ACTIONS_PROJECT_ROOT ?? process.cwd();
const loaded = new Map<string, Record<string, unknown>>();
/** One cache per trigger, for the life of the worker, as Auth0 keeps one per trigger (`cache.ts`). */
const caches = {
  postLogin: new ActionsCache({ defaultLifetimeMs: DEFAULT_CACHE_LIFETIME_MS.postLogin, now: Date.now }),
  preUserRegistration: new ActionsCache({
    defaultLifetimeMs: DEFAULT_CACHE_LIFETIME_MS.preUserRegistration,
    now: Date.now,
  }),
};

function load(version: DeployedCode): Record<string, unknown> {
  const cached = loaded.get(version.versionId);
  if (cached) return cached;
  const problem = dependencyProblem(projectRoot, version.dependencies);
  if (problem) throw new Error(`${version.actionName}: ${problem}`);
  const exports = loadInModuleWrapper(version.code, {
    filename: `${version.actionName}@${version.versionId}.js`,
    dependencies: version.dependencies,
    projectRoot,
    console: sandboxConsole(),
  });
  loaded.set(version.versionId, exports);
  return exports;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : `a non-Error was thrown: ${String(error)}`;

/** Loads the version and calls its `handler(event, api)` with its console captured and its calls recorded. */
async function runHandler(
  version: DeployedCode,
  handler: string,
  invoke: (fn: (...args: unknown[]) => unknown, calls: string[]) => unknown,
): Promise<{ logs: LogLine[]; calls: string[]; durationMs: number; error?: string }> {
  const logs: LogLine[] = [];
  const calls: string[] = [];
  const start = performance.now();
  let error: string | undefined;
  try {
    await withLog(logs, async () => {
      const fn = load(version)[handler];
      if (typeof fn !== 'function') throw new Error(`${version.actionName} exports no ${handler} function`);
      await invoke(fn as (...args: unknown[]) => unknown, calls);
    });
  } catch (thrown) {
    error = describe(thrown);
  }
  const durationMs = performance.now() - start;
  return { logs, calls, durationMs, ...(error !== undefined ? { error } : {}) };
}

type PostLoginFlowRequest = Extract<WorkerRequest, { type: 'post-login-flow' }>;

async function postLogin(
  request: PostLoginFlowRequest,
  step: PostLoginStep,
  event: PostLoginEvent,
): Promise<PostLoginRun> {
  const record = emptyPostLoginRecord(event);
  caches.postLogin.operations.splice(0);
  const api = createPostLoginApi(event, record, {
    claimRules: request.claimRules,
    cache: caches.postLogin,
    rulesExecuted: [],
    now: Date.now,
  });
  const run = await runHandler(step.version, step.handler, (fn, calls) =>
    fn(event, recordingApi(api, calls)),
  );
  return { ...run, record, transactionMetadata: event.transaction?.metadata ?? {} };
}

/**
 * The segment's steps in order, each with a copy of the flow's event and its own secrets. Between steps the
 * event moves on exactly as the runtime moves its own on (`applyPostLoginRun`, on the run as JSON, as the
 * runtime receives it), and the segment stops where the runtime's flow stops. Every run but the last goes
 * back as progress before the next step starts; the reply is the last one.
 */
async function postLoginFlow(
  request: PostLoginFlowRequest,
  progress: (run: PostLoginRun) => void,
): Promise<PostLoginRun[]> {
  const flow: FlowState = {
    event: request.event,
    idTokenClaims: {},
    accessTokenClaims: {},
    scopesAdded: [],
    scopesRemoved: [],
    actions: [],
  };
  let last: PostLoginRun | undefined;
  for (const step of request.steps) {
    if (last) progress(last);
    const event: PostLoginEvent = {
      ...structuredClone(flow.event),
      secrets: step.secrets,
      configuration: {},
    };
    last = JSON.parse(JSON.stringify(await postLogin(request, step, event))) as PostLoginRun;
    // Only whether the flow goes on matters here; the runtime builds the real trace (redaction, leaks).
    const trace: ActionTrace = {
      actionName: step.version.actionName,
      versionId: step.version.versionId,
      logs: [],
      calls: [],
      durationMs: 0,
      runtime: '',
      ...(last.error !== undefined ? { error: last.error } : {}),
    };
    if (applyPostLoginRun(flow, trace, last).kind !== 'next') break;
  }
  return last ? [last] : [];
}

async function preUserRegistration(
  request: Extract<WorkerRequest, { type: 'pre-user-registration' }>,
): Promise<PreUserRegistrationRun> {
  const record: PreUserRegistrationRecord = {
    denials: [],
    validationErrors: [],
    metadataWrites: [],
    violationsFound: [],
  };
  caches.preUserRegistration.operations.splice(0);
  const api = createPreUserRegistrationApi(request.event.user, caches.preUserRegistration, record);
  const run = await runHandler(request.version, 'onExecutePreUserRegistration', (fn, calls) =>
    fn(request.event, recordingApi(api, calls)),
  );
  return { ...run, record };
}

/** The script's one function declaration, evaluated with Auth0's sandbox globals, called back once. */
function customDatabase(
  request: Extract<WorkerRequest, { type: 'custom-database' }>,
): Promise<ScriptCallback> {
  const name = /^\s*function\s+([A-Za-z_$][\w$]*)\s*\(/.exec(request.script)?.[1];
  if (!name)
    throw new Error('the deployed script is not one function declaration (function login(...) {...})');
  const globals: Record<string, unknown> = { configuration: request.configuration };
  for (const errorName of SANDBOX_ERROR_NAMES) globals[errorName] = customDatabaseErrors[errorName];
  const script = new Function(...Object.keys(globals), `${request.script}\nreturn ${name};`)(
    ...Object.values(globals),
  ) as (...args: unknown[]) => void;
  return new Promise((resolve) => {
    const timer = setTimeout(
      () =>
        resolve({
          error: { name: 'Error', message: `the script did not call back within ${request.timeoutMs} ms` },
          results: [],
        }),
      request.timeoutMs,
    );
    const callback = (error: unknown, ...results: unknown[]) => {
      clearTimeout(timer);
      const failure =
        error === null || error === undefined
          ? null
          : error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) };
      resolve({ error: failure, results: JSON.parse(JSON.stringify(results)) as unknown[] });
    };
    try {
      script(...request.args, callback);
    } catch (thrown) {
      callback(thrown instanceof Error ? thrown : new Error(String(thrown)));
    }
  });
}

function answer(
  request: WorkerRequest,
  progress: (run: PostLoginRun) => void,
): Promise<PostLoginRun[] | PreUserRegistrationRun | ScriptCallback> {
  switch (request.type) {
    case 'post-login-flow':
      return postLoginFlow(request, progress);
    case 'pre-user-registration':
      return preUserRegistration(request);
    case 'custom-database':
      return customDatabase(request);
  }
}

const reply = (message: WorkerReply | WorkerProgress) => process.send?.(message);

process.on('message', (message: { id: number; request: WorkerRequest }) => {
  Promise.resolve()
    .then(() => answer(message.request, (run) => reply({ id: message.id, progress: run })))
    .then(
      (value) => reply({ id: message.id, ok: true, value }),
      (error: unknown) => reply({ id: message.id, ok: false, error: describe(error) }),
    );
});
// An Action's stray timer or unawaited promise must not take every other login down with the worker.
process.on('uncaughtException', () => {});
process.on('unhandledRejection', () => {});
process.send?.({ ready: true, node: process.version });
