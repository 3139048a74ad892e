import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helpers';

/**
 * Auth0 runs Actions on Node 22; this machine's tests run on Node 20. The built artifacts run on a real
 * Node 22 binary (tools/node22, installed by npm's `node@22` package) through a plain CommonJS runner
 * (node22-runner.cjs: its header says what a spec holds and what comes back).
 */
export const NODE22 = path.join(repoRoot, 'tools/node22/node_modules/node/bin/node');
const RUNNER = path.join(repoRoot, 'test/bundle/node22-runner.cjs');
export const haveNode22 = existsSync(NODE22);

export interface RunnerOutput {
  node: string;
  results: ({ id: string } & Record<string, any>)[];
}

/** Runs `spec` on Node 22, its files written to `dir`; `env` adds to the child's environment. */
export function runOnNode22(spec: object, dir: string, env: NodeJS.ProcessEnv = {}): Promise<RunnerOutput> {
  const specFile = path.join(dir, 'node22-spec.json');
  const outFile = path.join(dir, 'node22-out.json');
  writeFileSync(specFile, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    // Async on purpose: the servers answering the artifacts live in the test's process.
    execFile(
      NODE22,
      [RUNNER, specFile, outFile],
      { cwd: repoRoot, timeout: 20_000, env: { ...process.env, ...env } },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`Node 22 runner failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(readFileSync(outFile, 'utf8')) as RunnerOutput);
      },
    );
  });
}
