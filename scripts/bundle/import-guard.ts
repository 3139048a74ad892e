import { isBuiltin } from 'node:module';
import type { Plugin } from 'esbuild';
import type { Lockfile } from './lockfile';
import { nativeReason } from './native-modules';

/** What a bundle may leave as `require('<package>')` for the runtime to provide. */
export type PackagePolicy =
  /**
   * An Action: the packages declared in its `dependencies` (name -> version), installed by Auth0, and the
   * Action modules it names in its `modules`, which Auth0 provides to `require('<module name>')`; a
   * module of the tenant (`tenantModules`) it does not name is Auth0's to refuse at run time, so ours now.
   */
  | {
      kind: 'action';
      owner: string;
      declared: ReadonlyMap<string, string>;
      modules: ReadonlySet<string>;
      tenantModules: ReadonlySet<string>;
    }
  /** A custom-database script: Auth0 offers no way to declare packages for it, so none. */
  | { kind: 'custom-db-script'; owner: string };

/** Filled while esbuild runs: the npm packages the bundle requires at run time. */
export interface ImportRecord {
  packages: Set<string>;
}

const GUARD = 'import-guard';

/**
 * Decides every bare import while esbuild bundles: Node built-ins stay `require`s; npm packages stay
 * `require`s only when the policy allows them and they are plain JavaScript; anything that resolves into
 * our own tree (a tsconfig path alias) is inlined like any relative import. An error here carries the
 * import's file:line:column (esbuild adds it).
 */
export function importGuard(policy: PackagePolicy, lockfile: Lockfile, record: ImportRecord): Plugin {
  return {
    name: GUARD,
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === GUARD) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (policy.kind === 'action' && policy.modules.has(args.path))
          return { path: args.path, external: true };
        if (policy.kind === 'action' && policy.tenantModules.has(args.path)) {
          const problem = unnamedModule(policy.owner, args.path);
          return { errors: [{ text: problem.text, detail: problem }] };
        }
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: GUARD,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (!resolved.path.split(/[\\/]/).includes('node_modules')) return { path: resolved.path };

        const name = packageName(args.path);
        record.packages.add(name);
        const locked = lockfile.find(name);
        const problem = packageProblem(policy, name, locked?.version, lockfile);
        if (problem) return { errors: [{ text: problem.text, detail: problem }] };
        return { path: args.path, external: true };
      });
    },
  };
}

/** Why `name` may not be required by this bundle, as a rule, a message and a fix. */
export interface PackageProblem {
  rule: string;
  text: string;
  hint: string;
}

function packageProblem(
  policy: PackagePolicy,
  name: string,
  lockedVersion: string | undefined,
  lockfile: Lockfile,
): PackageProblem | undefined {
  if (policy.kind === 'custom-db-script') {
    return {
      rule: 'build/package-in-script',
      text: `custom-database script ${policy.owner} imports the npm package "${name}"; Auth0 cannot install packages for scripts`,
      hint: 'use Node built-ins and the global fetch instead, or move the logic behind an API the script calls',
    };
  }
  if (lockedVersion === undefined) {
    return {
      rule: 'build/not-installed',
      text: `action ${policy.owner} imports "${name}", which is not in ${lockfile.file}`,
      hint: `npm install --save-exact ${name}, then declare it under dependencies of ${policy.owner} in tenant.yaml`,
    };
  }
  if (!policy.declared.has(name)) {
    return {
      rule: 'build/undeclared-dependency',
      text: `action ${policy.owner} imports "${name}", which is not in its dependencies`,
      hint: `declare { name: ${name}, version: ${lockedVersion} } under dependencies of action ${policy.owner} in tenant.yaml`,
    };
  }
  const native = nativeReason(lockfile, name);
  if (native) {
    return {
      rule: 'build/native-module',
      text: `action ${policy.owner} imports "${name}", which Auth0 cannot run: ${native}`,
      hint: 'use a pure-JavaScript package, or a Node built-in',
    };
  }
  return undefined;
}

function unnamedModule(owner: string, module: string): PackageProblem {
  return {
    rule: 'build/module-not-named',
    text: `action ${owner} requires the Action module "${module}", which it does not name in its modules`,
    hint: `add { module_name: ${module}, module_version_number: <a published version> } under modules of action ${owner} in tenant.yaml`,
  };
}

/** `axios/lib/x` -> `axios`, `@scope/pkg/sub` -> `@scope/pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
