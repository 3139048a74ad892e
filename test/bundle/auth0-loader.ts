import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { compileFunction } from 'node:vm';
import { packageName } from '../../scripts/bundle/import-guard';

/**
 * Loads a built Action the way Auth0's runtime does: the file is the body of a CommonJS module wrapper
 * `function (module, exports, console, require) {...}`, and `require` reaches Node built-ins and the
 * packages the action declares, nothing else (Auth0 installs only those). A require of anything else
 * throws as it would in Auth0, so an artifact that passes here does not lean on this repository's
 * node_modules.
 */
export function loadBuiltAction(
  code: string,
  options: { filename: string; dependencies: readonly string[]; projectRoot: string },
): Record<string, unknown> {
  const projectRequire = createRequire(path.join(options.projectRoot, 'package.json'));
  const sandboxRequire = (id: string): unknown => {
    if (isBuiltin(id)) return projectRequire(id);
    if (options.dependencies.includes(packageName(id))) return projectRequire(id);
    const error = new Error(`Cannot find module '${id}' (not a declared dependency of this Action)`);
    Object.assign(error, { code: 'MODULE_NOT_FOUND' });
    throw error;
  };
  const wrapper = compileFunction(code, ['module', 'exports', 'console', 'require'], {
    filename: options.filename,
  });
  const module = { exports: {} as Record<string, unknown> };
  wrapper(module, module.exports, console, sandboxRequire);
  return module.exports;
}
