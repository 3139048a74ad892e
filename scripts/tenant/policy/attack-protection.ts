import { asRecord, asStrings, entriesOf, nameOf } from '../checks/read';
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

/** Every address, or so many that an attacker's are surely among them: an allowlist that disables the protection. */
export const WIDEST_IPV4_PREFIX = 16;
export const WIDEST_IPV6_PREFIX = 32;

function coversEveryone(entry: string): boolean {
  const [address = '', prefix] = entry.trim().split('/');
  if (prefix === undefined) return false;
  const bits = Number(prefix);
  if (!Number.isInteger(bits)) return false;
  return address.includes(':') ? bits < WIDEST_IPV6_PREFIX : bits < WIDEST_IPV4_PREFIX;
}

/**
 * Detecting without stopping is not protection: with `block` missing from the shields, brute force and
 * suspicious-IP throttling only send notifications; an allowlist as wide as the internet exempts everyone.
 */
export const attackProtectionBlocks: PolicyRule = {
  id: 'attack-protection/blocks',
  summary: `brute force and suspicious-IP throttling block, and their allowlists are narrower than /${WIDEST_IPV4_PREFIX} (IPv4) and /${WIDEST_IPV6_PREFIX} (IPv6)`,
  hint: 'add block to the shields, and list only the addresses you trust (your office, your CI) in the allowlist',
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    const protection = asRecord(tenant.attackProtection);
    for (const [key, what] of [
      ['bruteForceProtection', 'brute-force protection'],
      ['suspiciousIpThrottling', 'suspicious-IP throttling'],
    ] as const) {
      const section = asRecord(protection?.[key]);
      if (section?.enabled !== true) continue;
      if (!asStrings(section.shields).some(({ value }) => value === 'block')) {
        findings.push({
          pointer: `/attackProtection/${key}/shields`,
          message:
            section.shields === undefined
              ? `${what} does not declare its shields: it blocks only if the tenant happens to say so`
              : `${what} does not block: its shields are only notifications`,
          expected: 'shields including block',
          found: JSON.stringify(section.shields ?? []),
        });
      }
      for (const { value, index } of asStrings(section.allowlist)) {
        if (!coversEveryone(value)) continue;
        findings.push({
          pointer: `/attackProtection/${key}/allowlist/${index}`,
          message: `${what} exempts ${value}, a range so wide the protection no longer applies`,
          expected: `a prefix of /${WIDEST_IPV4_PREFIX} (IPv4) or /${WIDEST_IPV6_PREFIX} (IPv6) or narrower`,
          found: value,
        });
      }
    }
    return findings;
  },
};

/** A database connection has its own switch, and one the file does not set is not reviewed. */
export const databaseBruteForce: PolicyRule = {
  id: 'attack-protection/database-brute-force',
  summary: 'every database connection sets brute_force_protection: true',
  hint: 'set options.brute_force_protection: true on the database',
  severity: PRODUCTION_ONLY,
  check: (tenant) =>
    entriesOf(tenant, 'databases').flatMap((database) =>
      asRecord(database.item.options)?.brute_force_protection === true
        ? []
        : [
            {
              pointer: `${database.pointer}/options/brute_force_protection`,
              message: `database "${nameOf(database)}" does not turn brute-force protection on`,
            },
          ],
    ),
};

/** The lowest bot-detection level production may run at, and CAPTCHA providers that fail closed. */
export const BOT_DETECTION_LEVELS = ['low', 'medium', 'high'];
export const MIN_BOT_DETECTION_LEVEL = 'medium';

export const botsAndCaptcha: PolicyRule = {
  id: 'attack-protection/bots-and-captcha',
  summary: `bot detection is at least "${MIN_BOT_DETECTION_LEVEL}", and CAPTCHA never fails open`,
  hint: `set botDetection.bot_detection_level: ${MIN_BOT_DETECTION_LEVEL} (or high), and fail_open: false`,
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    const protection = asRecord(tenant.attackProtection);
    const level = asRecord(protection?.botDetection)?.bot_detection_level;
    if (
      typeof level === 'string' &&
      BOT_DETECTION_LEVELS.indexOf(level) < BOT_DETECTION_LEVELS.indexOf(MIN_BOT_DETECTION_LEVEL)
    ) {
      findings.push({
        pointer: '/attackProtection/botDetection/bot_detection_level',
        message: `bot detection is lowered to "${level}"`,
        expected: `${MIN_BOT_DETECTION_LEVEL} or high`,
        found: level,
      });
    }
    // A CAPTCHA that fails open lets every login through while the provider is down, or blocked by the bot.
    for (const [provider, settings] of Object.entries(asRecord(protection?.captcha) ?? {})) {
      if (asRecord(settings)?.fail_open !== true) continue;
      findings.push({
        pointer: `/attackProtection/captcha/${provider}/fail_open`,
        message: `the ${provider} CAPTCHA fails open: when it cannot be checked, the login goes through`,
        expected: 'fail_open: false',
        found: 'true',
      });
    }
    return findings;
  },
};
