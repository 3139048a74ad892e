import path from 'node:path';
import { resourceType } from '../resources/index';
import { checkTenantWithWaivers } from '../tenant/check';
import type { ReferencedFile } from '../tenant/files';
import type { LoadedTenant } from '../tenant/load';
import type { WaivedProblem } from '../tenant/policy/waivers';
import { countBySeverity, type Problem, problemAt, sortProblems } from '../tenant/problem';
import { resolveKeywords } from '../tenant/resolve';
import { locate, readablePath } from '../tenant/source-map';
import { type Bundled, bundleAll } from './bundle-all';
import { bundleProblems } from './bundle-checks';
import { renderDistTenant, withCodePaths } from './dist-tenant';
import { findLockfile, readLockfile } from './lockfile';
import { secretLeaks } from './secret-leaks';
import { type DistFile, replaceRefusal, writeDist } from './write-dist';

export interface BuildOptions {
  /** Where to write; replaced as a whole. */
  outDir: string;
  /** Where secrets sourced from environment variables are read, to prove none reaches the output. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** For tests; default: the nearest package-lock.json above `dir`. */
  lockfile?: string;
  sizeLimits?: { failBytes: number; warnBytes: number };
}

export interface BuiltFile {
  /** Relative to outDir, forward slashes: `tenant.yaml`, `actions/user-sync.js`. */
  path: string;
  kind: 'tenant' | Bundled['kind'] | 'file';
  /** The action's name, `<database>/<script key>`, or where a file is named (`pages[login].html`). */
  name: string;
  /** The source it was built from (as the check names files); the tenant.yaml for the tenant. */
  source: string;
  bytes: number;
  /** npm packages the code requires at run time (Actions only). */
  packages: string[];
}

export interface BuildResult {
  env: string;
  outDir: string;
  /** True when the check and the build found no error and the files were written. */
  ok: boolean;
  /** The check's own report, as `npm run check` prints it. */
  check: { problems: Problem[]; waived: WaivedProblem[] };
  /** Problems of the build itself (bundling, dependencies, sizes, output); empty when the check failed. */
  problems: Problem[];
  /** What was written, sorted by path; empty unless ok. */
  files: BuiltFile[];
  /** What was written, as data for the next stage (the engine), so that nothing reads dist/ again. */
  output?: BuildOutput;
}

export interface BuildOutput {
  /** dist/<env>/tenant.yaml as data: keywords resolved, secrets placeholders, code paths to the bundles. */
  tenant: Record<string, unknown>;
  /** Every file beside it by its path relative to tenant.yaml (`actions/user-sync.js`), with its content. */
  files: Record<string, string>;
  /** Where the check found secret placeholders (JSON pointers into `tenant`): where the deploy fills them. */
  secretPlaces: string[];
}

/**
 * `npm run build`: the check of the loaded tenant, then every Action and custom-database script bundled,
 * then dist/<env>/ written (tenant.yaml with keywords resolved and secrets still placeholders, and the
 * code beside it). Writes nothing unless everything passed. Returns plain data; prints nothing.
 */
