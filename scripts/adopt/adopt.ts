/**
 * `npm run adopt` as one stage: tenants' exports in, the repository's files and a report out. Each
 * export is tidied, the environments are merged, and the result is checked the way `npm run check` checks
 * it; a policy finding becomes a waiver (`reason: adopted, review`), and anything else the check still
 * refuses is returned as a problem, with nothing written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findLockfile, readLockfile } from '../bundle/lockfile';
import { asArray, asRecord, asString } from '../tenant/checks/read';
import { checkTenantWithWaivers, type Problem } from '../tenant/index';
import { loadTenant } from '../tenant/load';
import { POLICY_RULE_IDS } from '../tenant/policy/index';
import { mergeTenants } from './merge';
import { PlaceNames } from './places';
import { type AdoptReport, finding } from './report';
import type { TenantExport } from './tenant-export';
import { type TidyTenant, tidyExport } from './tidy';
import { DEPLOY_WORKFLOW, withAdoptedSecrets } from './workflow';
import {
  ADOPTED_REASON,
  actionTestText,
  environmentFileText,
  secretVariable,
  tenantFileText,
  type Waiver,
} from './write';
import { writeFiles } from './write-files';

export interface AdoptOptions {
  /** The tenant folder relative to the repository, `/`-separated (`tenant`). */
  tenantDir: string;
  /** Names the repository's environment files already use (`--merge`): new keywords get other names. */
  reservedNames?: readonly string[];
  /** The repository: its package-lock.json says which Action dependencies the build can take. */
  repoRoot: string;
}

export interface AdoptResult {
  /** Every file to write, relative to the repository. */
  files: Map<string, string>;
  report: AdoptReport;
  /** What the check still refuses: when not empty, nothing may be written. */
  problems: Problem[];
}

