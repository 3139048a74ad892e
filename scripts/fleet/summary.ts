/**
 * One plan summary for the whole fleet: the pull request's comment and the run's summary. A table of every
 * tenant, wave by wave, with what its plan came to, then each tenant's own plan (`npm run plan --format
 * markdown`, already escaped) below it.
 */
import { inlineCode } from '../plan/format-escape';
import type { Wave } from './waves';

export interface TenantPlan {
  env: string;
  /** `npm run plan`'s exit code; undefined when the plan did not run (no read-only credentials). */
  exitCode: number | undefined;
  /** Its markdown, when it printed one. */
  markdown: string | undefined;
}

function result(plan: TenantPlan | undefined): string {
  if (plan?.exitCode === undefined) return 'skipped: no read-only credentials for this run';
  if (plan.exitCode === 0) return 'no changes';
  if (plan.exitCode === 2) return '**changes**';
  return `**plan failed** (exit ${plan.exitCode})`;
}

export function fleetPlanSummary(waves: readonly Wave[], plans: readonly TenantPlan[]): string {
  const byEnv = new Map(plans.map((plan) => [plan.env, plan]));
  const tenants = waves.flatMap((wave) => wave.tenants.map((env) => ({ wave: wave.id, env })));
  const changed = tenants.filter(({ env }) => byEnv.get(env)?.exitCode === 2).length;
  const out = [
    `### Auth0 plan for the fleet: ${tenants.length} tenant${tenants.length === 1 ? '' : 's'}, ${changed} with changes`,
    '',
    '| Wave | Tenant | Plan |',
    '|---|---|---|',
    ...tenants.map(({ wave, env }) => `| ${wave} | ${inlineCode(env, true)} | ${result(byEnv.get(env))} |`),
  ];
  for (const { env } of tenants) {
    const markdown = byEnv.get(env)?.markdown?.trim();
    if (markdown) out.push('', markdown);
  }
  return `${out.join('\n')}\n`;
}
