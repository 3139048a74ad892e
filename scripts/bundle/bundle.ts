import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Message } from 'esbuild';
import { type Problem, problemAt } from '../tenant/problem';
import { type ImportRecord, importGuard, type PackagePolicy, type PackageProblem } from './import-guard';
import type { Lockfile } from './lockfile';

export interface BundleRequest {
  /** Absolute path of the entry file. */
  entry: string;
  /** `node22` for Actions. */
  target: string;
  policy: PackagePolicy;
  lockfile: Lockfile;
  /** How a file is named in problems (relative to where the command runs, as the check names files). */
  displayPath: (absolutePath: string) => string;
}

export interface BundleOutput {
  /** One CommonJS module, own code inlined; undefined when esbuild failed. */
  code: string | undefined;
  /** npm packages the code requires at run time, sorted. */
  packages: string[];
  /** Names the entry file exports (`onExecutePostLogin`, `default`); empty when esbuild failed. */
  exports: string[];
  problems: Problem[];
}

/**
 * JavaScript kept as Auth0 ran it (an adopted tenant's code, `.cjs`): the build checks it like our own
 * code (it parses, requires only declared packages at the locked versions) but deploys its text unchanged,
 * so that a tenant adopted as it is plans no change to its code.
 */
export const isVerbatim = (entry: string): boolean => entry.endsWith('.cjs');

/**
 * One CommonJS file for Node, everything of ours inlined, packages and built-ins left as `require`.
 * Deterministic: esbuild's output depends only on the inputs, and the file comments it writes are
 * relative to the project root (the lockfile's folder), not to this machine's checkout path.
 */
export async function bundle(request: BundleRequest): Promise<BundleOutput> {
  const record: ImportRecord = { packages: new Set() };
  const root = request.lockfile.root;
  const toProblem = (message: Message, severity: Problem['severity']) =>
    esbuildProblem(message, severity, root, request);
  try {
    // A .cjs entry is deployed as written: its text is read once, for its exports and as the output.
    const verbatim = isVerbatim(request.entry) ? readFileSync(request.entry, 'utf8') : undefined;
    const [result, exports] = await Promise.all([
      build({
        entryPoints: [request.entry],
        absWorkingDir: root,
        // Packages come from the project's node_modules (what the lockfile describes), wherever the code is.
        nodePaths: [path.join(root, 'node_modules')],
        bundle: true,
        write: false,
        format: 'cjs',
        platform: 'node',
        target: request.target,
        charset: 'utf8',
        legalComments: 'inline',
        sourcemap: false,
        logLevel: 'silent',
        plugins: [importGuard(request.policy, request.lockfile, record)],
      }),
      verbatim === undefined ? entryExports(request.entry, root) : commonJsExports(verbatim),
    ]);
    const [output] = result.outputFiles;
    return {
      code: output && verbatim !== undefined ? verbatim : output?.text,
      packages: [...record.packages].sort(),
      exports,
      problems: result.warnings.map((warning) => toProblem(warning, 'warning')),
    };
  } catch (error) {
    const failure = error as { errors?: Message[]; warnings?: Message[] };
    if (!Array.isArray(failure.errors)) throw error;
    return {
      code: undefined,
      packages: [...record.packages].sort(),
      exports: [],
      problems: [
        ...failure.errors.map((message) => toProblem(message, 'error')),
        ...(failure.warnings ?? []).map((message) => toProblem(message, 'warning')),
      ],
    };
  }
}

/**
 * What the entry file exports, all re-exports followed. CommonJS output carries no export list, so a
 * second, ES-module pass (packages left alone) asks esbuild; it fails only where the main pass fails too.
 */
async function entryExports(entry: string, root: string): Promise<string[]> {
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      packages: 'external',
      write: false,
      format: 'esm',
      platform: 'node',
      metafile: true,
      logLevel: 'silent',
    });
    return Object.values(result.metafile.outputs).flatMap((output) => output.exports);
  } catch {
    return [];
  }
}

/**
 * The names a CommonJS file assigns on `exports` (`exports.onExecutePostLogin = ...`, `module.exports =
 * { onExecutePostLogin }`): Auth0's own Action templates use these two forms; esbuild lists no CommonJS exports.
 */
function commonJsExports(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\b(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g))
    names.add(String(match[1]));
  for (const match of source.matchAll(/module\.exports\s*=\s*\{([^}]*)\}/g)) {
    for (const part of String(match[1]).split(',')) {
      const name = part.split(':')[0]?.trim();
      if (name && /^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  return [...names];
}

function esbuildProblem(
  message: Message,
  severity: Problem['severity'],
  root: string,
  request: BundleRequest,
): Problem {
  const detail = message.detail as PackageProblem | undefined;
  const location = message.location;
  const file = request.displayPath(location ? path.resolve(root, location.file) : request.entry);
  return problemAt(
    { file, line: location?.line ?? 1, column: (location?.column ?? 0) + 1 },
    {
      path: '',
      rule: detail?.rule ?? 'build/esbuild',
      severity,
      message: detail?.text ?? `${request.policy.owner}: ${message.text}`,
      hint: detail?.hint ?? 'fix the code; `npx tsc --noEmit -p tsconfig.json` shows type errors too',
    },
  );
}
