/**
 * The build stage: `buildTenant({ dir, env, outDir })` checks the tenant, bundles its Actions and
 * custom-database scripts, and writes dist/<env>/ for auth0-deploy-cli. Plain data in, plain data out.
 */
export { ACTION_TARGET } from './action';
export { type BuildOptions, type BuildResult, type BuiltFile, buildTenant } from './build-tenant';
export { CUSTOM_DB_FUNCTIONS, SCRIPT_TARGET } from './custom-db-script';
export { BUILT_MARKER } from './dist-tenant';
export { type BuildFormat, formatBuild } from './format';
export { SIZE_LIMITS } from './size-limits';
