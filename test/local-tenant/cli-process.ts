import { spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';
import { commandArgv } from '../../scripts/cli/launch.mjs';
import { repoRoot } from './engine';

/**
 * `npm run local-tenant -- <args>` as a user runs it, in a child process stopped when the test ends.
 * `stdout()` and `stderr()` are what it has printed so far; `lines(n)` resolves once stdout holds n lines.
 */
export function localTenantCli(args: string[]) {
  const child = spawn(process.execPath, commandArgv('local-tenant', args), { cwd: repoRoot });
  onTestFinished(() => {
    child.kill();
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    exit,
    stdout: () => stdout,
    stderr: () => stderr,
    lines: (count: number) =>
      new Promise<string[]>((resolve, reject) => {
        const check = () => {
          const lines = stdout.split('\n').slice(0, -1);
          if (lines.length >= count) resolve(lines);
        };
        child.stdout.on('data', check);
        check();
        void exit.then((code) => reject(new Error(`exited with ${code} before printing ${count} lines`)));
      }),
  };
}
