/**
 * Captures what code under test writes to the console, instead of printing it, so a test can assert on an
 * Action's logs (Auth0 keeps them in the execution log) and the test output stays quiet.
 */
import { format } from 'node:util';

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface LogEntry {
  level: LogLevel;
  /** The line as `console[level]` would have printed it (`util.format` of the arguments). */
  message: string;
}

const LEVELS: readonly LogLevel[] = ['log', 'info', 'warn', 'error', 'debug'];

/**
 * Runs `fn` with `console.log/info/warn/error/debug` redirected into `logs`, restoring the originals when
 * `fn` settles (also when it throws). The returned promise settles like `fn`.
 */
export async function captureConsole<T>(logs: LogEntry[], fn: () => Promise<T> | T): Promise<T> {
  const originals = new Map(LEVELS.map((level) => [level, console[level]] as const));
  for (const level of LEVELS) {
    console[level] = (...args: unknown[]) => {
      logs.push({ level, message: format(...args) });
    };
  }
  try {
    return await fn();
  } finally {
    for (const [level, original] of originals) console[level] = original;
  }
}
