import { type Problem, problemAt } from './problem';
import { locate, type PositionMap } from './source-map';

/**
 * An environment file's `wave:` orders production tenants only: development tenants all deploy first and
 * a local one never deploys from CI, so a wave there would promise an order nothing keeps. (Its range is
 * the schema's.)
 */
export function waveTierProblem(
  data: Readonly<Record<string, unknown>>,
  sources: PositionMap,
  file: string,
): Problem | undefined {
  if (!('wave' in data) || data.tier === 'production') return undefined;
  return problemAt(locate(sources, '/wave', file), {
    path: 'wave',
    rule: 'fleet/wave-not-production',
    message: `wave orders production tenants only; this environment's tier is ${String(data.tier)}`,
    hint:
      data.tier === 'development'
        ? 'remove "wave:": development tenants all deploy first, before every production wave'
        : 'remove "wave:": a local environment is never deployed by the workflow',
    expected: 'no wave (or tier: production)',
    found: `wave: ${String(data.wave)}`,
  });
}
