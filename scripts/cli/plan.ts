import { planHeading, planRun } from '../deploy/run';
import { appendStepSummary, setStepOutput } from '../deploy/step-summary';
import {
  formatTraffic,
  formatWriteBudget,
  type WriteBudget,
  writeBudget,
  writeRoutesOf,
} from '../deploy/traffic-report';
import type { TrafficCounts } from '../engine/protocol';
import { formatPlan, type PlanFormat, wouldWrite, writtenChanges } from '../plan/format';
import { planDigest } from '../plan/format-digest';
import { markdownText } from '../plan/format-escape';
import { printableLine } from '../printable';
import { tierChangesSince } from '../tenant/checks/tier';
import {
  COMMON_OPTIONS,
  type CommandOptions,
  openCommandRun,
  progressTo,
  runCommand,
  TARGET_HELP,
} from './command';
import { EXIT } from './shell';

const USAGE = `Usage: npm run plan -- [--env <environment>] [--format text|markdown|json] [--allow-delete] [--rewrite-secrets] [--dir tenant] [--base <git ref>]

Checks and builds the tenant, reads the target tenant and prints what a deploy would change: creates,
updates (each changed field, before -> after) and deletes, per resource type. Secrets are never shown.
Ends with the plan's digest: APPROVED_PLAN=<digest> npm run deploy deploys this plan and no other.
In GitHub Actions the digest is also the step output "digest".

${COMMON_OPTIONS}
  --allow-delete  count deletes as changes (a deploy only deletes with --allow-delete)
  --rewrite-secrets  plan the secrets Auth0 never returns and nothing can compare as rewritten, as
                  npm run deploy -- --rewrite-secrets writes them (a rotated email provider key)
  --base          the branch a pull request goes into (origin/main): any production environment whose
                  tier differs there is announced above the plan

${TARGET_HELP}

Exit code: 0 no changes, 2 changes, 1 error, 70 internal error (a bug).
`;

async function main(options: CommandOptions): Promise<number> {
  const run = await openCommandRun(options, { requireSecrets: false, progress: progressTo(process.stderr) });
  try {
    const { plan, traffic } = await planRun(run, { rewriteSecrets: options.rewriteSecrets });
    const heading = planHeading(run, 'plan', options.allowDelete);
    const notices = options.base ? tierChangesSince(options.dir, options.base) : [];
    const writing = writtenChanges(plan.changes, options.allowDelete);
    const budget = writeBudget(writing.length, traffic, {
      callsByRoute: writeRoutesOf(writing),
      share: options.rateShare,
    });
    const rate = { traffic, budget };
    const output = (format: PlanFormat) =>
      withRateLimits(withNotices(formatPlan(plan, format, heading), notices, format), rate, format);
    process.stdout.write(output(options.format));
    await appendStepSummary([output('markdown')]);
    // What the deploy job of a workflow checks its own plan against (APPROVED_PLAN).
    await setStepOutput('digest', planDigest(plan, heading));
    return wouldWrite(plan, options.allowDelete) ? EXIT.changes : EXIT.ok;
  } finally {
    await run.close();
  }
}

/**
 * Below the plan (outside its digest, which a deploy must find the same): the write calls the deploy makes
 * and the least time they take at the rate budget, and the calls the plan made. In JSON a `rateLimits` key.
 * As text, a plan with nothing to write ends where it always did (scripts read its last line) and the
 * calls go to stderr with the progress lines.
 */
function withRateLimits(
  output: string,
  rate: { traffic: TrafficCounts; budget: WriteBudget },
  format: PlanFormat,
): string {
  if (format === 'json') {
    const rateLimits = { reads: rate.traffic, deploy: rate.budget };
    return `${JSON.stringify({ ...JSON.parse(output), rateLimits }, null, 2)}\n`;
  }
  const calls = `the plan made ${formatTraffic(rate.traffic)}`;
  if (format === 'markdown') {
    const lines = [formatWriteBudget(rate.budget), calls].map((line) => `_${markdownText(line)}_`);
    return `${output.trimEnd()}\n\n${lines.join('\n\n')}\n`;
  }
  process.stderr.write(`  ${printableLine(calls)}\n`);
  if (rate.budget.writeCalls === 0) return output;
  return `${output.trimEnd()}\n\n${printableLine(formatWriteBudget(rate.budget))}\n`;
}

/** Tier changes above the plan: in markdown a quote a reviewer cannot miss; in JSON a `notices` list. */
function withNotices(output: string, notices: readonly string[], format: string): string {
  if (notices.length === 0) return output;
  if (format === 'json') return `${JSON.stringify({ notices, ...JSON.parse(output) }, null, 2)}\n`;
  const lines = notices.map((notice) =>
    format === 'markdown' ? `> **${markdownText(notice)}**` : `!! ${printableLine(notice)}`,
  );
  return `${lines.join('\n')}\n\n${output}`;
}

runCommand(USAGE, { allowDelete: true, base: true }, main);
