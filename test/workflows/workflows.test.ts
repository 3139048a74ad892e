import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WAVE_IDS } from '../../scripts/fleet/waves';
import {
  actionlint,
  actionReferences,
  environmentOf,
  fleetEnvironments,
  type Job,
  npmCommands,
  readWorkflows,
  repoRoot,
  runScripts,
  secretVariables,
} from './workflow-files';

const workflows = readWorkflows();
const scripts = runScripts(workflows);
const workflowCommands = npmCommands(scripts.map((script) => script.run).join('\n'));

/** What a person runs, in order, and what CI runs for them: the README documents these. */
const PIPELINE = [
  'npm ci',
  'npm test',
  'npm run check',
  'npm run build',
  'npm run plan',
  'npm run deploy',
  'npm run export',
  'npm run fleet',
  'npm run login',
];

/** actionlint's findings over every workflow, read through `read`, one line each as a reader wants them. */
async function actionlintFindings(read: (text: string) => string): Promise<string[]> {
  const findings: string[] = [];
  for (const workflow of workflows) {
    for (const finding of await actionlint(read(workflow.text), workflow.file)) {
      findings.push(
        `${workflow.file}:${finding.line}:${finding.column} [${finding.kind}] ${finding.message}`,
      );
    }
  }
  return findings;
}

const needsOf = (job: Job | undefined) => [job?.needs ?? []].flat();

