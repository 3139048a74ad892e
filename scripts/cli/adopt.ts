import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { adoptTenants } from '../adopt/adopt';
import { checkMerged, mergeIntoRepository } from '../adopt/merge-into';
import { upperSnake } from '../adopt/places';
import {
  ADOPT_READ_SCOPES,
  AdoptCredentialsError,
  readTenant,
  refuseWritingCredentials,
} from '../adopt/read-tenant';
import { formatAdoptReport } from '../adopt/report';
import { readExportFolder, type TenantExport } from '../adopt/tenant-export';
import { DEPLOY_WORKFLOW, withAdoptedSecrets } from '../adopt/workflow';
import { refuseUncommitted, writeFiles } from '../adopt/write-files';
import type { Credentials } from '../engine/choose';
import { openTarget } from '../engine/open';
import { resolveRateShare } from '../engine/pacer';
import { formatReport } from '../tenant/format';
import { EXIT, parseOptionValues, runCli, UsageError } from './shell';

const USAGE = `Usage: npm run adopt -- --env <environment> [--env <environment> ...] [--from <env>=<folder>[@<domain>]] [--dir tenant] [--dry-run]

Reads existing tenants and writes this repository's files from them: tenant/tenant.yaml (values that
differ between the environments as keywords), tenant/environments/<env>.yaml for each, the Actions' code
under actions/<name>/ (kept as the JavaScript Auth0 runs, with a first test), database scripts, pages and
email bodies as files. Secrets are never written: each is named in its environment file with the
environment variable (TENANT_SECRET_<NAME>) a deploy reads it from. Each policy finding is waived with
"reason: adopted, review". Everything not written is listed in the report, with why.

Each environment is read from, in this order:
  --from <env>=<folder>   an \`a0deploy export --format yaml\` folder (append @<domain> when no client grant
                          in it names the tenant's domain)
  AUTH0_DOMAIN_<ENV>, AUTH0_CLIENT_ID_<ENV>, AUTH0_CLIENT_SECRET_<ENV>
                          a tenant (<ENV> upper case: AUTH0_DOMAIN_PROD); with one --env, AUTH0_DOMAIN,
                          AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET also do. Its Management API grant
                          may hold read scopes only; these read everything adopt reads:
                          ${ADOPT_READ_SCOPES.join(' ')}
  otherwise               the local tenant (127.0.0.1:8443, state in .local-tenant/), for one environment

  --dir       the tenant folder to write (default: tenant); actions/ is written beside it
  --dry-run   read, adopt and check, print the report, write nothing
  --merge     keep the repository's files and add only what the tenants have that they lack: a missing
              section whole, a missing item (by its identity) at the end of its list, with the keywords,
              secrets and files it needs; settings and per-environment sections are left as they are
  --rate-share  the share (above 0, at most 1) of each tenant's Management API rate limit the export
              may use (default: AUTH0_RATE_SHARE, else 0.5)
  --help      show this help

Refused: uncommitted changes in the tenant folder or actions/, credentials that can write, two places
that would get one keyword name.
Exit code: 0 adopted, 1 refused or the result does not check (nothing written), 70 internal error.
`;

interface Options {
  envs: string[];
  from: Map<string, { folder: string; domain?: string }>;
  dir: string;
  dryRun: boolean;
  /** Add to the repository's files only what the tenants have that they lack. */
  merge: boolean;
  /** The share (0..1] of each tenant's rate-limit budget the export may use. */
  rateShare: number;
}

