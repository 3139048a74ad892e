/**
 * The build stage: `buildTenant(loaded, { outDir })` checks the loaded tenant, bundles its Actions and
 * custom-database scripts, writes dist/<env>/ for auth0-deploy-cli, and hands the same output on as data.
 */
export { ACTION_TARGET } from './action';
export {
  type BuildOptions,
  type BuildOutput,
  type BuildResult,
  type BuiltFile,
  buildTenant,
} from './build-tenant';
export { CUSTOM_DB_FUNCTIONS, SCRIPT_TARGET } from './custom-db-script';
export { BUILT_MARKER } from './dist-tenant';
export { type BuildFormat, formatBuild } from './format';
export { SIZE_LIMITS } from './size-limits';
