/**
 * `npm run adopt -- --merge`: what the tenants have that the repository does not yet have, added to the
 * repository's own files and nothing else changed. A section the repository lacks is added whole; an
 * item (by identity, in the first environment's values) is appended to its list; settings the repository
 * already holds, and sections written per environment (`@@NAME@@`), stay as the repository has them.
 * Comments and layout of the existing files are kept (edited as YAML documents, not rewritten).
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Document, isSeq, parse, parseDocument } from 'yaml';
import { isRecord, type Rec } from '../resources/define';
import { RESOURCE_TYPES } from '../resources/index';
import { checkTenantWithWaivers, type Problem } from '../tenant/index';
import { loadTenant } from '../tenant/load';
import {
  findPlaceholders,
  maskPlaceholders,
  replacePlaceholders,
  wholePlaceholder,
} from '../tenant/placeholders';
import { POLICY_RULE_IDS } from '../tenant/policy/index';
import { resolveKeywords } from '../tenant/resolve';
import { POLICY_WAIVERS_KEY } from '../tenant/schema/waivers';
import { UserError } from '../user-error';
import { ADOPTED_REASON } from './write';
import { writeFiles } from './write-files';

export class MergeTargetError extends UserError {}

export interface MergedRepository {
  /** The files to write: the edited tenant.yaml and environment files, and the new items' files. */
  files: Map<string, string>;
  /** What was added (`clients[Partner App]`, `logStreams`). */
  added: string[];
  /** Sections whose differences are left to a person: settings, and sections written per environment. */
  kept: string[];
}

interface EditableFile {
  document: Document;
  save(): string;
}

function editable(text: string): EditableFile {
  const masked = maskPlaceholders(text);
  const document = parseDocument(masked.text);
  return { document, save: () => masked.unmask(document.toString({ lineWidth: 0 })) };
}

/** `fresh`: what a plain adopt of the same tenants would write (relative to the repository). */
export async function mergeIntoRepository(
  fresh: ReadonlyMap<string, string>,
  options: { root: string; tenantDir: string; envs: readonly string[] },
): Promise<MergedRepository> {
  const tenantFile = `${options.tenantDir}/tenant.yaml`;
  const absolute = (file: string) => path.join(options.root, ...file.split('/'));
  if (!existsSync(absolute(tenantFile))) {
    throw new MergeTargetError(
      `${tenantFile} does not exist: there is nothing to merge into (run adopt without --merge)`,
    );
  }
  const [firstEnv] = options.envs;
  const envFile = (env: string) => `${options.tenantDir}/environments/${env}.yaml`;
  for (const env of options.envs) {
    if (!existsSync(absolute(envFile(env)))) {
      throw new MergeTargetError(
        `${envFile(env)} does not exist: --merge adds to environments the repository has`,
      );
    }
  }
  const freshTenant = parse(fresh.get(tenantFile) ?? '{}') as Rec;
  const freshEnv = (env: string) =>
    parse(fresh.get(envFile(env)) ?? '{}') as { keywords?: Rec; secrets?: Rec };
  const loaded = await loadTenant({ dir: absolute(options.tenantDir), env: firstEnv as string });
  const existing = resolveKeywords(loaded).tenant;
  const resolveFresh = (value: unknown) => substitute(value, freshEnv(firstEnv as string).keywords ?? {});

  const tenant = editable(readFileSync(absolute(tenantFile), 'utf8'));
  const added: string[] = [];
  const kept: string[] = [];
  const addedValues: unknown[] = [];
  const refs = { clientName: (name: string) => name };
  for (const type of RESOURCE_TYPES) {
    const value = freshTenant[type.key];
    if (value === undefined) continue;
    if (!tenant.document.has(type.key)) {
      tenant.document.set(type.key, tenant.document.createNode(value));
      const items = type.shape === 'list' && Array.isArray(value) ? value.filter(isRecord) : [];
      if (items.length === 0) added.push(type.key);
      for (const item of items) added.push(`${type.key}[${type.identity(resolveFresh(item) as Rec, refs)}]`);
      addedValues.push(value);
      continue;
    }
    const node = tenant.document.get(type.key);
    const current = existing[type.key];
    if (type.shape !== 'list' || !Array.isArray(value) || !Array.isArray(current) || !isSeq(node)) {
      kept.push(type.key);
      continue;
    }
    const known = new Set(current.filter(isRecord).map((item) => type.identity(item, refs)));
    for (const item of value) {
      const identity = type.identity(resolveFresh(item) as Rec, refs);
      if (known.has(identity)) continue;
      node.add(tenant.document.createNode(item));
      added.push(`${type.key}[${identity}]`);
      addedValues.push(item);
    }
  }

  const files = new Map<string, string>();
  if (added.length === 0) return { files, added, kept };
  files.set(tenantFile, tenant.save());
  const names = markersIn(addedValues);
  for (const env of options.envs) {
    const file = editable(readFileSync(absolute(envFile(env)), 'utf8'));
    const source = freshEnv(env);
    for (const name of names) {
      for (const part of ['keywords', 'secrets'] as const) {
        const value = source[part]?.[name];
        if (value === undefined || file.document.hasIn([part, name])) continue;
        if (!file.document.has(part)) file.document.set(part, file.document.createNode({}));
        file.document.setIn([part, name], file.document.createNode(value));
      }
    }
    files.set(envFile(env), file.save());
  }
  for (const reference of referencesIn(addedValues)) {
    const repoPath = path.posix.normalize(path.posix.join(options.tenantDir, reference));
    const text = fresh.get(repoPath);
    if (text === undefined || existsSync(absolute(repoPath))) continue;
    files.set(repoPath, text);
    const test = repoPath.replace(/\.cjs$/, '.test.ts');
    const testText = fresh.get(test);
    if (repoPath.startsWith('actions/') && testText !== undefined && !existsSync(absolute(test)))
      files.set(test, testText);
  }
  return { files, added, kept };
}