function parseOptions(argv: string[]): Options | 'help' {
  const values = parseOptionValues(argv, {
    env: { type: 'string', multiple: true },
    from: { type: 'string', multiple: true },
    dir: { type: 'string' },
    'dry-run': { type: 'boolean' },
    merge: { type: 'boolean' },
    'rate-share': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  const envs = (values.env as string[] | undefined) ?? [];
  if (envs.length === 0)
    throw new UsageError('--env is required (once per environment: --env dev --env prod)');
  for (const env of envs) {
    if (!/^[a-z][a-z0-9-]*$/.test(env))
      throw new UsageError(`--env ${env}: use lower case letters, digits and dashes`);
  }
  if (new Set(envs.map(upperSnake)).size !== envs.length) {
    throw new UsageError(
      `--env ${envs.join(', ')}: two environments would read the same AUTH0_*_<ENV> variables`,
    );
  }
  const from = new Map<string, { folder: string; domain?: string }>();
  for (const entry of (values.from as string[] | undefined) ?? []) {
    const match = /^([^=]+)=(.+?)(?:@([A-Za-z0-9.:-]+))?$/.exec(entry);
    if (!match?.[1] || !match[2]) throw new UsageError(`--from ${entry}: write <env>=<folder>`);
    if (!envs.includes(match[1]))
      throw new UsageError(`--from ${entry}: ${match[1]} is not one of the --env given`);
    from.set(match[1], { folder: match[2], ...(match[3] ? { domain: match[3] } : {}) });
  }
  return {
    envs,
    from,
    dir: typeof values.dir === 'string' ? values.dir : 'tenant',
    dryRun: values['dry-run'] === true,
    merge: values.merge === true,
    rateShare: resolveRateShare(values['rate-share'], process.env),
  };
}

function credentialsFor(env: string, single: boolean): Credentials | undefined {
  const suffix = upperSnake(env);
  const read = (name: string) => {
    const value = process.env[`${name}_${suffix}`] ?? (single ? process.env[name] : undefined);
    return value?.trim() ? value.trim() : undefined;
  };
  const domain = read('AUTH0_DOMAIN');
  const clientId = read('AUTH0_CLIENT_ID');
  const clientSecret = read('AUTH0_CLIENT_SECRET');
  const set = [domain, clientId, clientSecret].filter(Boolean).length;
  if (set === 0) return undefined;
  if (set < 3) {
    throw new AdoptCredentialsError(
      `only some of AUTH0_DOMAIN_${suffix}, AUTH0_CLIENT_ID_${suffix}, AUTH0_CLIENT_SECRET_${suffix} are set: set all three, or none`,
    );
  }
  return { domain: domain as string, clientId: clientId as string, clientSecret: clientSecret as string };
}

runCli(USAGE, parseOptions, async (options) => {
  const root = process.cwd();
  const tenantDir = path.relative(root, path.resolve(options.dir)).split(path.sep).join('/');
  if (tenantDir.startsWith('..')) throw new UsageError(`--dir ${options.dir} is outside this repository`);
  if (!options.dryRun) refuseUncommitted(root, [tenantDir, 'actions', DEPLOY_WORKFLOW]);
  const progress = (line: string) => process.stderr.write(`  ${line}\n`);

  // Everything is decided before anything is read: a refused credential means no tenant was read.
  const plans = options.envs.map((env) => {
    const from = options.from.get(env);
    if (from) return { env, kind: 'folder' as const, ...from };
    const credentials = credentialsFor(env, options.envs.length === 1);
    return credentials ? { env, kind: 'tenant' as const, credentials } : { env, kind: 'local' as const };
  });
  const locals = plans.filter((plan) => plan.kind === 'local');
  if (locals.length > 1) {
    throw new UsageError(
      `${locals.map((plan) => plan.env).join(' and ')} have no credentials and no --from: only one environment can be the local tenant`,
    );
  }
  for (const plan of plans) if (plan.kind === 'tenant') await refuseWritingCredentials(plan.credentials);

  const exports: TenantExport[] = [];
  for (const plan of plans) {
    progress(`reading ${plan.env}`);
    if (plan.kind === 'folder') {
      exports.push(
        readExportFolder(path.resolve(plan.folder), plan.env, plan.domain ? { domain: plan.domain } : {}),
      );
      continue;
    }
    const target =
      plan.kind === 'tenant'
        ? await openTarget({ kind: 'tenant', credentials: plan.credentials })
        : await openTarget({ kind: 'local' });
    try {
      exports.push(
        await readTenant(plan.env, target, {
          local: plan.kind === 'local',
          onProgress: progress,
          rateShare: options.rateShare,
        }),
      );
    } finally {
      await target.close();
    }
  }

  const reservedNames = options.merge ? existingNames(root, tenantDir, options.envs) : [];
  const result = await adoptTenants(exports, { tenantDir, repoRoot: root, reservedNames });
  if (result.problems.length > 0) {
    process.stdout.write(
      formatReport({ env: options.envs.join(', '), problems: result.problems, waived: [] }, 'text'),
    );
    process.stderr.write('error: the adopted tenant does not check (above); nothing was written\n');
    return EXIT.problems;
  }
  if (options.merge)
    return mergeRun(result.files, { root, tenantDir, envs: options.envs, dryRun: options.dryRun });
  if (!options.dryRun) await writeFiles(root, result.files);
  process.stdout.write(formatAdoptReport(result.report, options.envs));
  if (options.dryRun) process.stdout.write('(--dry-run: nothing was written)\n');
  return EXIT.ok;
});

/** The keyword and secret names the repository's environment files use already. */
function existingNames(root: string, tenantDir: string, envs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const env of envs) {
    const file = path.join(root, tenantDir, 'environments', `${env}.yaml`);
    if (!existsSync(file)) continue;
    const data = parse(readFileSync(file, 'utf8')) as { keywords?: object; secrets?: object } | null;
    for (const part of [data?.keywords, data?.secrets])
      for (const name of Object.keys(part ?? {})) names.add(name);
  }
  return [...names];
}

async function mergeRun(
  fresh: ReadonlyMap<string, string>,
  options: { root: string; tenantDir: string; envs: readonly string[]; dryRun: boolean },
): Promise<number> {
  const merged = await mergeIntoRepository(fresh, options);
  const checked = await checkMerged(merged, options);
  if (checked.problems.length > 0) {
    process.stdout.write(
      formatReport({ env: options.envs.join(', '), problems: checked.problems, waived: [] }, 'text'),
    );
    process.stderr.write('error: the merged tenant does not check (above); nothing was written\n');
    return EXIT.problems;
  }
  // The deploy steps get the secrets the environment files now name (the merge may have added some).
  const workflowFile = path.join(options.root, ...DEPLOY_WORKFLOW.split('/'));
  if (checked.files.size > 0 && existsSync(workflowFile)) {
    // Every environment file, merged or not: a wave's matrix step names the secrets of all of them.
    const environmentsDir = path.join(options.root, ...options.tenantDir.split('/'), 'environments');
    const existing = existsSync(environmentsDir)
      ? readdirSync(environmentsDir)
          .filter((name) => name.endsWith('.yaml'))
          .map((name) => name.slice(0, -'.yaml'.length))
      : [];
    const secretsByEnv = Object.fromEntries(
      [...new Set([...existing, ...options.envs])].sort().map((env) => {
        const file = `${options.tenantDir}/environments/${env}.yaml`;
        const text =
          checked.files.get(file) ?? readFileSync(path.join(options.root, ...file.split('/')), 'utf8');
        const data = parse(text) as { secrets?: Record<string, unknown> } | null;
        // Only those read from a variable at deploy time (a local file's throwaway values are not).
        const fromVariables = Object.entries(data?.secrets ?? {}).filter(
          ([, source]) => typeof source === 'object' && source !== null && 'env' in source,
        );
        return [env, fromVariables.map(([name]) => name)];
      }),
    );
    const current = readFileSync(workflowFile, 'utf8');
    const updated = withAdoptedSecrets(current, secretsByEnv);
    if (updated.text !== current) checked.files.set(DEPLOY_WORKFLOW, updated.text);
  }
  if (!options.dryRun) await writeFiles(options.root, checked.files);
  const lines = [
    merged.added.length > 0
      ? `Added ${merged.added.length}: ${merged.added.join(', ')}`
      : 'Nothing to add: the repository has every item the tenants have.',
    ...(checked.waived > 0
      ? [`Waived ${checked.waived} policy finding(s) on them with "reason: adopted, review"`]
      : []),
    ...(merged.kept.length > 0
      ? [
          `Settings kept as the repository has them (compare by hand if they changed): ${merged.kept.join(', ')}`,
        ]
      : []),
    ...(checked.files.size > 0
      ? ['Wrote:', ...[...checked.files.keys()].sort().map((file) => `  ${file}`)]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n${options.dryRun ? '(--dry-run: nothing was written)\n' : ''}`);
  return EXIT.ok;
}
