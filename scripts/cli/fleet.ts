import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setStepOutput } from '../deploy/step-summary';
import { readFleet } from '../fleet/read';
import { fleetPlanSummary, type TenantPlan } from '../fleet/summary';
import { fleetWaves, parseSelection, planMatrix, type Wave, waveOutputs } from '../fleet/waves';
import { FORMATS, formatReport } from '../tenant/format';
import { countBySeverity } from '../tenant/problem';
import { EXIT, formatOption, parseOptionValues, runCli } from './shell';

const USAGE = `Usage: npm run fleet -- [--select all|development|production|<environment>] [--dir tenant] [--format text|github]

Prints which tenants a deploy deploys, wave by wave: every development tenant first, then the production
tenants by the "wave:" of their environment files (1 when absent). In GitHub Actions each wave's tenants
are also set as a step output (development, production-1, ...): a JSON list, the matrix of that wave's job
in .github/workflows/deploy.yml; and "tenants", every tenant with the prefix of its read-only secrets
(the matrix of the pull request's plans). Environment files of tier local are never deployed by the fleet.

With --plans <folder>, prints instead one markdown summary of the fleet's plans: <folder>/<env>.md (npm
run plan --format markdown) and <folder>/<env>.exit (its exit code) for each tenant that was planned.

  --select   all (default), development, production, or one environment's name
  --dir      folder holding environments/ (default: tenant)
  --format   text (default) or github (problems as annotations)
  --plans    a folder of the tenants' plans: print their combined summary
  --help     show this help

Exit code: 0, or 1 when an environment file's place in the fleet is wrong (printed at file:line:column).
`;

interface Options {
  select: string;
  dir: string;
  format: 'text' | 'github';
  plans?: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  const values = parseOptionValues(argv, {
    select: { type: 'string' },
    dir: { type: 'string' },
    format: { type: 'string' },
    plans: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  return {
    select: typeof values.select === 'string' ? values.select : 'all',
    dir: typeof values.dir === 'string' ? values.dir : 'tenant',
    format: formatOption(
      values.format,
      FORMATS.filter((format) => format !== 'json'),
    ),
    ...(typeof values.plans === 'string' ? { plans: values.plans } : {}),
  };
}

runCli(USAGE, parseOptions, async (options) => {
  const { environments, problems } = await readFleet(options.dir);
  if (countBySeverity(problems).errors > 0) {
    process.stdout.write(
      formatReport({ env: 'environments/ (the fleet)', problems, waived: [] }, options.format),
    );
    return EXIT.problems;
  }
  const waves = fleetWaves(environments, parseSelection(options.select));
  if (options.plans !== undefined) {
    process.stdout.write(fleetPlanSummary(waves, readPlans(waves, options.plans)));
    return EXIT.ok;
  }
  for (const [id, tenants] of Object.entries(waveOutputs(waves))) await setStepOutput(id, tenants);
  await setStepOutput('tenants', planMatrix(waves));
  for (const wave of waves) {
    process.stdout.write(`${wave.id.padEnd(14)} ${wave.tenants.join(', ') || '(none)'}\n`);
  }
  return EXIT.ok;
});

/** The plans a folder holds, one per tenant that was planned (a tenant without one was skipped). */
function readPlans(waves: readonly Wave[], folder: string): TenantPlan[] {
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  return waves.flatMap((wave) =>
    wave.tenants.map((env) => {
      const exit = read(path.join(folder, `${env}.exit`))?.trim();
      return {
        env,
        exitCode: exit === undefined || exit === '' ? undefined : Number(exit),
        markdown: read(path.join(folder, `${env}.md`)),
      };
    }),
  );
}
