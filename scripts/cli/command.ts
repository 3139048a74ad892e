/** What `npm run plan|deploy|export` share: their options, and the run they open. */

import { openRun, type Run } from '../deploy/run';
import { resolveRateShare } from '../engine/pacer';
import { PLAN_FORMATS, type PlanFormat } from '../plan/format';
import { formatOption, parseOptionValues, runCli } from './shell';

export interface CommandOptions {
  env: string;
  format: PlanFormat;
  dir: string;
  allowDelete: boolean;
  /** plan and deploy: rewrite the secrets Auth0 never returns and nothing fingerprints (a rotation). */
  rewriteSecrets: boolean;
  /** Where the build is written (default dist/<env>). */
  out?: string;
  /** export only: keep the dump in this folder instead of a temporary one. */
  keep?: string;
  /** plan only: the branch a pull request goes into, to announce production tier changes since it. */
  base?: string;
  /** The share (0..1] of the tenant's rate-limit budget the command's calls may use. */
  rateShare: number;
}

export const COMMON_OPTIONS = `  --env           environment (a file in <dir>/environments/; default: local)
  --format        text (default), markdown (what a pull request comment shows) or json
  --dir           folder holding tenant.yaml (default: tenant)
  --out           where the build is written (default: dist/<environment>)
  --rate-share    the share (above 0, at most 1) of the tenant's Management API rate limit this
                  command may use, leaving the rest to live traffic (default: AUTH0_RATE_SHARE, else 0.5)
  --help          show this help`;

export const TARGET_HELP = `The tenant: a real one when AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are all set (its
domain must be the environment's AUTH0_DOMAIN keyword); otherwise the local tenant on 127.0.0.1:8443,
started for the command, its state kept in .local-tenant/ (only for a local environment).`;

export function parseCommand(
  argv: string[],
  extra: { allowDelete?: boolean; keep?: boolean; base?: boolean } = {},
): CommandOptions | 'help' {
  const values = parseOptionValues(argv, {
    env: { type: 'string' },
    format: { type: 'string' },
    dir: { type: 'string' },
    out: { type: 'string' },
    'rate-share': { type: 'string' },
    help: { type: 'boolean' },
    ...(extra.allowDelete
      ? { 'allow-delete': { type: 'boolean' }, 'rewrite-secrets': { type: 'boolean' } }
      : {}),
    ...(extra.keep ? { keep: { type: 'string' } } : {}),
    ...(extra.base ? { base: { type: 'string' } } : {}),
  });
  if (values.help) return 'help';
  return {
    env: typeof values.env === 'string' ? values.env : 'local',
    format: formatOption(values.format, PLAN_FORMATS),
    dir: typeof values.dir === 'string' ? values.dir : 'tenant',
    allowDelete: values['allow-delete'] === true,
    rewriteSecrets: values['rewrite-secrets'] === true,
    rateShare: resolveRateShare(values['rate-share'], process.env),
    ...(typeof values.out === 'string' ? { out: values.out } : {}),
    ...(typeof values.keep === 'string' ? { keep: values.keep } : {}),
    ...(typeof values.base === 'string' ? { base: values.base } : {}),
  };
}

/** Runs plan, deploy or export in the shell every command shares. */
export function runCommand(
  usage: string,
  extra: { allowDelete?: boolean; keep?: boolean; base?: boolean },
  main: (options: CommandOptions) => Promise<number>,
): void {
  runCli(usage, (argv) => parseCommand(argv, extra), main);
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
    rateShare: options.rateShare,
  });
}

/** Progress goes to stderr, so that `--format json > plan.json` stays one JSON document. */
export function progressTo(stream: NodeJS.WritableStream): (line: string) => void {
  return (line) => stream.write(`  ${line}\n`);
}
