/**
 * How Auth0 loads an Action's code, written once: the code is the body of a CommonJS module wrapper
 * `function (module, exports, console, require) {...}`, and `require` reaches Node built-ins and the
 * packages the Action declares, nothing else (Auth0 installs only those). The test loader
 * (`test/bundle/auth0-loader.ts`) and the local tenant's Actions runtime both load through here;
 * `test/bundle/node22-runner.cjs` repeats the rule in plain CommonJS because it runs without a TypeScript
 * loader on a bare Node 22.
 */
import { readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { compileFunction } from 'node:vm';
import { packageName } from '../bundle/import-guard';

export const MODULE_WRAPPER_PARAMETERS = ['module', 'exports', 'console', 'require'] as const;

/** A declared dependency: its name, and the version Auth0 would install when the deploy gives one. */
export interface DeclaredDependency {
  name: string;
  version?: string;
}

export interface LoadOptions {
  filename: string;
  dependencies: readonly DeclaredDependency[];
  /** Where the declared packages are resolved from (its node_modules). */
  projectRoot: string;
  console: Console;
}

/** The installed version of `name` under `projectRoot`, or undefined when it is not installed. */
function installedVersion(projectRoot: string, name: string): string | undefined {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a declared dependency cannot be provided as Auth0 would (it installs exactly `name@version`), or
 * undefined when every one is installed at the declared version.
 */
export function dependencyProblem(
  projectRoot: string,
  dependencies: readonly DeclaredDependency[],
): string | undefined {
  for (const { name, version } of dependencies) {
    const installed = installedVersion(projectRoot, name);
    if (installed === undefined) {
      return `the declared dependency ${name}${version ? `@${version}` : ''} is not installed in ${projectRoot}/node_modules; add it to package.json and run npm install`;
    }
    if (version !== undefined && version !== 'latest' && version !== installed) {
      return `the declared dependency ${name}@${version} is not installed (node_modules has ${name}@${installed}); declare ${installed} or install ${version}`;
    }
  }
  return undefined;
}

/** Auth0's `require`: built-ins and the declared packages only; anything else is MODULE_NOT_FOUND. */
export function sandboxRequire(
  projectRoot: string,
  dependencies: readonly DeclaredDependency[],
): (id: string) => unknown {
  const projectRequire = createRequire(path.join(projectRoot, 'package.json'));
  const declared = new Set(dependencies.map((dependency) => dependency.name));
  return (id: string): unknown => {
    if (isBuiltin(id)) return projectRequire(id);
    // `declared/../x` names a declared package but resolves beside it (a package without an `exports`
    // map is read as plain paths): to the repository's files or an undeclared package.
    const climbs = id.split('/').some((segment) => segment === '.' || segment === '..');
    if (!climbs && declared.has(packageName(id))) return projectRequire(id);
    const error = new Error(`Cannot find module '${id}' (not a declared dependency of this Action)`);
    Object.assign(error, { code: 'MODULE_NOT_FOUND' });
    throw error;
  };
}

/** Evaluates `code` in the module wrapper and answers its `module.exports`. */
export function loadInModuleWrapper(code: string, options: LoadOptions): Record<string, unknown> {
  const wrapper = compileFunction(code, [...MODULE_WRAPPER_PARAMETERS], { filename: options.filename });
  const module = { exports: {} as Record<string, unknown> };
  wrapper(module, module.exports, options.console, sandboxRequire(options.projectRoot, options.dependencies));
  return module.exports;
}
