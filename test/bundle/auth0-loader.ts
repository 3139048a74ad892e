import { loadInModuleWrapper } from '../../scripts/action-api/module-wrapper';

/**
 * Loads a built Action the way Auth0's runtime does (`scripts/action-api/module-wrapper.ts`: the module
 * wrapper, and `require` of built-ins and declared packages only), so an artifact that passes here does not
 * lean on this repository's node_modules.
 */
export function loadBuiltAction(
  code: string,
  options: { filename: string; dependencies: readonly string[]; projectRoot: string },
): Record<string, unknown> {
  return loadInModuleWrapper(code, {
    filename: options.filename,
    dependencies: options.dependencies.map((name) => ({ name })),
    projectRoot: options.projectRoot,
    console,
  });
}
