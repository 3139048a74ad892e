/**
 * The fleet: which tenants a deploy run deploys, in which waves, and what a failure stops. Plain data in,
 * plain data out; `.github/workflows/deploy.yml` runs one matrix job per wave from `waveOutputs`, and
 * `deployFleet` (run.ts) does the same with a deploy of its own, for the tests and a person's machine.
 */
import { PRODUCTION_WAVES, type Tier } from '../tenant/schema/environment';
import { UserError } from '../user-error';

/** One environment file, as the fleet reads it. */
export interface FleetEnvironment {
  env: string;
  tier: Tier | undefined;
  /** Its `wave:` (production only; default 1). */
  wave: number | undefined;
}

/** The waves in order: every development tenant first, then production wave 1, 2, ... */
export const WAVE_IDS: readonly string[] = [
  'development',
  ...Array.from({ length: PRODUCTION_WAVES }, (_, index) => `production-${index + 1}`),
];

export interface Wave {
  /** `development` or `production-<n>`: the name of its job in deploy.yml and of its output. */
  id: string;
  /** Environment names, sorted; empty when no selected tenant is in this wave. */
  tenants: string[];
}

/** What a run deploys: every tenant, one tier's, or one environment by name. */
export type Selection = 'all' | 'development' | 'production' | { env: string };

export function parseSelection(text: string): Selection {
  if (text === 'all' || text === 'development' || text === 'production') return text;
  return { env: text };
}

/** Which wave an environment deploys in, or undefined when the fleet never deploys it (local, no tier). */
export function waveOf(environment: FleetEnvironment): string | undefined {
  if (environment.tier === 'development') return 'development';
  if (environment.tier === 'production') return `production-${environment.wave ?? 1}`;
  return undefined;
}

/** Every wave, in order, with the selected tenants of each (a wave may be empty). */
export function fleetWaves(environments: readonly FleetEnvironment[], selection: Selection): Wave[] {
  const deployable = environments.filter((environment) => waveOf(environment) !== undefined);
  const selected = deployable.filter((environment) =>
    typeof selection === 'object'
      ? environment.env === selection.env
      : selection === 'all' || environment.tier === selection,
  );
  if (typeof selection === 'object' && selected.length === 0) {
    const names = deployable.map((environment) => environment.env).sort();
    const known = environments.some((environment) => environment.env === selection.env);
    const what = known
      ? `environment "${selection.env}" is not deployed by the fleet: only development and production tenants are`
      : `no environment "${selection.env}" in environments/`;
    throw new UserError(
      `${what}; select all, development, production, or one of: ${names.join(', ') || '(none)'}`,
    );
  }
  return WAVE_IDS.map((id) => ({
    id,
    tenants: selected
      .filter((environment) => waveOf(environment) === id)
      .map((environment) => environment.env)
      .sort(),
  }));
}

/** Each wave's tenants as a JSON list: deploy.yml's matrix of that wave's job (`[]`: the job is skipped). */
export function waveOutputs(waves: readonly Wave[]): Record<string, string> {
  return Object.fromEntries(waves.map((wave) => [wave.id, JSON.stringify(wave.tenants)]));
}

/**
 * The repository secrets a pull request plans a tenant with: `<ENV>_READONLY_AUTH0_DOMAIN`, `..._CLIENT_ID`
 * and `..._CLIENT_SECRET` of its read-only application (`dev` reads DEV_READONLY_AUTH0_DOMAIN).
 */
export function readOnlySecretsPrefix(env: string): string {
  return `${env.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_READONLY`;
}

/**
 * Every selected tenant, wave by wave, with the prefix of its read-only secrets: the matrix of the pull
 * request's plan job.
 */
export function planMatrix(waves: readonly Wave[]): string {
  const tenants = waves.flatMap((wave) => wave.tenants);
  return JSON.stringify(tenants.map((env) => ({ env, credentials: readOnlySecretsPrefix(env) })));
}

export type TenantResult = 'deployed' | 'failed';
export type WaveStatus = 'deployed' | 'failed' | 'stopped' | 'empty';

/**
 * What each wave came to, given the tenants' results so far. A wave with a failed tenant is failed (its
 * other tenants still finish: a deploy is never cancelled half way), and every wave after it is stopped,
 * as deploy.yml's `!failure()` does. A wave whose tenants have not all reported yet is `pending`.
 */
export function waveStatuses(
  waves: readonly Wave[],
  results: Readonly<Record<string, TenantResult>>,
): { id: string; status: WaveStatus | 'pending' }[] {
  let failedBefore = false;
  return waves.map((wave) => {
    if (failedBefore) return { id: wave.id, status: wave.tenants.length === 0 ? 'empty' : 'stopped' };
    if (wave.tenants.length === 0) return { id: wave.id, status: 'empty' };
    const outcomes = wave.tenants.map((env) => results[env]);
    if (outcomes.includes('failed')) {
      failedBefore = true;
      return { id: wave.id, status: 'failed' };
    }
    return {
      id: wave.id,
      status: outcomes.every((outcome) => outcome === 'deployed') ? 'deployed' : 'pending',
    };
  });
}
