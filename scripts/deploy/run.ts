import path from 'node:path';
import { type BuildResult, buildTenant, formatBuild } from '../bundle/index';
import { chooseTarget, TargetError } from '../engine/choose';
import { type EngineSession, startEngine } from '../engine/engine-session';
import { openTarget, type Target } from '../engine/open';
import type { TrafficCounts } from '../engine/protocol';
import type { LocalTenantOptions } from '../local-tenant/local-tenant';
import { fingerprintKey } from '../plan/fingerprints';
import type { PlanHeading } from '../plan/format';
import { planChanges } from '../plan/plan';
import { type Sealed, sealSecrets } from '../plan/seal';
import type { Plan, TenantState } from '../plan/types';
import { RESOURCE_TYPES } from '../resources/index';
import { type LoadedTenant, loadTenant, readSecretValues } from '../tenant/index';
import { UserError } from '../user-error';

/** A mistake the user can fix (missing credentials, a failed build): printed as it is, exit code 1. */
export class RunError extends UserError {}

export interface RunOptions {
  dir: string;
  env: string;
  /** Where the build goes (default dist/<env>). */
  outDir?: string;
  /** Where credentials and secret values are read from (default process.env). */
  variables?: Readonly<Record<string, string | undefined>>;
  /** Stop when a secret's value is missing (deploy), or plan without comparing it (plan, export). */
  requireSecrets: boolean;
  onProgress: (line: string) => void;
  /** Use this target instead of resolving one (tests, benchmarks). */
  target?: Target;
  localTenant?: LocalTenantOptions;
  /** The share of the tenant's rate-limit budget the engine may use (default AUTH0_RATE_SHARE, else 0.5). */
  rateShare?: number;
}

/** Everything a plan, a deploy or an export works with, open until `close()`. */
export interface Run {
  env: string;
  loaded: LoadedTenant;
  target: Target;
  engine: EngineSession;
  /** The built tenant as deploy-cli reads it, secrets filled in and fingerprinted. */
  desired: Sealed;
  /** Secret values, so that nothing prints them. */
  secretValues: string[];
  /** Types read from the tenant: those the tenant file manages, and clients for their names. */
  readTypes: string[];
  build: BuildResult;
  close(): Promise<void>;
}

/**
 * The common start of plan, deploy and export: load and check the tenant, decide the target (before
 * anything runs), build, read the secrets, then start the target and the engine and load the build.
 */
export async function openRun(options: RunOptions): Promise<Run> {
  const variables = options.variables ?? process.env;
  const loaded = await loadTenant({ dir: options.dir, env: options.env });
  const environment = loaded.environment;
  if (!environment) {
    const problem = loaded.problems.find((item) => item.severity === 'error');
    throw new RunError(
      problem
        ? `${problem.file}: ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`
        : `environment ${options.env} could not be read`,
    );
  }
  const choice = options.target
    ? undefined
    : chooseTarget({
        env: options.env,
        tier: environment.tier,
        domainKeyword: loaded.keywords.AUTH0_DOMAIN,
        environmentFile: environment.file,
        variables,
      });

  const secrets = readSecretValues(loaded.secrets, variables);
  if (options.requireSecrets && secrets.missing.length > 0) {
    const list = secrets.missing.map(({ key, env }) => `${key} (from ${env})`).join(', ');
    throw new RunError(
      `missing secret values: ${list}: set them in the environment before deploying; nothing was changed`,
    );
  }
  const secretValues = Object.values(secrets.values);
  const secretVariables = Object.values(loaded.secrets).flatMap((source) =>
    'env' in source ? [source.env] : [],
  );

  // The build and the engine's start overlap; a failed build closes the engine. The engine process is
  // started first: the build begins with the check, 0.1 s of work that would otherwise delay its fork.
  const outDir = options.outDir ?? path.join('dist', options.env);
  const starting = (async () => {
    const target = options.target ?? (await openTarget(choice ?? { kind: 'local' }, options.localTenant));
    try {
      const engine = await startEngine({
        target,
        onProgress: options.onProgress,
        secrets: secretValues,
        secretVariables,
        ...(options.rateShare === undefined ? {} : { rateShare: options.rateShare }),
      });
      return { target, engine };
    } catch (error) {
      await target.close();
      throw error;
    }
  })();
  const building = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
    buildTenant(loaded, { outDir, environment: variables }),
  );
  const [built, started] = await Promise.allSettled([building, starting]);
  const close = async () => {
    if (started.status !== 'fulfilled') return;
    await started.value.engine.close();
    await started.value.target.close();
  };
  try {
    if (built.status === 'rejected') throw built.reason;
    if (!built.value.ok) throw new RunError(formatBuild(built.value, 'text').trimEnd());
    if (started.status === 'rejected') throw started.reason;
    const { target, engine } = started.value;
    if (!built.value.output) throw new Error('the build succeeded but handed on no output');
    const loadedBuild = await engine.load(built.value.output);
    const desired = sealSecrets(loadedBuild, {
      names: Object.keys(loaded.secrets),
      values: secrets.values,
      places: built.value.output.secretPlaces,
      key: fingerprintKey(target.credentials.clientSecret),
    });
    const managed = Object.keys(desired.assets);
    const readTypes = needsClientNames(desired.assets) ? [...new Set([...managed, 'clients'])] : managed;
    return {
      env: options.env,
      loaded,
      target,
      engine,
      desired,
      secretValues,
      readTypes,
      build: built.value,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function needsClientNames(desired: TenantState): boolean {
  return RESOURCE_TYPES.some(
    (type) => type.key in desired && (type.references ?? []).some((reference) => reference.to === 'clients'),
  );
}

export { TargetError };

/** Reads the tenant and plans the deploy of the build onto it. */
export async function planRun(
  run: Run,
  options: { rewriteSecrets?: boolean } = {},
): Promise<{ plan: Plan; current: TenantState; traffic: TrafficCounts }> {
  const { state, traffic } = await run.engine.read(run.readTypes);
  const plan = planChanges(run.desired.assets, state, {
    deployClientId: run.target.credentials.clientId,
    rewriteSecrets: options.rewriteSecrets === true,
  });
  return { plan, current: state, traffic };
}

export function planHeading(run: Run, mode: PlanHeading['mode'], allowDelete: boolean): PlanHeading {
  return { mode, env: run.env, target: run.target.label, allowDelete };
}
