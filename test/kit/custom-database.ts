/**
 * A harness for custom-database scripts that holds them to Auth0's callback contract: the callback is
 * called exactly once, with `null` or an `Error` first, within the timeout; the script does not throw.
 *
 * - `runCallbackScript(fn | { source }, args, options)`: the form Auth0 runs. `configuration` and the error
 *   classes are globals during the call (for a `source` string, parameters of the compiled function), as in
 *   Auth0's sandbox. The build can run its built artifact through this.
 * - `runAsyncScript(script, args, options)`: our async form, wrapped by `toCallbackScript` in the very
 *   wrapper the build emits (`scripts/bundle/custom-db-wrapper.ts`), then run as above.
 *
 *   const result = await runAsyncScript(login, ['jane@example.com', 'wrong'], { configuration });
 *   expect(result.error).toBeInstanceOf(WrongUsernameOrPasswordError);
 */
import { createRequire } from 'node:module';
import { customDatabaseErrors } from '../../scripts/action-api/custom-database-errors';
import { callbackWrapperSource, SANDBOX_GLOBAL_NAMES } from '../../scripts/bundle/custom-db-wrapper';
import { captureConsole, type LogEntry } from './console-capture';

/** Any callback-style script (a foreign shape: its parameters are the script's own). */
export type CallbackScriptFunction = (...args: never[]) => unknown;

/** An async-form script: its arguments, then the context. */
export type AsyncScriptFunction = (...args: never[]) => Promise<unknown>;

export interface ScriptSource {
  /** A script as Auth0 stores it: `function login(email, password, callback) { ... }` (or anonymous). */
  source: string;
  /** File name for stack traces. */
  filename?: string;
}

export interface CustomDatabaseRunOptions {
  /** The connection's configuration values. */
  configuration?: Record<string, string>;
  /** Fail when the callback is not called within this time. Default 2000 ms. */
  timeoutMs?: number;
  /** After the first callback, keep watching this long for a second one. Default 20 ms. */
  settleMs?: number;
}

export interface CallbackOutcome {
  /** The callback's first argument. */
  error: Error | null;
  /** The callback's other arguments (`[profile]`, `[true]`, `[]`...). */
  results: unknown[];
  /** `results[0]`: the profile, the boolean, or undefined. */
  value: unknown;
  /** Console output during the call, captured instead of printed. */
  logs: LogEntry[];
}

/** The script broke Auth0's callback contract; the message says how. */
export class CallbackContractError extends Error {
  override readonly name = 'CallbackContractError';
}

function sandboxGlobals(configuration: Record<string, string>): Record<string, unknown> {
  return { configuration: Object.freeze({ ...configuration }), ...customDatabaseErrors };
}

