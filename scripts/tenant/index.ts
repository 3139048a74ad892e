/**
 * The tenant stages, for the CLIs and the later pipeline stages (build, plan, deploy):
 *
 *   const loaded = await loadTenant({ dir: 'tenant', env });   // YAML + environment, with positions
 *   const problems = checkTenant(loaded);                       // every problem at once
 *   const resolved = resolveKeywords(loaded);                   // keywords in, secrets still placeholders
 */
export { type CheckOptions, type CheckResult, checkTenant, checkTenantWithWaivers } from './check';
export { type Format, formatReport } from './format';
export {
  type LoadedEnvironment,
  type LoadedTenant,
  loadTenant,
  type SecretSource,
  type TenantDocument,
  type Waiver,
} from './load';
export { POLICY_RULES } from './policy/index';
export type { WaivedProblem } from './policy/waivers';
export { countBySeverity, type Problem, type Severity } from './problem';
export { type ResolvedTenant, resolveKeywords, type SecretPlaceholder } from './resolve';
export { POLICY_WAIVERS_KEY } from './schema/waivers';
export { readSecretValues, type SecretValues } from './secret-values';
export { locate, type NodePosition, type PositionMap } from './source-map';
