import { asRecord, entriesOf, nameOf } from '../checks/read';
import { type PolicyFinding, type PolicyRule, PRODUCTION_ONLY } from './rule';

/**
 * How long a credential stays good once issued. A stolen ID token, refresh token or session cookie is
 * worth as long as it lives; "forever" and "ten years" are never configuration anyone meant.
 */
export const LIMITS = {
  /** ID tokens: ten hours, Auth0's default. */
  idTokenSeconds: 36_000,
  /** Refresh tokens: at most 30 days unused and a year in all. */
  refreshIdleSeconds: 2_592_000,
  refreshAbsoluteSeconds: 31_536_000,
  /** Browser sessions (tenant settings, in hours): at most 30 days, and 7 days idle. */
  sessionHours: 720,
  idleSessionHours: 168,
} as const;

function over(pointer: string, message: string, value: number, limit: number, unit: string): PolicyFinding {
  return { pointer, message, expected: `at most ${limit} ${unit}`, found: `${value} ${unit}` };
}

/**
 * Read for every client by counted loops over records: mostly before V8 optimizes this, and there a
 * for-of over tuples makes objects at each step.
 */
const INFINITE_FLAGS = [
  { flag: 'infinite_token_lifetime', what: 'never expire' },
  { flag: 'infinite_idle_token_lifetime', what: 'never expire while unused' },
] as const;
const REFRESH_LIMITS = [
  { key: 'idle_token_lifetime', limit: LIMITS.refreshIdleSeconds },
  { key: 'token_lifetime', limit: LIMITS.refreshAbsoluteSeconds },
] as const;

export const credentialLifetimes: PolicyRule = {
  id: 'tokens/lifetimes',
  summary: `ID tokens live at most ${LIMITS.idTokenSeconds} s; refresh tokens expire (idle ${LIMITS.refreshIdleSeconds} s, absolute ${LIMITS.refreshAbsoluteSeconds} s); sessions end (${LIMITS.sessionHours} h, idle ${LIMITS.idleSessionHours} h)`,
  hint: 'lower the lifetime to the limit or below; longer sign-ins come from refresh tokens that rotate',
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const client of entriesOf(tenant, 'clients')) {
      const name = nameOf(client);
      const idToken = asRecord(client.item.jwt_configuration)?.lifetime_in_seconds;
      if (typeof idToken === 'number' && idToken > LIMITS.idTokenSeconds) {
        findings.push(
          over(
            `${client.pointer}/jwt_configuration/lifetime_in_seconds`,
            `client "${name}" issues ID tokens valid for ${idToken} s`,
            idToken,
            LIMITS.idTokenSeconds,
            's',
          ),
        );
      }
      const refresh = asRecord(client.item.refresh_token);
      if (!refresh) continue;
      const at = (key: string) => `${client.pointer}/refresh_token/${key}`;
      for (let index = 0; index < INFINITE_FLAGS.length; index++) {
        const { flag, what } = INFINITE_FLAGS[index] as (typeof INFINITE_FLAGS)[number];
        if (refresh[flag] === true) {
          findings.push({
            pointer: at(flag),
            message: `client "${name}"'s refresh tokens ${what}`,
            expected: 'false',
            found: 'true',
          });
        }
      }
      for (let index = 0; index < REFRESH_LIMITS.length; index++) {
        const { key, limit } = REFRESH_LIMITS[index] as (typeof REFRESH_LIMITS)[number];
        const value = refresh[key];
        if (typeof value === 'number' && value > limit) {
          findings.push(
            over(at(key), `client "${name}"'s refresh tokens live ${value} s (${key})`, value, limit, 's'),
          );
        }
      }
    }
    const settings = asRecord(tenant.tenant);
    for (const [key, limit] of [
      ['session_lifetime', LIMITS.sessionHours],
      ['idle_session_lifetime', LIMITS.idleSessionHours],
    ] as const) {
      // deploy-cli takes hours, or minutes under the _in_minutes name.
      const hours = settings?.[key];
      const minutes = settings?.[`${key}_in_minutes`];
      if (typeof hours === 'number' && hours > limit) {
        findings.push(
          over(`/tenant/${key}`, `browser sessions last ${hours} hours (${key})`, hours, limit, 'hours'),
        );
      }
      if (typeof minutes === 'number' && minutes > limit * 60) {
        findings.push(
          over(
            `/tenant/${key}_in_minutes`,
            `browser sessions last ${minutes} minutes (${key}_in_minutes)`,
            minutes,
            limit * 60,
            'minutes',
          ),
        );
      }
    }
    return findings;
  },
};

/** Tenant flags that reopen what Auth0 closed: legacy grants, framing, and a sign-up that tells who exists. */
export const TENANT_FLAGS_OFF = {
  allow_legacy_ro_grant_types: 'the legacy resource-owner grant (passwords sent to /oauth/ro)',
  disable_clickjack_protection_headers: 'no clickjacking protection: the login page can be framed',
  enable_public_signup_user_exists_error: 'sign-up tells anyone whether an email address has an account',
} as const;

export const tenantFlags: PolicyRule = {
  id: 'tenant/flags',
  summary: `the tenant flags ${Object.keys(TENANT_FLAGS_OFF).join(', ')} stay off`,
  hint: 'set the flag to false (or leave it out)',
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const flags = asRecord(asRecord(tenant.tenant)?.flags) ?? {};
    return Object.entries(TENANT_FLAGS_OFF).flatMap(([flag, what]) =>
      flags[flag] === true
        ? [
            {
              pointer: `/tenant/flags/${flag}`,
              message: `${flag} is on: ${what}`,
              expected: 'false',
              found: 'true',
            },
          ]
        : [],
    );
  },
};
