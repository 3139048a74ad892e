import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { keepFolderRefusal } from '../deploy/keep-folder';
import { planHeading, RunError } from '../deploy/run';
import { appendStepSummary } from '../deploy/step-summary';
import { formatTraffic } from '../deploy/traffic-report';
import { formatPlan } from '../plan/format';
import { planChanges } from '../plan/plan';
import {
  COMMON_OPTIONS,
  type CommandOptions,
  openCommandRun,
  progressTo,
  runCommand,
  TARGET_HELP,
} from './command';
import { EXIT } from './shell';

const USAGE = `Usage: npm run export -- [--env <environment>] [--format text|markdown|json] [--keep <folder>] [--dir tenant]

Dumps the target tenant with auth0-deploy-cli (into a temporary folder, removed afterwards) and reports
how it differs from the repository, in the plan's format: drift is what someone changed by hand.

${COMMON_OPTIONS}
  --keep          dump into this folder and keep it (it may hold values read from the tenant); it must
                  be new or empty

${TARGET_HELP}

Exit code: 0 no drift, 2 drift, 1 error, 70 internal error (a bug).
`;

async function main(options: CommandOptions): Promise<number> {
  // Before anything runs: a refused folder means nothing is read, built or written.
  const refusal = options.keep ? keepFolderRefusal(path.resolve(options.keep)) : undefined;
  if (refusal) throw new RunError(refusal);
  const run = await openCommandRun(options, { requireSecrets: false, progress: progressTo(process.stderr) });
  const folder = options.keep
    ? path.resolve(options.keep)
    : await mkdtemp(path.join(os.tmpdir(), 'auth0-export-'));
  try {
    const { state, traffic } = await run.engine.dump(folder, run.readTypes);
    process.stderr.write(`  ${formatTraffic(traffic)}\n`);
    const drift = planChanges(run.desired.assets, state, { deployClientId: run.target.credentials.clientId });
    const heading = planHeading(run, 'drift', true);
    process.stdout.write(formatPlan(drift, options.format, heading));
    await appendStepSummary([formatPlan(drift, 'markdown', heading)]);
    if (options.keep) process.stderr.write(`  the dump is in ${folder}\n`);
    return drift.changes.length > 0 ? EXIT.changes : EXIT.ok;
  } finally {
    if (!options.keep) await rm(folder, { recursive: true, force: true });
    await run.close();
  }
}

runCommand(USAGE, { keep: true }, main);
