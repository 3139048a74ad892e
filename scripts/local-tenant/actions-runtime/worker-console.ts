/**
 * The `console` an Action's module wrapper gets: one object for the life of the loaded code, writing into
 * the log of whichever run is current (AsyncLocalStorage), so runs of the same version never share lines.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';

export type LogLine = { level: string; message: string };

const current = new AsyncLocalStorage<LogLine[]>();

/** Runs `fn` with the sandbox console writing into `lines`. */
export const withLog = <T>(lines: LogLine[], fn: () => T): T => current.run(lines, fn);

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** A console for sandboxed code: every level lands in the current run's lines, nothing is printed. */
export function sandboxConsole(): Console {
  const target = Object.create(console) as Console;
  for (const level of LEVELS) {
    target[level] = (...args: unknown[]) => {
      current.getStore()?.push({ level, message: format(...args) });
    };
  }
  return target;
}

/** Wraps `api` so every method called on it (at any depth) is recorded by its path, in order. */
export function recordingApi<T extends object>(api: T, calls: string[]): T {
  const wrap = <O extends object>(target: O, prefix: string): O =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property === 'symbol') return value;
        const path = prefix ? `${prefix}.${property}` : property;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            calls.push(path);
            const result: unknown = value.apply(object, args);
            // The api's chaining returns the raw api; hand back the recording one.
            return result === api ? proxy : result;
          };
        }
        if (typeof value === 'object' && value !== null) return wrap(value, path);
        return value;
      },
    });
  const proxy = wrap(api, '');
  return proxy;
}
