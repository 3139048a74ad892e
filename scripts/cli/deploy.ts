import { applyPlan } from '../deploy/apply';
import {
  COMMON_OPTIONS,
  type CommandOptions,
  openCommandRun,
  progressTo,
  runCommand,
  TARGET_HELP,
} from '../deploy/command';
import { deleteRefusal } from '../deploy/deletes';
import { type DeployReport, deployReportJson, formatDeployReport } from '../deploy/report';
import { planHeading, planRun } from '../deploy/run';
import { appendStepSummary } from '../deploy/step-summary';
import { countChanges, formatPlan, wouldWrite } from '../plan/format';

const USAGE = `Usage: npm run deploy -- [--env <environment>] [--allow-delete] [--format text|markdown|json] [--dir tenant]

Checks and builds the tenant, plans, then applies the plan with auth0-deploy-cli: only what changed is
written (no changes: no write at all). Secret values are read from the environment variables named in
<dir>/environments/<environment>.yaml; a missing one stops the deploy before anything is changed.

${COMMON_OPTIONS}
  --allow-delete  also delete what the tenant has and the file no longer lists (listed first in the plan);
                  in production, CONFIRM_DELETES must also be set to the number of deletes the plan shows

${TARGET_HELP}

Exit code: 0 deployed (or nothing to deploy), 1 error.
`;

async function main(options: CommandOptions): Promise<number> {
  const progress = progressTo(options.format === 'json' ? process.stderr : process.stdout);
  const run = await openCommandRun(options, { requireSecrets: true, progress });
  try {
    const { plan, current } = await planRun(run);
    const heading = planHeading(run, 'plan', options.allowDelete);
    const json = options.format === 'json';
    // JSON is one document for tools: the plan and what the deploy did, printed once at the end.
    const finish = (report: DeployReport) => {
      process.stdout.write(
        json
          ? `${JSON.stringify({ plan: JSON.parse(formatPlan(plan, 'json', heading)), deploy: deployReportJson(report) }, null, 2)}\n`
          : formatDeployReport(report, 'text'),
      );
    };
    if (!json) process.stdout.write(formatPlan(plan, options.format, heading));
    const summary = [formatPlan(plan, 'markdown', heading)];
    const refusal = deleteRefusal({
      plan,
      allowDelete: options.allowDelete,
      env: options.env,
      tier: run.loaded.environment?.tier,
      confirmed: process.env.CONFIRM_DELETES,
    });
    if (refusal) {
      if (json) process.stdout.write(formatPlan(plan, 'json', heading));
      process.stderr.write(`error: ${refusal}\n`);
      await appendStepSummary([...summary, `> ${refusal}`]);
      return 1;
    }
    const report = { env: options.env, target: run.target.label, plan, allowDelete: options.allowDelete };
    if (!wouldWrite(plan, options.allowDelete)) {
      finish(report);
      await appendStepSummary([...summary, formatDeployReport(report, 'markdown')]);
      return 0;
    }
    const counts = countChanges(plan);
    progress(
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
      onProgress: progress,
    });
    finish({ ...report, outcome });
    await appendStepSummary([...summary, formatDeployReport({ ...report, outcome }, 'markdown')]);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await appendStepSummary([`### Auth0 deploy: \`${options.env}\` failed\n\n\`\`\`\n${message}\n\`\`\``]);
    throw error;
  } finally {
    await run.close();
  }
}

runCommand(USAGE, { allowDelete: true }, main);
