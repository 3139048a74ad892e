import { RESOURCE_TYPES } from '../../resources/index';
import { type Problem, problemAt } from '../problem';
import type { Tier } from '../schema/environment';
import { locate, type PositionMap, readablePath } from '../source-map';
import { mfaRequiredRoles } from './action-settings';
import { claimsNamespace, currentRuntime } from './actions';
import {
  attackProtectionBlocks,
  botsAndCaptcha,
  breachedPasswords,
  bruteForce,
  databaseBruteForce,
  suspiciousIpThrottling,
} from './attack-protection';
import {
  noCrossOriginAuthentication,
  noImplicitGrant,
  noPasswordGrant,
  refreshTokenRotation,
} from './browser-apps';
import { credentialLifetimes, tenantFlags } from './lifetimes';
import { machineToMachineGrants, managementApiScopes } from './machine-to-machine';
import { factorEnabled, mfaEnforced, noSmsFactor } from './mfa';
import { passwordDictionary, passwordHistory, passwordLength, passwordStrength } from './passwords';
import type { PolicyRule } from './rule';
import { accessTokenLifetime, rs256Signing } from './tokens';
import { httpsOnly, httpsSettings, noLocalhostInProduction, noWildcards } from './urls';

/** The security policy, one rule per concern. Add a rule here and it runs, prints and can be waived. */
export const POLICY_RULES: readonly PolicyRule[] = [
  noImplicitGrant,
  noPasswordGrant,
  refreshTokenRotation,
  noCrossOriginAuthentication,
  httpsOnly,
  httpsSettings,
  noLocalhostInProduction,
  noWildcards,
  rs256Signing,
  accessTokenLifetime,
  credentialLifetimes,
  tenantFlags,
  bruteForce,
  attackProtectionBlocks,
  databaseBruteForce,
  breachedPasswords,
  suspiciousIpThrottling,
  botsAndCaptcha,
  mfaEnforced,
  factorEnabled,
  noSmsFactor,
  passwordStrength,
  passwordLength,
  passwordHistory,
  passwordDictionary,
  managementApiScopes,
  machineToMachineGrants,
  claimsNamespace,
  currentRuntime,
  mfaRequiredRoles,
  // Rules that belong to one resource type live in its registry module.
  ...RESOURCE_TYPES.flatMap((type) => type.policy ?? []),
];

export const POLICY_RULE_IDS: ReadonlySet<string> = new Set(POLICY_RULES.map((rule) => rule.id));

export interface PolicyInput {
  /** The resolved tenant document (keywords substituted). */
  tenant: Record<string, unknown>;
  sources: PositionMap;
  file: string;
  tier: Tier;
}

export function runPolicy({ tenant, sources, file, tier }: PolicyInput): Problem[] {
  const problems: Problem[] = [];
  for (const rule of POLICY_RULES) {
    const severity = rule.severity[tier];
    if (severity === 'off') continue;
    for (const finding of rule.check(tenant, { tier })) {
      const problem = problemAt(locate(sources, finding.pointer, file), {
        path: readablePath(tenant, finding.pointer),
        rule: rule.id,
        severity,
        message: finding.message,
        hint: finding.hint ?? rule.hint,
      });
      if (finding.expected !== undefined) problem.expected = finding.expected;
      if (finding.found !== undefined) problem.found = finding.found;
      problems.push(problem);
    }
  }
  return problems;
}