export async function buildTenant(loaded: LoadedTenant, options: BuildOptions): Promise<BuildResult> {
  const { outDir } = options;
  const { env, dir } = loaded;
  const checked = checkTenantWithWaivers(loaded);
  const result: BuildResult = {
    env,
    outDir,
    ok: false,
    check: { problems: checked.problems, waived: checked.waived },
    problems: [],
    files: [],
  };
  if (countBySeverity(checked.problems).errors > 0) return result;

  const resolved = checked.resolved ?? resolveKeywords(loaded);
  // Only the registry's sections are built: an empty `rules: []` of an export passes the check, and
  // nothing of it is deployed.
  const tenant = Object.fromEntries(
    Object.entries(resolved.tenant).filter(([section]) => resourceType(section) !== undefined),
  );
  const tenantDir = path.dirname(loaded.file);
  const lockfileName = options.lockfile ?? findLockfile(tenantDir);
  const problems: Problem[] = [];
  const at = (pointer: string) => locate(resolved.sources, pointer, loaded.file);
  if (!lockfileName) {
    problems.push(
      problemAt(at(''), {
        path: '',
        rule: 'build/no-lockfile',
        message: `no package-lock.json at or above ${tenantDir}: cannot pin the Actions' dependencies`,
        hint: 'run npm install at the repository root and commit package-lock.json',
      }),
    );
    result.problems = problems;
    return result;
  }
  const lockfile = readLockfile(lockfileName);
  const root = lockfile.root;
  const displayPath = (absolute: string) =>
    path.isAbsolute(dir) ? absolute : path.relative(process.cwd(), absolute);

  const { bundled, problems: bundling } = await bundleAll(tenant, {
    tenantFile: loaded.file,
    sources: resolved.sources,
    at,
    lockfile,
    displayPath,
    resolveCode: (relative) => path.resolve(tenantDir, relative),
  });
  problems.push(...bundling);
  const keywordNames = new Set([...Object.keys(loaded.keywords), ...Object.keys(loaded.secrets)]);
  problems.push(...bundleProblems(bundled, { at, keywordNames, sizeLimits: options.sizeLimits }));

  // Files tenant.yaml names (pages, email bodies) keep their place relative to it, keywords replaced.
  const referenced = checked.files ?? [];
  const bundlePaths = new Set(bundled.map((file) => file.path));
  for (const file of referenced.filter((candidate) => bundlePaths.has(candidate.relative))) {
    problems.push(
      problemAt(at(file.pointer), {
        path: readablePath(tenant, file.pointer),
        rule: 'build/file-clash',
        message: `"${file.written}" has the path of a bundle the build writes (${file.relative})`,
        hint: 'keep pages and email bodies in their own folder under tenant/ (tenant/pages/, tenant/emails/)',
      }),
    );
  }
  const relativeToRoot = (file: string) => path.relative(root, path.resolve(file)).split(path.sep).join('/');
  const distTenant = withCodePaths(
    tenant,
    new Map([
      ...bundled.map((file): [string, string] => [file.pointer, `./${file.path}`]),
      ...referenced.map((file): [string, string] => [file.pointer, `./${file.relative}`]),
    ]),
  );
  const tenantYaml = renderDistTenant({
    tenant: distTenant,
    env,
    sources: [relativeToRoot(loaded.file), relativeToRoot(loaded.environment?.file ?? loaded.file)],
  });
  const files: DistFile[] = [
    { path: 'tenant.yaml', content: tenantYaml },
    ...bundled.map((file) => ({ path: file.path, content: file.content })),
    ...uniqueFiles(referenced).map((file) => ({ path: file.relative, content: file.text })),
  ].sort(byPath);

  problems.push(...secretLeaks(files, loaded.secrets, options.environment ?? process.env, at('')));
  const refusal = replaceRefusal(outDir);
  if (refusal) {
    problems.push(
      problemAt(
        { file: outDir, line: 1, column: 1 },
        {
          path: '',
          rule: 'build/out-dir',
          message: `refusing to write the build: ${refusal}`,
          hint: 'choose another --out folder, or empty this one yourself',
        },
      ),
    );
  }

  result.problems = sortProblems(problems);
  if (countBySeverity(problems).errors > 0) return result;

  await writeDist(outDir, files);
  result.ok = true;
  result.output = {
    tenant: distTenant,
    files: Object.fromEntries([
      ...bundled.map((file) => [file.path, file.content]),
      ...referenced.map((file) => [file.relative, file.text]),
    ]),
    secretPlaces: resolved.secretPlaceholders.map((placeholder) => placeholder.pointer),
  };
  result.files = [
    {
      path: 'tenant.yaml',
      kind: 'tenant' as const,
      name: 'tenant',
      source: loaded.file,
      bytes: Buffer.byteLength(tenantYaml),
      packages: [],
    },
    ...bundled.map(({ content: _content, pointer: _pointer, readablePath: _readable, ...file }) => file),
    ...uniqueFiles(referenced).map((file) => ({
      path: file.relative,
      kind: 'file' as const,
      name: readablePath(tenant, file.pointer),
      source: path.join(tenantDir, file.relative),
      bytes: Buffer.byteLength(file.text),
      packages: [],
    })),
  ].sort(byPath);
  return result;
}

/** One output file per source file, however many fields name it. */
function uniqueFiles(files: readonly ReferencedFile[]): ReferencedFile[] {
  return [...new Map(files.map((file) => [file.relative, file])).values()];
}

/** Code-unit order, not the locale's: the same on every machine. */
function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
