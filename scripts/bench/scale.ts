/**
 * The check on large generated tenants (issue 15, "Scale of one tenant"): the issue's tenant (3,000
 * clients, 500 connections, 200 APIs, 1,000 organizations) and 10,000 clients, each read from its YAML
 * files and checked as `npm run check` does, and the same 10,000 clients through deploy-cli's own schema
 * validation (what `a0deploy import` runs on a loaded tenant: a new ajv, its whole schema compiled and
 * applied). Beside each read, the same tenant.yaml through `yaml` alone, the reader before the quick one
 * (yaml-common.ts). Wall time and CPU time: on a busy machine the CPU time is the steadier figure.
 *
 * The read and the check run from an esbuild bundle made as every command's is (scripts/cli/launch.mjs),
 * not through tsx, which wraps every function it creates in a call that names it: that made the check
 * half as slow again as `npm run check` runs it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bundledEntry } from '../cli/launch.mjs';
import { parseWithYaml } from '../tenant/yaml-file';
import {
  DEFAULT_SIZE,
  describeSize,
  TEN_THOUSAND_CLIENTS,
  type TenantSize,
  writeGeneratedTenant,
} from './generated-tenant';
import { formatMs, printSection } from './measure';

interface Measured {
  wallMs: number;
  cpuMs: number;
}

async function measure<T>(task: () => T | Promise<T>): Promise<Measured & { value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await task();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const execFileAsync = promisify(execFile);

const show = (m: Measured) => `${formatMs(m.wallMs)} wall, ${formatMs(m.cpuMs)} CPU`;

/**
 * The garbage of what ran before (another tenant, `yaml`'s comparison read) collected, so each run starts
 * as a command does, in a process that has done nothing else. The read's own garbage stays for the check.
 */
v8.setFlagsFromString('--expose-gc');
// The tenant stages as a command has them: one bundle, made once and cached like the commands' own.
const STAGES_BUNDLE = pathToFileURL(
  await bundledEntry(path.join(import.meta.dirname, '../tenant/index.ts')),
).href;
const stages: typeof import('../tenant/index') = await import(STAGES_BUNDLE);
const { checkTenant, loadTenant } = stages;
const collectGarbage = runInNewContext('gc') as () => void;

/** How many times each tenant is read and checked afresh: one run on a 2-core machine varies by a third. */
const RUNS = 5;
/**
 * How many fresh processes read and check it once each (each reads the tenant anew, about 0.5 s). Seven:
 * one fresh check on this 2-core machine ranged 120-205 ms, and a median of three moved with it.
 */
const FRESH_RUNS = 7;
/** How many fresh processes run deploy-cli's validation on the 10,000 clients (about 12 s each). */
const DEPLOY_CLI_RUNS = 3;
const DEPLOY_CLI_BUNDLE = pathToFileURL(
  await bundledEntry(path.join(import.meta.dirname, 'deploy-cli-validation.ts')),
).href;

interface Runs {
  count: number;
  first: Measured;
  median: Measured;
}

/** The middle value (the upper of the two middle ones for an even count). */
const medianOf = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

function summarize(samples: Measured[]): Runs {
  const first = samples[0];
  if (!first) throw new Error('no runs measured');
  return {
    count: samples.length,
    first,
    median: {
      wallMs: medianOf(samples.map(({ wallMs }) => wallMs)),
      cpuMs: medianOf(samples.map(({ cpuMs }) => cpuMs)),
    },
  };
}

const showRuns = ({ count, first, median }: Runs) =>
  `${show(median)} (median of ${count}; first ${show(first)})`;

/** Defines `time(task)` in a fresh process's script: its wall and CPU time, as `measure` above. */
const TIME_IN_SCRIPT = `
const time = async (task) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await task();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
};
`;

/** Runs `script` (ES module text, given `args` as process.argv) in a new Node process; what it wrote, as JSON. */
async function inFreshProcess<T>(script: string, args: readonly string[]): Promise<T> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--input-type=module', '-e', `${TIME_IN_SCRIPT}${script}`, ...args],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as T;
}

