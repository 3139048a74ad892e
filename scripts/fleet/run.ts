import type { TenantResult, Wave } from './waves';
import { waveStatuses } from './waves';

/**
 * Deploys the fleet the way deploy.yml does: wave after wave, at most `maxParallel` tenants of a wave at
 * once, every tenant of a wave finishing even when one fails, and no wave after a failed one. `deploy` is
 * one tenant's plan and deploy; it answers how that went.
 */
export async function deployFleet(
  waves: readonly Wave[],
  deploy: (env: string) => Promise<TenantResult>,
  options: { maxParallel: number },
): Promise<{ results: Record<string, TenantResult>; statuses: ReturnType<typeof waveStatuses> }> {
  const results: Record<string, TenantResult> = {};
  for (const wave of waves) {
    const before = waveStatuses(waves, results).find((status) => status.id === wave.id);
    if (before?.status === 'stopped' || before?.status === 'empty') continue;
    const queue = [...wave.tenants];
    const lane = async () => {
      for (let env = queue.shift(); env !== undefined; env = queue.shift()) {
        results[env] = await deploy(env).catch((): TenantResult => 'failed');
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.maxParallel) }, lane));
  }
  return { results, statuses: waveStatuses(waves, results) };
}