describe('the workflows', () => {
  it('are the three the README describes', () => {
    expect(workflows.map((workflow) => workflow.file)).toEqual([
      '.github/workflows/deploy.yml',
      '.github/workflows/drift.yml',
      '.github/workflows/pull-request.yml',
    ]);
  });

  it('pass actionlint with no finding', async () => {
    expect(await actionlintFindings((text) => text)).toEqual([]);
  });

  it("pass actionlint's checks of action inputs too, which it knows by version tag rather than by SHA", async () => {
    // `owner/repo@<sha> # v4.3.1` read as `owner/repo@v4`: the major version's inputs are what we use.
    const byTag = (text: string) => text.replace(/@[0-9a-f]{40}\s+#\s+(v\d+)[\w.-]*/g, '@$1');

    expect(await actionlintFindings(byTag)).toEqual([]);
  });

  it('pin every action to a full commit SHA, with the version it stands for beside it', () => {
    const references = workflows.flatMap((workflow) =>
      actionReferences(workflow).map((reference) => ({ file: workflow.file, ...reference })),
    );
    const loose = references.filter(
      (reference) =>
        !reference.ref.startsWith('./') &&
        !(
          /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(reference.ref) && /^v\d+\.\d+\.\d+$/.test(reference.comment)
        ),
    );

    expect(references.length).toBeGreaterThan(0);
    expect(loose).toEqual([]);
  });

  it('allow only reading the repository unless a job says why it needs more, and time out every job', () => {
    for (const workflow of workflows) {
      expect(workflow.permissions, workflow.file).toEqual({ contents: 'read' });
      for (const [jobId, job] of Object.entries(workflow.jobs)) {
        expect(job['timeout-minutes'], `${workflow.file} ${jobId}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('the commands CI runs', () => {
  it('are exactly the pipeline a person runs: install, test, check, build, plan, deploy, export, the fleet and the offline logins', () => {
    expect(workflowCommands).toEqual([...PIPELINE].sort());
  });

  it('are npm scripts that package.json defines', () => {
    const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const missing = workflowCommands
      .filter((command) => command.startsWith('npm run '))
      .map((command) => command.slice('npm run '.length))
      .filter((script) => !(script in packageJson.scripts));

    expect(missing).toEqual([]);
  });

  it('are all documented in the README, so anyone can run by hand what CI runs', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const documented = new Set(npmCommands(readme));

    expect(workflowCommands.filter((command) => !documented.has(command))).toEqual([]);
  });
});

describe('deploy.yml', () => {
  const deploy = workflows.find((workflow) => workflow.file.endsWith('/deploy.yml'));
  const jobs = deploy?.jobs ?? {};
  const runsCommand = (job: Job, command: string) =>
    (job.steps ?? []).some((step) => step.run && npmCommands(step.run).includes(command));
  const deployJobs = Object.entries(jobs).filter(([, job]) => runsCommand(job, 'npm run deploy'));

  it("computes the fleet's waves with our own code, and has one deploy job per wave, in the fleet's order", () => {
    const [fleetId, fleet] = Object.entries(jobs).find(([, job]) => runsCommand(job, 'npm run fleet')) ?? [];
    const fleetStep = (fleet?.steps ?? []).find((step) => step.run?.includes('npm run fleet'));

    expect(fleet?.outputs).toEqual(
      Object.fromEntries(WAVE_IDS.map((id) => [id, `\${{ steps.${fleetStep?.id}.outputs.${id} }}`])),
    );
    expect(deployJobs.map(([jobId]) => jobId)).toEqual([...WAVE_IDS]);
    for (const [jobId, job] of deployJobs) {
      expect(job.strategy?.matrix, jobId).toEqual({
        env: `\${{ fromJSON(needs.${fleetId}.outputs.${jobId}) }}`,
      });
      expect(job.if, jobId).toContain(`needs.${fleetId}.outputs.${jobId} != '[]'`);
    }
  });

  it('stops the waves after a failed one, and lets every tenant of a wave finish', () => {
    for (const [index, [jobId, job]] of deployJobs.entries()) {
      const earlier = deployJobs.slice(0, index).map(([id]) => id);
      expect(job.strategy?.['fail-fast'], jobId).toBe(false);
      expect(job.strategy?.['max-parallel'], jobId).toBeGreaterThan(0);
      // Every earlier wave is needed directly, so `!failure()` sees each one; an empty (skipped) wave
      // lets the next one go.
      expect(needsOf(job), jobId).toEqual(expect.arrayContaining(earlier));
      if (index > 0) expect(job.if, jobId).toMatch(/^\$\{\{ !failure\(\) && !cancelled\(\) && /);
    }
  });

  it('deploys each tenant through its own GitHub environment, one deploy per tenant at a time, never cancelled half way', () => {
    for (const [jobId, job] of deployJobs) {
      expect(environmentOf(job), jobId).toBe(`\${{ matrix.env }}`);
      expect(job.concurrency, jobId).toEqual({
        group: `deploy-\${{ matrix.env }}`,
        'cancel-in-progress': false,
      });
    }
  });

  it('prints the plan before it deploys', () => {
    for (const [jobId, job] of deployJobs) {
      const commands = (job.steps ?? []).flatMap((step) => (step.run ? npmCommands(step.run) : []));

      expect(commands.indexOf('npm run plan'), jobId).toBeGreaterThanOrEqual(0);
      expect(commands.indexOf('npm run plan'), jobId).toBeLessThan(commands.indexOf('npm run deploy'));
    }
  });

  it("hands the deploy step the credentials and every secret any tenant's file names, from the tenant's GitHub environment", async () => {
    const fleetSecrets = [...new Set((await fleetEnvironments()).flatMap(secretVariables))].sort();
    for (const [jobId, job] of deployJobs) {
      const step = (job.steps ?? []).find((candidate) => candidate.run?.includes('npm run deploy'));
      const needed = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET', ...fleetSecrets];
      const missing = needed.filter((name) => step?.env?.[name] !== `\${{ secrets.${name} }}`);

      expect(fleetSecrets.length, jobId).toBeGreaterThan(0);
      expect(missing, jobId).toEqual([]);
      expect(step?.env?.TENANT, jobId).toBe(`\${{ matrix.env }}`);
    }
  });
});

describe('a production wave', () => {
  const jobs = workflows.find((workflow) => workflow.file.endsWith('/deploy.yml'))?.jobs ?? {};
  const stepRunning = (job: Job | undefined, command: string) =>
    (job?.steps ?? []).find((step) => step.run !== undefined && npmCommands(step.run).includes(command));
  const productionWaves = WAVE_IDS.filter((id) => id.startsWith('production-')).map((id) => {
    const deploy = jobs[id];
    const planId = [deploy?.needs ?? []].flat().find((need) => need === `plan-${id}`);
    return { id, deploy, planId, plan: planId === undefined ? undefined : jobs[planId] };
  });

  it('plans each tenant with its read-only credentials in a job before the approval, over the same tenants', () => {
    expect(productionWaves.length).toBeGreaterThan(0);
    for (const wave of productionWaves) {
      expect(wave.planId, wave.id).toBeDefined();
      expect(environmentOf(wave.plan ?? {}), wave.id).toBe(`\${{ matrix.env }}-readonly`);
      expect(wave.plan?.strategy?.matrix, wave.id).toEqual(wave.deploy?.strategy?.matrix);
      expect(wave.plan?.if, wave.id).toBe(wave.deploy?.if);
    }
  });

  it("deploys only the plan its reviewers read: the plan job's digest reaches the deploy as APPROVED_PLAN", () => {
    for (const wave of productionWaves) {
      const planSteps = wave.plan?.steps ?? [];
      const planStep = stepRunning(wave.plan, 'npm run plan');
      const kept = planSteps.find(
        (step) => step.env?.DIGEST === `\${{ steps.${planStep?.id}.outputs.digest }}`,
      );
      const upload = planSteps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
      const download = (wave.deploy?.steps ?? []).find((step) =>
        step.uses?.startsWith('actions/download-artifact@'),
      );
      const deployStep = stepRunning(wave.deploy, 'npm run deploy');

      expect(planStep?.id, wave.id).toBeDefined();
      expect(kept?.run, wave.id).toContain('> "$RUNNER_TEMP/approved-plan/digest"');
      expect(upload?.with, wave.id).toMatchObject({
        name: `approved-plan-\${{ matrix.env }}`,
        path: `\${{ runner.temp }}/approved-plan/digest`,
        'if-no-files-found': 'error',
      });
      expect(download?.with, wave.id).toEqual({
        name: `approved-plan-\${{ matrix.env }}`,
        path: `\${{ runner.temp }}/approved-plan`,
      });
      expect(deployStep?.run, wave.id).toMatch(
        /^APPROVED_PLAN="\$\(cat "\$RUNNER_TEMP\/approved-plan\/digest"\)"\nexport APPROVED_PLAN\n/,
      );
    }
  });

  it('plans with --allow-delete exactly when it deploys with it, so the digest is of the deploy it approves', () => {
    for (const wave of productionWaves) {
      const planStep = stepRunning(wave.plan, 'npm run plan');
      const deployStep = stepRunning(wave.deploy, 'npm run deploy');
      const deployed = deployStep?.run?.split('\n').slice(2).join('\n');

      expect(planStep?.env?.ALLOW_DELETE, wave.id).toBe(deployStep?.env?.ALLOW_DELETE);
      expect(planStep?.run?.replaceAll('plan', 'deploy').replaceAll(' || [ $? -eq 2 ]', ''), wave.id).toBe(
        deployed,
      );
    }
  });
});

describe('pull-request.yml', () => {
  const jobs = workflows.find((workflow) => workflow.file.endsWith('/pull-request.yml'))?.jobs ?? {};
  const runs = (job: Job, text: string) => (job.steps ?? []).some((step) => step.run?.includes(text));

  it("plans every tenant of the fleet, and gathers the plans in one summary that the pull request's comment shows", () => {
    const [fleetId, fleet] =
      Object.entries(jobs).find(([, job]) => runs(job, 'npm run fleet -- --select all --format')) ?? [];
    const [planId, plan] = Object.entries(jobs).find(([, job]) => runs(job, 'npm run --silent plan')) ?? [];
    const [, summary] = Object.entries(jobs).find(([, job]) => runs(job, '--plans')) ?? [];

    expect(fleet?.outputs?.tenants).toMatch(/^\$\{\{ steps\.\w+\.outputs\.tenants \}\}$/);
    expect(plan?.strategy?.matrix).toEqual({ tenant: `\${{ fromJSON(needs.${fleetId}.outputs.tenants) }}` });
    expect(plan?.strategy?.['fail-fast']).toBe(false);
    expect(needsOf(summary)).toEqual([fleetId, planId]);
    expect(summary?.steps?.some((step) => step.uses?.startsWith('actions/github-script@'))).toBe(true);
  });
});

describe('secret values', () => {
  it('reach only the steps that run npm run deploy, never a plan, an install or a pull request', () => {
    const exposed = scripts
      .filter((script) => Object.values(script.env).some((value) => value.includes('secrets.TENANT_SECRET_')))
      .filter((script) => !npmCommands(script.run).includes('npm run deploy'))
      .map((script) => script.where);

    expect(scripts.some((script) => npmCommands(script.run).includes('npm run deploy'))).toBe(true);
    expect(exposed).toEqual([]);
  });
});
