import { asRecord, entriesOf, nameOf } from '../checks/read';
import { type PolicyFinding, type PolicyRule, PRODUCTION_ONLY, RELAXED_LOCALLY } from './rule';

/**
 * Attack protection must be declared, not left to whatever the tenant has: deploy-cli leaves a section
 * that is not in tenant.yaml untouched, so "not declared" means "not reviewed".
 */
function requireEnabled(tenant: Record<string, unknown>, key: string, what: string): PolicyFinding[] {
  const section = asRecord(asRecord(tenant.attackProtection)?.[key]);
  if (section?.enabled === true) return [];
  return [
    {
      pointer: `/attackProtection/${key}/enabled`,
      message: section ? `${what} is turned off` : `${what} is not declared (attackProtection.${key})`,
      expected: 'enabled: true',
      found: section ? String(section.enabled) : 'not declared',
    },
  ];
}

export const bruteForce: PolicyRule = {
  id: 'attack-protection/brute-force',
  summary: 'brute-force protection is on, for the tenant and every database',
  hint: 'set attackProtection.bruteForceProtection.enabled: true (and brute_force_protection: true on databases)',
  severity: RELAXED_LOCALLY,
  check(tenant) {
    const findings = requireEnabled(tenant, 'bruteForceProtection', 'brute-force protection');
    for (const database of entriesOf(tenant, 'databases')) {
      if (asRecord(database.item.options)?.brute_force_protection === false) {
        findings.push({
          pointer: `${database.pointer}/options/brute_force_protection`,
          message: `database "${nameOf(database)}" turns brute-force protection off`,
        });
      }
    }
    return findings;
  },
};

export const breachedPasswords: PolicyRule = {
  id: 'attack-protection/breached-passwords',
  summary: 'breached-password detection is on in production',
  hint: 'set attackProtection.breachedPasswordDetection.enabled: true',
  severity: PRODUCTION_ONLY,
  check: (tenant) => requireEnabled(tenant, 'breachedPasswordDetection', 'breached-password detection'),
};

export const suspiciousIpThrottling: PolicyRule = {
  id: 'attack-protection/suspicious-ip-throttling',
  summary: 'suspicious-IP throttling is on in production',
  hint: 'set attackProtection.suspiciousIpThrottling.enabled: true',
  severity: PRODUCTION_ONLY,
  check: (tenant) => requireEnabled(tenant, 'suspiciousIpThrottling', 'suspicious-IP throttling'),
};
