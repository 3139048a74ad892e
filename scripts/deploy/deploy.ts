/**
 * The deploy stage as a function: plan the run, pass the delete gate, apply through the engine, and
 * return what happened, with the job summary's sections. `npm run deploy` only prints it.
 */
import { countChanges, formatPlan, type PlanHeading, wouldWrite } from '../plan/format';
import { planDigest } from '../plan/format-digest';
import { fencedBlock, inlineCode } from '../plan/format-escape';
import type { Plan } from '../plan/types';
import { applyPlan } from './apply';
import { approvalRefusal } from './approval';
import { type DeployReport, formatDeployReport } from './report';
import { planHeading, planRun, type Run } from './run';

export interface DeployOptions {
  allowDelete: boolean;
  /** Also write the secrets Auth0 never returns and nothing fingerprints (see PlanOptions). */
  rewriteSecrets?: boolean;
  /** APPROVED_PLAN as the person or the workflow deploying set it: the digest of the plan reviewers read. */
  approvedPlan: string | undefined;
  onProgress: (line: string) => void;
  /** Called with the plan before anything is written, so a reader sees it first. */
  onPlan?: (plan: Plan, heading: PlanHeading) => void;
}

export interface DeployResult {
  plan: Plan;
  heading: PlanHeading;
  /** Why the deploy wrote nothing although the plan has changes (not the approved plan). */
  refusal?: string;
  report: DeployReport;
  /** Markdown sections for the CI job summary: the plan, then the outcome or the refusal. */
  summary: string[];
}

export async function deployRun(run: Run, options: DeployOptions): Promise<DeployResult> {
  const { plan, current } = await planRun(run, { rewriteSecrets: options.rewriteSecrets === true });
  const heading = planHeading(run, 'plan', options.allowDelete);
  options.onPlan?.(plan, heading);
  const report: DeployReport = {
    env: run.env,
    target: run.target.label,
    plan,
    allowDelete: options.allowDelete,
  };
  const summary = [formatPlan(plan, 'markdown', heading)];
  const refusal = approvalRefusal({
    env: run.env,
    tier: run.loaded.environment?.tier,
    digest: planDigest(plan, heading),
    writes: wouldWrite(plan, options.allowDelete),
    approved: options.approvedPlan,
  });
  if (refusal) return { plan, heading, refusal, report, summary: [...summary, `> ${refusal}`] };
  if (!wouldWrite(plan, options.allowDelete)) {
    return { plan, heading, report, summary: [...summary, formatDeployReport(report, 'markdown')] };
  }
  const counts = countChanges(plan);
  options.onProgress(
    `applying ${counts.create} create(s), ${counts.update} update(s)` +
      `${options.allowDelete ? `, ${counts.delete} delete(s)` : ''} through auth0-deploy-cli`,
  );
  const outcome = await applyPlan({
    engine: run.engine,
    desired: run.desired.assets,
    current,
    plan,
    readTypes: run.readTypes,
    deployClientId: run.target.credentials.clientId,
    allowDelete: options.allowDelete,
    onProgress: options.onProgress,
  });
  const done = { ...report, outcome };
  return { plan, heading, report: done, summary: [...summary, formatDeployReport(done, 'markdown')] };
}

/** The job summary of a deploy that failed with an error. */
export function failureSummary(env: string, error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  return [
    [`### Auth0 deploy: ${inlineCode(env)} failed`, '', ...fencedBlock(message.split('\n'))].join('\n'),
  ];
}