/**
 * The read and the check once in a process that has done nothing else, as `npm run check` runs them:
 * nothing is optimized yet. The runs above follow the smaller tenant's, in a process already warm.
 */
const FRESH_RUN = `
const [stagesUrl, dir] = process.argv.slice(1);
const { loadTenant, checkTenant } = await import(stagesUrl);
let loaded;
const load = await time(async () => { loaded = await loadTenant({ dir, env: 'local' }); });
const check = await time(() => checkTenant(loaded));
process.stdout.write(JSON.stringify({ load, check }));
`;

interface FreshRuns {
  load: Runs;
  check: Runs;
  /** deploy-cli's validation, each run between two of our fresh checks, when asked for. */
  deployCli?: Runs;
  /** Per deploy-cli run, its time ÷ the mean of the two checks beside it: wall, then CPU. */
  pairedRatios?: { wall: number; cpu: number }[];
}

/**
 * Our fresh checks, with deploy-cli's runs (when asked for) between them: c c D c c D c c D c. This VM's
 * speed swings by half within minutes, so medians taken a minute apart gave ratios from 54x to 97x for
 * the same code; each deploy-cli run is also set against the two checks run just before and after it.
 */
async function freshRuns(dir: string, { deployCli = false } = {}): Promise<FreshRuns> {
  const loads: Measured[] = [];
  const checks: Measured[] = [];
  const deployCliRuns: Measured[] = [];
  const betweenChecks: number[] = [];
  for (let run = 0; run < FRESH_RUNS; run++) {
    if (deployCli && run > 0 && run % 2 === 0 && deployCliRuns.length < DEPLOY_CLI_RUNS) {
      betweenChecks.push(checks.length);
      deployCliRuns.push(
        await inFreshProcess<Measured>(DEPLOY_CLI_RUN, [STAGES_BUNDLE, DEPLOY_CLI_BUNDLE, dir]),
      );
    }
    const { load, check } = await inFreshProcess<{ load: Measured; check: Measured }>(FRESH_RUN, [
      STAGES_BUNDLE,
      dir,
    ]);
    loads.push(load);
    checks.push(check);
  }
  const fresh: FreshRuns = { load: summarize(loads), check: summarize(checks) };
  if (!deployCli) return fresh;
  const pairedRatios = deployCliRuns.map((theirs, at) => {
    const after = betweenChecks[at] ?? 0;
    const beside = [checks[after - 1], checks[after]].filter((check) => check !== undefined);
    const mean = (key: keyof Measured) => beside.reduce((sum, check) => sum + check[key], 0) / beside.length;
    return { wall: theirs.wallMs / mean('wallMs'), cpu: theirs.cpuMs / mean('cpuMs') };
  });
  return { ...fresh, deployCli: summarize(deployCliRuns), pairedRatios };
}

/** deploy-cli's validation of the tenant in `dir` as resolved, alone in a process: only the validation is timed. */
const DEPLOY_CLI_RUN = `
const [stagesUrl, validationUrl, dir] = process.argv.slice(1);
const { loadTenant, resolveKeywords } = await import(stagesUrl);
const { deployCliValidate } = await import(validationUrl);
const assets = resolveKeywords(await loadTenant({ dir, env: 'local' })).tenant;
process.stdout.write(JSON.stringify(await time(() => deployCliValidate(assets))));
`;

interface Checked {
  fresh: FreshRuns;
  load: Runs;
  check: Runs;
  readAndCheck: Runs;
  /** The same tenant.yaml read by `yaml` alone, the reader every file went through before yaml-common.ts. */
  fullReader: Measured;
}

