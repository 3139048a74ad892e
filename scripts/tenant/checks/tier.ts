import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { LoadedTenant } from '../load';
import { isLocalHost } from '../policy/urls';
import { type Problem, problemAt } from '../problem';
import type { Tier } from '../schema/environment';
import { locate } from '../source-map';

/**
 * The tier decides which policy applies, and the environment file sets it itself: `tier: local` relaxes
 * nearly every rule and lets secrets be written in the file. So `local` belongs only to an environment
 * whose tenant is the local stand-in on this machine; any other gets the production policy regardless.
 */
export function isLoopbackDomain(domain: unknown): boolean {
  if (typeof domain !== 'string') return false;
  const host = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(domain.trim())?.[1]?.toLowerCase();
  // The same hosts the URL policy lets use http outside production.
  return isLocalHost(host);
}

export interface TierDecision {
  /** The tier whose policy applies. */
  tier: Tier;
  problems: Problem[];
}

export function decideTier(loaded: LoadedTenant): TierDecision {
  const environment = loaded.environment;
  // An environment file with no valid tier already failed its schema check; hold it to production rules.
  const declared = environment?.tier ?? 'production';
  if (declared !== 'local' || !environment || isLoopbackDomain(loaded.keywords.AUTH0_DOMAIN)) {
    return { tier: declared, problems: [] };
  }
  const domain = loaded.keywords.AUTH0_DOMAIN;
  return {
    tier: 'production',
    problems: [
      problemAt(locate(environment.sources, '/tier', environment.file), {
        path: 'tier',
        rule: 'environments/local-tier',
        message: `tier local is only for the local tenant on this machine, but AUTH0_DOMAIN is ${typeof domain === 'string' ? `"${domain}"` : 'not set'}: the production policy applies`,
        hint: 'set tier: production (or development) for a real tenant; tier: local needs AUTH0_DOMAIN: 127.0.0.1:<port>',
      }),
    ],
  };
}

/**
 * A production environment whose tier changed since `base` (the branch a pull request goes into): the
 * first thing a reviewer must see, since every rule relaxes with it. Undefined when nothing changed, or
 * the environment is new.
 */
export function tierChange(
  environment: { env: string; file: string; tier: unknown },
  baseText: string | undefined,
  base: string,
): string | undefined {
  if (baseText === undefined) return undefined;
  const before = tierIn(baseText);
  const wasProduction = before === 'production' || environment.env === 'prod';
  if (!wasProduction || before === environment.tier) return undefined;
  return `TIER CHANGE: environment ${environment.env} was tier ${String(before)} on ${base} and is now ${String(environment.tier ?? '(none)')} in ${environment.file}: the production policy no longer decides what this environment may do`;
}

function tierIn(text: string): unknown {
  try {
    return (parse(text) as { tier?: unknown } | null)?.tier;
  } catch {
    return undefined;
  }
}

/** The tier changes of every environment file in `<dir>/environments/` since `base`. */
export function tierChangesSince(dir: string, base: string): string[] {
  const folder = path.join(dir, 'environments');
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
    : [];
  return files.flatMap((name) => {
    const file = path.join(folder, name);
    const change = tierChange(
      { env: name.slice(0, -'.yaml'.length), file, tier: tierIn(readFileSync(file, 'utf8')) },
      environmentAt(base, file),
      base,
    );
    return change ? [change] : [];
  });
}

/** The environment file as it is on `base` (a git ref), or undefined when git has none there. */
export function environmentAt(base: string, file: string): string | undefined {
  try {
    const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
    const relative = path.relative(root, path.resolve(file)).split(path.sep).join('/');
    return execFileSync('git', ['show', `${base}:${relative}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}