/** Compiles a script source the way Auth0's sandbox sees it, with the sandbox globals in scope. */
export function compileScript(
  script: ScriptSource,
  configuration: Record<string, string>,
): CallbackScriptFunction {
  const globals = { ...sandboxGlobals(configuration), require: createRequire(import.meta.url) };
  const named = /^\s*(?:async\s+)?function\s+([A-Za-z_$][\w$]*)\s*\(/.exec(script.source);
  const body = named ? `${script.source}\nreturn ${named[1]};` : `return (${script.source});`;
  const sourceUrl = script.filename ? `\n//# sourceURL=${script.filename}` : '';
  const factory = new Function(...Object.keys(globals), `${body}${sourceUrl}`) as (
    ...values: unknown[]
  ) => unknown;
  const compiled = factory(...Object.values(globals));
  if (typeof compiled !== 'function')
    throw new TypeError('the script source does not evaluate to a function');
  return compiled as CallbackScriptFunction;
}

/**
 * The callback form of an async script: the wrapper the build emits (`scripts/bundle/custom-db-wrapper.ts`),
 * around the script instead of a bundle. It reads `configuration` and the error classes from the (sandbox)
 * globals and calls back once: `callback(null[, value])` when the script resolves, `callback(error)` else.
 * Its parameters are the arguments it is called with, less the callback.
 */
export function toCallbackScript(script: AsyncScriptFunction): CallbackScriptFunction {
  return (...argsAndCallback: never[]) => wrapAsBuilt(script, argsAndCallback.length - 1)(...argsAndCallback);
}

function wrapAsBuilt(script: AsyncScriptFunction, arity: number): (...argsAndCallback: unknown[]) => void {
  const source = callbackWrapperSource({
    name: 'asyncScript',
    parameters: Array.from({ length: arity }, (_, index) => `argument${index}`),
    source: `the async script ${script.name || '(anonymous)'}`,
    moduleCode: 'module.exports.default = scriptUnderTest;',
  });
  // `configuration` and the error classes stay free names, read from the globals when it runs.
  return new Function('scriptUnderTest', `${source}\nreturn asyncScript;`)(script);
}

export async function runCallbackScript(
  target: CallbackScriptFunction | ScriptSource,
  args: readonly unknown[],
  options: CustomDatabaseRunOptions = {},
): Promise<CallbackOutcome> {
  const configuration = options.configuration ?? {};
  const fn = typeof target === 'function' ? target : compileScript(target, configuration);
  const logs: LogEntry[] = [];
  const restoreGlobals = installGlobals(sandboxGlobals(configuration));
  try {
    const calls = await captureConsole(logs, () => callOnce(fn, args, options));
    const [first] = calls;
    if (!first) throw new CallbackContractError('the callback was never called');
    const [error, ...results] = first;
    if (error !== null && !(error instanceof Error)) {
      throw new CallbackContractError(
        `the callback's first argument must be null or an Error, got ${describe(error)}`,
      );
    }
    return { error, results, value: results[0], logs };
  } finally {
    restoreGlobals();
  }
}

export function runAsyncScript(
  script: AsyncScriptFunction,
  args: readonly unknown[],
  options: CustomDatabaseRunOptions = {},
): Promise<CallbackOutcome> {
  return runCallbackScript(toCallbackScript(script), args, options);
}

/** Calls `fn(...args, callback)` and returns every callback call seen until the settle period ends. */
function callOnce(fn: CallbackScriptFunction, args: readonly unknown[], options: CustomDatabaseRunOptions) {
  const timeoutMs = options.timeoutMs ?? 2000;
  const settleMs = options.settleMs ?? 20;
  const calls: unknown[][] = [];
  return new Promise<unknown[][]>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new CallbackContractError(`the callback was not called within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const callback = (...callbackArgs: unknown[]) => {
      calls.push(callbackArgs);
      if (calls.length > 1) return;
      clearTimeout(timeout);
      setTimeout(() => {
        if (calls.length > 1) {
          reject(
            new CallbackContractError(
              `the callback was called ${calls.length} times: ${calls.map(describe).join('; ')}`,
            ),
          );
        } else resolve(calls);
      }, settleMs);
    };
    const fail = (what: string, error: unknown) => {
      clearTimeout(timeout);
      reject(
        new CallbackContractError(`the script ${what} instead of calling back: ${describe(error)}`, {
          cause: error,
        }),
      );
    };
    try {
      const returned = (fn as (...values: unknown[]) => unknown)(...args, callback);
      if (isThenable(returned)) returned.then(undefined, (error: unknown) => fail('rejected', error));
    } catch (error) {
      fail('threw', error);
    }
  });
}

function installGlobals(values: Record<string, unknown>): () => void {
  const target = globalThis as unknown as Record<string, unknown>;
  const previous = SANDBOX_GLOBAL_NAMES.map(
    (name) => [name, Object.getOwnPropertyDescriptor(target, name)] as const,
  );
  for (const [name, value] of Object.entries(values)) target[name] = value;
  return () => {
    for (const [name, descriptor] of previous) {
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else delete target[name];
    }
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (Array.isArray(value)) return `(${value.map(describe).join(', ')})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