/** Every text in the values, however deep. */
function textsIn(values: readonly unknown[]): string[] {
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) Object.values(value).forEach(visit);
  };
  values.forEach(visit);
  return out;
}

/** Every `##NAME##` and `@@NAME@@` in the values. */
const markersIn = (values: readonly unknown[]): Set<string> =>
  new Set(textsIn(values).flatMap((text) => findPlaceholders(text).map((match) => match.key)));

/** Every value naming a file beside tenant.yaml (`./pages/login.html`, `../actions/x/index.cjs`). */
const referencesIn = (values: readonly unknown[]): string[] =>
  textsIn(values).filter((text) => /^\.\.?\//.test(text));

/** A fresh item with its keywords put in (whole `@@NAME@@` values and `##NAME##` text), to find its identity. */
function substitute(value: unknown, keywords: Rec): unknown {
  if (typeof value === 'string') {
    const whole = wholePlaceholder(value);
    if (whole) return keywords[whole.key] ?? value;
    return replacePlaceholders(value, (match, marker) =>
      match.kind === 'string' ? String(keywords[match.key] ?? marker) : marker,
    );
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, keywords));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, keywords)]));
  return value;
}

/**
 * The repository with the merged files, checked for each environment in a copy (nothing is written before
 * it passes). A policy finding on what was added becomes a waiver `reason: adopted, review` in tenant.yaml;
 * any other problem is returned, and the merge must not be written.
 */
export async function checkMerged(
  merged: MergedRepository,
  options: { root: string; tenantDir: string; envs: readonly string[] },
): Promise<{ files: Map<string, string>; waived: number; problems: Problem[] }> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'auth0-adopt-merge-'));
  const check = async (files: ReadonlyMap<string, string>) => {
    await rm(staging, { recursive: true, force: true });
    for (const folder of [options.tenantDir, 'actions']) {
      const from = path.join(options.root, ...folder.split('/'));
      if (existsSync(from)) await cp(from, path.join(staging, ...folder.split('/')), { recursive: true });
    }
    await writeFiles(staging, files);
    const problems: Problem[] = [];
    for (const env of options.envs) {
      const loaded = await loadTenant({ dir: path.join(staging, ...options.tenantDir.split('/')), env });
      problems.push(
        ...checkTenantWithWaivers(loaded).problems.filter((problem) => problem.severity === 'error'),
      );
    }
    return problems;
  };
  try {
    const files = new Map(merged.files);
    const first = await check(files);
    const policy = first.filter((problem) => POLICY_RULE_IDS.has(problem.rule));
    const targets = [
      ...new Map(policy.map((problem) => [`${problem.rule} ${problem.path}`, problem])).values(),
    ];
    const tenantFile = `${options.tenantDir}/tenant.yaml`;
    if (targets.length > 0) {
      const tenant = editable(
        files.get(tenantFile) ?? readFileSync(path.join(options.root, tenantFile), 'utf8'),
      );
      if (!tenant.document.has(POLICY_WAIVERS_KEY))
        tenant.document.set(POLICY_WAIVERS_KEY, tenant.document.createNode([]));
      for (const problem of targets) {
        tenant.document.addIn(
          [POLICY_WAIVERS_KEY],
          tenant.document.createNode({ rule: problem.rule, target: problem.path, reason: ADOPTED_REASON }),
        );
      }
      files.set(tenantFile, tenant.save());
    }
    const problems = targets.length > 0 ? await check(files) : first;
    return { files, waived: targets.length, problems };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