export async function adoptTenants(
  exports: readonly TenantExport[],
  options: AdoptOptions,
): Promise<AdoptResult> {
  const names = new PlaceNames(['AUTH0_DOMAIN', ...(options.reservedNames ?? [])]);
  const tenants = exports.map((source) => tidyExport(source, { tenantDir: options.tenantDir, names }));
  const merged = mergeTenants(tenants, names, options.tenantDir);
  const findings = [
    ...tenants.flatMap((tenant) => tenant.findings),
    ...dependencyFindings(tenants, options.repoRoot),
  ];
  const secrets = new Map<string, string>();
  for (const tenant of tenants) for (const secret of tenant.secrets) secrets.set(secret.name, secret.place);

  const compose = (waivers: { shared: Waiver[]; byEnv: Record<string, Waiver[]> }) => {
    const files = new Map(merged.files);
    files.set(`${options.tenantDir}/tenant.yaml`, tenantFileText(merged.sections, tenants, waivers.shared));
    for (const tenant of tenants) {
      files.set(
        `${options.tenantDir}/environments/${tenant.env}.yaml`,
        environmentFileText(
          tenant,
          merged.keywords[tenant.env] ?? {},
          [...new Set(tenant.secrets.map((secret) => secret.name))],
          waivers.byEnv[tenant.env] ?? [],
        ),
      );
    }
    for (const [file, text] of actionTests(tenants, merged.files)) files.set(file, text);
    if (workflow) files.set(DEPLOY_WORKFLOW, workflow.text);
    return files;
  };

  const workflowPath = path.join(options.repoRoot, ...DEPLOY_WORKFLOW.split('/'));
  const workflow = existsSync(workflowPath)
    ? withAdoptedSecrets(
        readFileSync(workflowPath, 'utf8'),
        Object.fromEntries(
          tenants.map((tenant) => [tenant.env, [...new Set(tenant.secrets.map((secret) => secret.name))]]),
        ),
      )
    : undefined;
  for (const env of workflow?.withoutDeployStep ?? []) {
    findings.push(
      finding(
        env,
        'to-do',
        DEPLOY_WORKFLOW,
        `no \`npm run deploy -- --env ${env}\` step to hand ${env}'s secrets to`,
        'give it a tier of development or production, so that a wave of the fleet deploys it',
      ),
    );
  }
  const staging = await mkdtemp(path.join(os.tmpdir(), 'auth0-adopt-'));
  try {
    const check = async (files: Map<string, string>) => {
      await rm(staging, { recursive: true, force: true });
      await writeFiles(staging, files);
      const results: Record<string, Problem[]> = {};
      for (const tenant of tenants) {
        const loaded = await loadTenant({ dir: path.join(staging, options.tenantDir), env: tenant.env });
        results[tenant.env] = checkTenantWithWaivers(loaded).problems.map((problem) => ({
          ...problem,
          file: path.relative(staging, problem.file) || problem.file,
        }));
      }
      return results;
    };
    const first = await check(compose({ shared: [], byEnv: {} }));
    const waivers = waiversFor(first, tenants);
    const files = compose(waivers);
    const second = await check(files);
    const problems = Object.values(second)
      .flat()
      .filter((problem) => problem.severity === 'error');
    const report: AdoptReport = {
      files: [...files.keys()].sort(),
      keywords: merged.keywordPlaces.filter(
        (keyword) => !merged.toggles.some((toggle) => toggle.keyword === keyword.name),
      ),
      secrets: [...secrets].map(([name, place]) => ({ name, variable: secretVariable(name), place })),
      toggles: merged.toggles,
      waivers: [
        ...waivers.shared.map((waiver) => ({
          env: 'every environment',
          rule: waiver.rule,
          target: waiver.target,
        })),
        ...Object.entries(waivers.byEnv).flatMap(([env, list]) =>
          list.map((waiver) => ({ env, rule: waiver.rule, target: waiver.target })),
        ),
      ],
      findings,
    };
    return { files, report, problems };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Each policy finding becomes a waiver: in tenant.yaml when every environment has it, else in its environment's file. */
function waiversFor(
  results: Record<string, Problem[]>,
  tenants: readonly TidyTenant[],
): { shared: Waiver[]; byEnv: Record<string, Waiver[]> } {
  const key = (problem: Problem) => `${problem.rule}\u0000${problem.path}`;
  const policy = (env: string) =>
    (results[env] ?? []).filter(
      (problem) => problem.severity === 'error' && POLICY_RULE_IDS.has(problem.rule),
    );
  const counts = new Map<string, { problem: Problem; envs: Set<string> }>();
  for (const tenant of tenants) {
    for (const problem of policy(tenant.env)) {
      const entry = counts.get(key(problem)) ?? { problem, envs: new Set<string>() };
      entry.envs.add(tenant.env);
      counts.set(key(problem), entry);
    }
  }
  const waiver = (problem: Problem): Waiver => ({
    rule: problem.rule,
    target: problem.path || '*',
    reason: ADOPTED_REASON,
  });
  const shared = [...counts.values()]
    .filter((entry) => entry.envs.size === tenants.length)
    .map((entry) => waiver(entry.problem));
  const byEnv: Record<string, Waiver[]> = {};
  for (const entry of counts.values()) {
    if (entry.envs.size === tenants.length) continue;
    for (const env of entry.envs) byEnv[env] = [...(byEnv[env] ?? []), waiver(entry.problem)];
  }
  return {
    shared: dedupe(shared),
    byEnv: Object.fromEntries(Object.entries(byEnv).map(([env, list]) => [env, dedupe(list)])),
  };
}

const dedupe = (waivers: readonly Waiver[]) => [
  ...new Map(waivers.map((waiver) => [`${waiver.rule}\u0000${waiver.target}`, waiver])).values(),
];

/** A generated test beside each adopted Action's code (`index.cjs` -> `index.test.ts`). */
function actionTests(
  tenants: readonly TidyTenant[],
  files: ReadonlyMap<string, string>,
): Map<string, string> {
  const tests = new Map<string, string>();
  for (const file of files.keys()) {
    const match = /^actions\/([^/]+)\/(index(?:\.[^/]+)?)\.cjs$/.exec(file);
    if (!match || match[1] === 'custom-database') continue;
    const owner = tenants
      .flatMap((tenant) =>
        asArray(tenant.sections.actions).map((item) => ({ env: tenant.env, item: asRecord(item) })),
      )
      .find(({ item }) => item && actionFolder(item) === match[1]);
    if (!owner?.item) continue;
    const triggers = asArray(owner.item.supported_triggers).flatMap(
      (trigger) => asString(asRecord(trigger)?.id) ?? [],
    );
    const name = asString(owner.item.name) ?? String(match[1]);
    tests.set(
      `actions/${match[1]}/${match[2]}.test.ts`,
      actionTestText({ name, triggers, env: owner.env, codeFile: `${match[2]}.cjs` }),
    );
  }
  return tests;
}

function actionFolder(item: Record<string, unknown>): string | undefined {
  const code = item.code as { repoPath?: unknown } | undefined;
  const repoPath = typeof code?.repoPath === 'string' ? code.repoPath : undefined;
  return repoPath?.split('/')[1];
}

/** An Action's npm dependency the lockfile lacks: the build refuses it until it is installed at that version. */
function dependencyFindings(tenants: readonly TidyTenant[], repoRoot: string) {
  const lockfilePath = findLockfile(repoRoot);
  const lockfile = lockfilePath ? readLockfile(lockfilePath) : undefined;
  const out = [];
  const seen = new Set<string>();
  for (const tenant of tenants) {
    for (const item of asArray(tenant.sections.actions)) {
      for (const dependency of asArray(asRecord(item)?.dependencies)) {
        const name = asString(asRecord(dependency)?.name);
        const version = asString(asRecord(dependency)?.version);
        if (!name || !version || seen.has(`${name}@${version}`)) continue;
        seen.add(`${name}@${version}`);
        if (lockfile?.find(name)?.version === version) continue;
        out.push(
          finding(
            tenant.env,
            'to-do',
            `actions[${asString(asRecord(item)?.name)}].dependencies`,
            `${name}@${version} is not in package-lock.json: the build takes only the versions the tests ran against`,
            `npm install --save-exact ${name}@${version}`,
          ),
        );
      }
    }
  }
  return out;
}
