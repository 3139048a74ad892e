import { planHeading, planRun } from '../deploy/run';
import { appendStepSummary, setStepOutput } from '../deploy/step-summary';
import { formatPlan, wouldWrite } from '../plan/format';
import { planDigest } from '../plan/format-digest';
import {
  COMMON_OPTIONS,
  type CommandOptions,
  openCommandRun,
  progressTo,
  runCommand,
  TARGET_HELP,
} from './command';
import { EXIT } from './shell';

const USAGE = `Usage: npm run plan -- [--env <environment>] [--format text|markdown|json] [--allow-delete] [--dir tenant]

Checks and builds the tenant, reads the target tenant and prints what a deploy would change: creates,
updates (each changed field, before -> after) and deletes, per resource type. Secrets are never shown.
Ends with the plan's digest: APPROVED_PLAN=<digest> npm run deploy deploys this plan and no other.
In GitHub Actions the digest is also the step output "digest".

${COMMON_OPTIONS}
  --allow-delete  count deletes as changes (a deploy only deletes with --allow-delete)

${TARGET_HELP}

Exit code: 0 no changes, 2 changes, 1 error, 70 internal error (a bug).
`;

async function main(options: CommandOptions): Promise<number> {
  const run = await openCommandRun(options, { requireSecrets: false, progress: progressTo(process.stderr) });
  try {
    const { plan } = await planRun(run);
    const heading = planHeading(run, 'plan', options.allowDelete);
    process.stdout.write(formatPlan(plan, options.format, heading));
    await appendStepSummary([formatPlan(plan, 'markdown', heading)]);
    // What the deploy job of a workflow checks its own plan against (APPROVED_PLAN).
    await setStepOutput('digest', planDigest(plan, heading));
    return wouldWrite(plan, options.allowDelete) ? EXIT.changes : EXIT.ok;
  } finally {
    await run.close();
  }
}

runCommand(USAGE, { allowDelete: true }, main);
