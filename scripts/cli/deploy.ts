import { deployRun, failureSummary } from '../deploy/deploy';
import { deployReportJson, formatDeployReport } from '../deploy/report';
import { appendStepSummary } from '../deploy/step-summary';
import { formatPlan } from '../plan/format';
import {
  COMMON_OPTIONS,
  type CommandOptions,
  openCommandRun,
  progressTo,
  runCommand,
  TARGET_HELP,
} from './command';
import { EXIT } from './shell';

const USAGE = `Usage: npm run deploy -- [--env <environment>] [--allow-delete] [--rewrite-secrets] [--format text|markdown|json] [--dir tenant]

Checks and builds the tenant, plans, then applies the plan with auth0-deploy-cli: only what changed is
written (no changes: no write at all). Secret values are read from the environment variables named in
<dir>/environments/<environment>.yaml; a missing one stops the deploy before anything is changed.

${COMMON_OPTIONS}
  --allow-delete  also delete what the tenant has and the file no longer lists (listed first in the plan)
  --rewrite-secrets  also write the secrets Auth0 never returns and the plan cannot compare (an email
                  provider's API key, a Guardian provider's token): how a rotated one is deployed

APPROVED_PLAN=<digest>: deploy only if this run's plan is the one whose digest npm run plan printed
(with the same --allow-delete); otherwise stop before the first write. Required in production.

${TARGET_HELP}

Exit code: 0 deployed (or nothing to deploy), 1 error, 70 internal error (a bug).
`;

async function main(options: CommandOptions): Promise<number> {
  const json = options.format === 'json';
  const progress = progressTo(json ? process.stderr : process.stdout);
  const run = await openCommandRun(options, { requireSecrets: true, progress });
  try {
    const result = await deployRun(run, {
      allowDelete: options.allowDelete,
      rewriteSecrets: options.rewriteSecrets,
      approvedPlan: process.env.APPROVED_PLAN,
      onProgress: progress,
      onPlan: (plan, heading) => {
        if (!json) process.stdout.write(formatPlan(plan, options.format, heading));
      },
    });
    // JSON is one document for tools: the plan and what the deploy did, printed once at the end.
    if (json) {
      const plan = JSON.parse(formatPlan(result.plan, 'json', result.heading));
      process.stdout.write(
        `${JSON.stringify(result.refusal ? plan : { plan, deploy: deployReportJson(result.report) }, null, 2)}\n`,
      );
    } else if (!result.refusal) process.stdout.write(formatDeployReport(result.report, 'text'));
    if (result.refusal) process.stderr.write(`error: ${result.refusal}\n`);
    await appendStepSummary(result.summary);
    return result.refusal ? EXIT.problems : EXIT.ok;
  } catch (error) {
    await appendStepSummary(failureSummary(options.env, error));
    throw error;
  } finally {
    await run.close();
  }
}

runCommand(USAGE, { allowDelete: true }, main);