async function checkGenerated(size: TenantSize, { deployCli = false } = {}): Promise<Checked> {
  const folder = await writeGeneratedTenant(size);
  try {
    // First, while this process holds no tenant. Run after the runs below, the fresh checks took 150 ms
    // (median), against 110-126 ms run first or from a shell: likely this process's collector threads on
    // its large heap, taking the second core.
    collectGarbage();
    const fresh = await freshRuns(folder.dir, { deployCli });
    const loads: Measured[] = [];
    const checks: Measured[] = [];
    for (let run = 0; run < RUNS; run++) {
      collectGarbage();
      const load = await measure(() => loadTenant({ dir: folder.dir, env: 'local' }));
      const check = await measure(() => checkTenant(load.value));
      const errors = check.value.filter((problem) => problem.severity === 'error');
      if (errors.length > 0) {
        throw new Error(
          `the generated tenant (${describeSize(size)}) fails our check: ${errors[0]?.message}`,
        );
      }
      // The figures only: a run's tenant is garbage for the next one, as in a process of its own.
      loads.push({ wallMs: load.wallMs, cpuMs: load.cpuMs });
      checks.push({ wallMs: check.wallMs, cpuMs: check.cpuMs });
    }
    const text = await readFile(path.join(folder.dir, 'tenant.yaml'), 'utf8');
    collectGarbage();
    const fullReader = await measure(() => parseWithYaml(text, 'tenant.yaml'));
    const both = loads.map((load, run) => ({
      wallMs: load.wallMs + (checks[run]?.wallMs ?? 0),
      cpuMs: load.cpuMs + (checks[run]?.cpuMs ?? 0),
    }));
    return {
      fresh,
      load: summarize(loads),
      check: summarize(checks),
      readAndCheck: summarize(both),
      fullReader,
    };
  } finally {
    await folder.remove();
  }
}

export async function bench(): Promise<void> {
  // The first check in a process also pays for what is done once (the schema validators): as a CLI does.
  const issueTenant = await checkGenerated(DEFAULT_SIZE);
  const tenThousand = await checkGenerated(TEN_THOUSAND_CLIENTS, { deployCli: true });
  const { deployCli, pairedRatios = [] } = tenThousand.fresh;
  if (!deployCli) throw new Error('deploy-cli was not measured');
  const paired = pairedRatios.map(({ wall }) => `${wall.toFixed(0)}x`).join(', ');
  const ratio = (a: number, b: number) => `${(a / b).toFixed(0)}x`;
  const against = (ours: Measured) =>
    `${ratio(deployCli.median.wallMs, ours.wallMs)} wall, ${ratio(deployCli.median.cpuMs, ours.cpuMs)} CPU`;
  printSection('check of large generated tenants (aim: under 1 s; deploy-cli at least 100x slower)', [
    [`read (YAML, environment), ${describeSize(DEFAULT_SIZE)}`, showRuns(issueTenant.load)],
    ['tenant.yaml alone by `yaml`, for comparison', show(issueTenant.fullReader)],
    ['check, same tenant', showRuns(issueTenant.check)],
    ['read + check, same tenant', showRuns(issueTenant.readAndCheck)],
    [`read, ${describeSize(TEN_THOUSAND_CLIENTS)}`, showRuns(tenThousand.load)],
    ['tenant.yaml alone by `yaml`, for comparison', show(tenThousand.fullReader)],
    ['check, same tenant', showRuns(tenThousand.check)],
    ['read + check, same tenant', showRuns(tenThousand.readAndCheck)],
    ['read, in a fresh process (as npm run check)', showRuns(tenThousand.fresh.load)],
    ['check, in a fresh process', showRuns(tenThousand.fresh.check)],
    [
      "deploy-cli's schema validation, same input, in a fresh process (as a deploy runs it)",
      showRuns(deployCli),
    ],
    [
      'deploy-cli validation / our check, each in a fresh process (medians)',
      against(tenThousand.fresh.check.median),
    ],
    [
      'deploy-cli validation / the two fresh checks beside each run (median of the runs)',
      `${medianOf(pairedRatios.map(({ wall }) => wall)).toFixed(0)}x wall (runs: ${paired}), ${medianOf(pairedRatios.map(({ cpu }) => cpu)).toFixed(0)}x CPU`,
    ],
    ['deploy-cli validation / our check in a warm process (medians)', against(tenThousand.check.median)],
    ['deploy-cli validation / our first check in the warm process', against(tenThousand.check.first)],
    ['deploy-cli validation / our read + check (medians)', against(tenThousand.readAndCheck.median)],
  ]);
}
