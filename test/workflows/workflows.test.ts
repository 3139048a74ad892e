import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionlint,
  actionReferences,
  environmentOf,
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
  it('are exactly the pipeline a person runs: install, test, check, build, plan, deploy, export', () => {
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
  const deployJobs = Object.entries(deploy?.jobs ?? {}).filter(([, job]) =>
    (job.steps ?? []).some((step) => step.run && npmCommands(step.run).includes('npm run deploy')),
  );

  it('deploys dev and prod, each through its GitHub environment', () => {
    expect(deployJobs.map(([, job]) => environmentOf(job)).sort()).toEqual(['dev', 'prod']);
  });

  it('runs one deploy per environment at a time and never cancels one half way', () => {
    for (const [jobId, job] of deployJobs) {
      expect(job.concurrency, jobId).toEqual({
        group: `deploy-${environmentOf(job)}`,
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

  it("hands the deploy step the credentials and every secret the environment file names, from the environment's secrets", () => {
    for (const [jobId, job] of deployJobs) {
      const step = (job.steps ?? []).find((candidate) => candidate.run?.includes('npm run deploy'));
      const tenantSecrets = secretVariables(environmentOf(job) ?? '');
      const needed = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET', ...tenantSecrets];
      const wrong = needed.filter((name) => step?.env?.[name] !== `\${{ secrets.${name} }}`);

      expect(tenantSecrets.length, jobId).toBeGreaterThan(0);
      expect(wrong, jobId).toEqual([]);
    }
  });
});

describe('the prod deploy', () => {
  const jobs = workflows.find((workflow) => workflow.file.endsWith('/deploy.yml'))?.jobs ?? {};
  const stepRunning = (job: Job | undefined, command: string) =>
    (job?.steps ?? []).find((step) => step.run !== undefined && npmCommands(step.run).includes(command));

  it('deploys only the plan its reviewers read: the plan job hands its digest to the deploy as APPROVED_PLAN', () => {
    const [deployId, deploy] = Object.entries(jobs).find(([, job]) => environmentOf(job) === 'prod') ?? [];
    const [planId, plan] =
      Object.entries(jobs).find(([, job]) => environmentOf(job) === 'prod-readonly') ?? [];
    const planStep = stepRunning(plan, 'npm run plan');

    expect(deploy?.needs, deployId).toBe(planId);
    expect(planStep?.id).toBeDefined();
    expect(plan?.outputs).toEqual({ digest: `\${{ steps.${planStep?.id}.outputs.digest }}` });
    expect(stepRunning(deploy, 'npm run deploy')?.env?.APPROVED_PLAN).toBe(
      `\${{ needs.${planId}.outputs.digest }}`,
    );
  });

  it('plans with --allow-delete exactly when it deploys with it, so the digest is of the deploy it approves', () => {
    const [, deploy] = Object.entries(jobs).find(([, job]) => environmentOf(job) === 'prod') ?? [];
    const [, plan] = Object.entries(jobs).find(([, job]) => environmentOf(job) === 'prod-readonly') ?? [];
    const planStep = stepRunning(plan, 'npm run plan');
    const deployStep = stepRunning(deploy, 'npm run deploy');

    expect(planStep?.env?.ALLOW_DELETE).toBe(deployStep?.env?.ALLOW_DELETE);
    expect(planStep?.run?.replaceAll('plan', 'deploy').replaceAll(' || [ $? -eq 2 ]', '')).toBe(
      deployStep?.run,
    );
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
