/**
 * What `npm run plan|deploy|export` share: their options, and how an error ends them (one line and exit
 * code 1 for anything a person can fix; the stack only for a bug).
 */
import { parseArgs } from 'node:util';
import { TargetError } from '../engine/choose';
import { EngineError } from '../engine/engine-session';
import { PLAN_FORMATS, type PlanFormat } from '../plan/format';
import { PlanInputError } from '../plan/types';
import { openRun, type Run, RunError } from './run';

export interface CommandOptions {
  env: string;
  format: PlanFormat;
  dir: string;
  allowDelete: boolean;
  /** Where the build is written (default dist/<env>). */
  out?: string;
  /** export only: keep the dump in this folder instead of a temporary one. */
  keep?: string;
}

export class UsageError extends Error {}

export const COMMON_OPTIONS = `  --env           environment (a file in <dir>/environments/; default: local)
  --format        text (default), markdown (what a pull request comment shows) or json
  --dir           folder holding tenant.yaml (default: tenant)
  --out           where the build is written (default: dist/<environment>)
  --help          show this help`;

export const TARGET_HELP = `The tenant: a real one when AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are all set (its
domain must be the environment's AUTH0_DOMAIN keyword); otherwise the local tenant on 127.0.0.1:8443,
started for the command, its state kept in .local-tenant/ (only for a local environment).`;

export function parseCommand(
  argv: string[],
  extra: { allowDelete?: boolean; keep?: boolean } = {},
): CommandOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: 'string' },
        format: { type: 'string' },
        dir: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
        ...(extra.allowDelete ? { 'allow-delete': { type: 'boolean' } } : {}),
        ...(extra.keep ? { keep: { type: 'string' } } : {}),
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const format = String(values.format ?? 'text');
  if (!PLAN_FORMATS.includes(format as PlanFormat)) {
    throw new UsageError(`--format must be one of ${PLAN_FORMATS.join(', ')}, not "${format}"`);
  }
  return {
    env: typeof values.env === 'string' ? values.env : 'local',
    format: format as PlanFormat,
    dir: typeof values.dir === 'string' ? values.dir : 'tenant',
    allowDelete: values['allow-delete'] === true,
    ...(typeof values.out === 'string' ? { out: values.out } : {}),
    ...(typeof values.keep === 'string' ? { keep: values.keep } : {}),
  };
}

/**
 * Parses the options (printing the usage for --help), runs the command's main and sets the exit code;
 * prints errors the way the brief's conventions ask.
 */
export function runCommand(
  usage: string,
  extra: { allowDelete?: boolean; keep?: boolean },
  main: (options: CommandOptions) => Promise<number>,
): void {
  const start = async () => {
    const options = parseCommand(process.argv.slice(2), extra);
    if (options !== 'help') return main(options);
    process.stdout.write(usage);
    return 0;
  };
  start().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = 1;
      if (error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n\n${usage}`);
      } else if (
        error instanceof RunError ||
        error instanceof TargetError ||
        error instanceof EngineError ||
        error instanceof PlanInputError
      ) {
        process.stderr.write(`error: ${error.message}\n`);
      } else {
        process.stderr.write(
          `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
      }
    },
  );
}

/** The run a command's options ask for. */
export function openCommandRun(
  options: CommandOptions,
  how: { requireSecrets: boolean; progress: (line: string) => void },
): Promise<Run> {
  return openRun({
    dir: options.dir,
    env: options.env,
    outDir: options.out,
    requireSecrets: how.requireSecrets,
    onProgress: how.progress,
  });
}

/** Progress goes to stderr, so that `--format json > plan.json` stays one JSON document. */
export function progressTo(stream: NodeJS.WritableStream): (line: string) => void {
  return (line) => stream.write(`  ${line}\n`);
}
